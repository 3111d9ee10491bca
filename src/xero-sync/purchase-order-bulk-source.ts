/** The purchase orders list's bulk send: 50 a call (purchase-order-batch.ts); a cancelled one never sent is left out, as its single send stops. */
import { PURCHASE_ORDER_STATUSES } from '../purchase-orders/index.js';
import { documentBulkSource } from './document-bulk-source.js';
import { purchaseOrderHandler } from './purchase-order-send.js';

export const purchaseOrderBulkSource = documentBulkSource({
  kind: purchaseOrderHandler.kind,
  noun: 'purchase order',
  plural: 'purchase orders',
  xeroPlural: 'purchase orders',
  listPath: '/purchase-orders',
  table: 'purchase_orders',
  statuses: PURCHASE_ORDER_STATUSES,
  xeroIdColumn: 'xero_purchase_order_id',
  extraParams: ['xero', 'projectId', 'salesOrderId'],
  narrow: (query) => (b) => {
    if (query.projectId) b.where('purchase_orders.project_id', query.projectId);
    if (query.salesOrderId) b.where('purchase_orders.sales_order_id', query.salesOrderId);
    if (query.xero === 'sent') b.whereNotNull('purchase_orders.xero_purchase_order_id');
    if (query.xero === 'not') b.whereNull('purchase_orders.xero_purchase_order_id');
  },
  label: (row) => `${row.number} (${row.contactName})`,
  skipReason: (row) => (row.status === 'cancelled' && !row.sent ? 'cancelled' : null),
  // Xero's copy is not read before an update (as the single send).
  callsPerUpdate: 1,
});
