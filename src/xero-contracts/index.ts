/** Contracts billed through Xero repeating invoices: the public surface (see README.md). */
export { contractRepeatingInvoiceHandler, repeatingInvoiceXeroPath } from './contract-send.js';
export { contractInvoiceOwner, contractsPollKind, refreshContractFromXero } from './contract-xero-updates.js';
export { contractXeroPanels, type ContractXeroPanels } from './contract-xero-panel.js';
export { contractBilledInXero, contractXeroPagePanel, contractXeroRoutes, onContractCancelled, type ContractXeroRouteDeps } from './contract-xero-routes.js';
export { CONTRACT_RECORD_KIND } from './contract-xero-links.js';
