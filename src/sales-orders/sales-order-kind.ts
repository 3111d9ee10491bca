/** Sales orders as a configuration of the document kit (src/documents). */
import type { DocumentKind } from '../documents/index.js';

export const SALES_ORDER_KIND: DocumentKind = {
  key: 'sales_order',
  numberPrefix: 'SO',
  tables: { documents: 'sales_orders', lines: 'sales_order_lines', lineParent: 'sales_order_id' },
  ledgerSide: 'sales',
  counterparty: 'contact',
  basePath: '/sales-orders',
  views: 'sales-orders',
  messages: { noun: 'sales order', title: 'Sales order', plural: 'Sales orders', deleteHint: 'To keep a record, cancel it instead.' },
};
