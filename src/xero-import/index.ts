/** Import from Xero: the public surface. */
export { xeroImportRoutes } from './xero-import-routes.js';
export { xeroImports, type XeroImports, type XeroImportDeps, type XeroImportSourceFor } from './xero-import-service.js';
export { xeroImportSourceAdapter } from './xero-import-source.js';
export type { XeroImportSource } from './import-kinds.js';
export { mapXeroContact } from './xero-contact-mapper.js';
export { mapXeroItem } from './xero-item-mapper.js';
export type { ImportRun, ImportKind, ImportStatus, ImportedContact, ImportedItem } from './xero-import.js';
