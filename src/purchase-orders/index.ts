/** Purchase orders: the public surface for the app (routes, the project contribution, what sales orders' figures ask). */
export { purchaseOrderRoutes, purchaseOrdersOfSalesOrder, type PurchaseOrderRouteDeps } from './purchase-order-routes.js';
export { purchaseOrderService, type PurchaseOrderService } from './purchase-order-service.js';
export { purchaseOrderProjectContribution } from './purchase-order-project-contribution.js';
export { purchaseOrderedLines } from './ordered-lines.js';
export { PURCHASE_ORDER_KIND } from './purchase-order-kind.js';
export { xeroStatusLabel as purchaseOrderXeroStatusLabel } from './purchase-order-view-model.js';
export { purchaseOrderRepository, type PurchaseOrderRepository } from './purchase-order-repository.js';
export { PURCHASE_ORDER_STATUSES, PURCHASE_ORDER_STATUS_LABELS, type PurchaseOrder, type PurchaseOrderSummary } from './purchase-order.js';
export { purchaseOrderContactContribution } from './purchase-order-contact-contribution.js';
