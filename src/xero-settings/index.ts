/** Xero settings cache: the public surface (see README.md). */
export type { XeroSettingsSource } from './xero-settings-source.js';
export { xeroSettingsReader, type XeroSettingsReader, type UseFilter, type LineLabelRows } from './xero-settings-reader.js';
export { refreshXeroSettings, xeroSettingsSummary, type RefreshResult } from './xero-settings-service.js';
export { xeroSettingsRoutes, type XeroSettingsRouteDeps } from './xero-settings-routes.js';
export type { TrackingCategoryOption, SettingsKind } from './xero-settings.js';
export { toScaled4, xeroDate } from './xero-settings-mappers.js';
export { xeroDefaultsFor } from './xero-defaults-service.js';
export type { XeroDefaults, DefaultReference, DefaultTracking, InvoiceStatus, PurchaseOrderStatus, DueDateRule, InvoiceNumbering } from './xero-defaults.js';
export { xeroSettingsDashboard } from './xero-settings-dashboard.js';
export { mappingSnapshot, type MappingSnapshot, type SnapshotRef, type SnapshotTrackingCategory, type SnapshotWanted } from './mapping-snapshot.js';
export { productFormDefaults, type ProductFormDefaults } from './product-defaults.js';
