/** Sales orders invoiced in Xero: the public surface (see README.md). */
export { salesInvoiceHandler, invoiceXeroPath, type InvoiceHandlerDeps } from './invoice-send.js';
export { salesOrderBulkSource } from './invoice-bulk-source.js';
export { salesInvoiceEventHandler, type InvoiceOwner, salesInvoicesPollKind, refreshOrderInvoice } from './invoice-updates.js';
export { invoicePanels, type InvoicePanels } from './invoice-panel.js';
export { invoicePagePanel, invoiceRoutes, type InvoiceRouteDeps } from './invoice-routes.js';
export { invoiceDashboard } from './invoice-dashboard.js';
export { INVOICE_STATUS_LABELS, snapshotOf, statusLabel, type XeroInvoiceSnapshot } from './invoice-state.js';
export { salesLinesForXero, storedXeroContactId } from './order-invoice.js';
