/** Sales orders: the public surface for the dashboard and the app. */
export { salesOrderRoutes, type SalesOrderRouteDeps } from './sales-order-routes.js';
export { salesOrderService, type SalesOrderService } from './sales-order-service.js';
export { rowOfLoadedOrder, salesOrderRepository } from './sales-order-repository.js';
export { salesOrderRowView } from './sales-order-view-model.js';
export { salesOrderProjectContribution, salesOrderProjectContributionWith, type OrderedSalesOrderLines } from './sales-order-project-contribution.js';
export { salesOrderLineRows, type SalesOrderLineRow } from './sales-order-lines.js';
export { SALES_ORDER_KIND } from './sales-order-kind.js';
export { salesOrderOfQuote } from './sales-order-of-quote.js';
export { SALES_ORDER_STATUSES, SALES_ORDER_STATUS_LABELS, type SalesOrder, type SalesOrderSummary } from './sales-order.js';
export { salesOrderDashboard } from './sales-order-dashboard.js';
export { salesOrderSearch } from './sales-order-search.js';
export { XERO_INVOICE_STATUS_BADGES, XERO_INVOICE_STATUS_LABELS } from './sales-order-invoice-status.js';
export { salesOrderContactContribution } from './sales-order-contact-contribution.js';
export { INVOICE_LIST_FILTER as SALES_ORDER_INVOICE_FILTER } from './sales-order-invoice-status.js';
