/** Purchase orders as a configuration of the document kit (src/documents): purchases side, a supplier, PO-0001. */
import type { DocumentKind } from '../documents/index.js';

export const PURCHASE_ORDER_KIND: DocumentKind = {
  key: 'purchase_order',
  numberPrefix: 'PO',
  tables: { documents: 'purchase_orders', lines: 'purchase_order_lines', lineParent: 'purchase_order_id' },
  ledgerSide: 'purchases',
  counterparty: 'supplier',
  basePath: '/purchase-orders',
  views: 'purchase-orders',
  messages: { noun: 'purchase order', title: 'Purchase order', plural: 'Purchase orders', deleteHint: 'To keep a record, cancel it instead.' },
};
