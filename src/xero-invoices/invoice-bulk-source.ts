/** The sales orders list's bulk send: each order becomes (or updates) its Xero invoice, 50 a call (invoice-batch.ts). */
import { SALES_ORDER_INVOICE_FILTER, SALES_ORDER_STATUSES } from '../sales-orders/index.js';
import { documentBulkSource } from '../xero-sync/index.js';
import { SALES_ORDER_KIND } from './invoice-links.js';

export const salesOrderBulkSource = documentBulkSource({
  kind: SALES_ORDER_KIND,
  noun: 'sales order',
  plural: 'sales orders',
  xeroPlural: 'invoices',
  listPath: '/sales-orders',
  table: 'sales_orders',
  statuses: SALES_ORDER_STATUSES,
  listFilters: [SALES_ORDER_INVOICE_FILTER],
  xeroIdColumn: 'xero_invoice_id',
  label: (row) => row.number,
  // A changed invoice is read first (paid, voided… in Xero stops it), then updated.
  callsPerUpdate: 2,
});
