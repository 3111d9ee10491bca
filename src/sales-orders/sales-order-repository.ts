/** SQL for sales orders: the kit's document store with the order's own columns, and its record. */
import type { TenantDb } from '../db/tenant-db.js';
import { int, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import {
  documentStore,
  lineAmountTypesOf,
  type DocumentAmounts,
  type DocumentLine,
  type DocumentListQuery,
  type DocumentStoreSpec,
} from '../documents/index.js';
import { SALES_ORDER_KIND } from './sales-order-kind.js';
import { INVOICE_LIST_FILTER } from './sales-order-invoice-status.js';
import { SALES_ORDER_STATUSES, type SalesOrder, type SalesOrderHeader, type SalesOrderStatus, type SalesOrderSummary } from './sales-order.js';

const status = (v: unknown): SalesOrderStatus => SALES_ORDER_STATUSES.find((s) => s === v) ?? 'open';
/** '' reads as none, like null. */
const optional = (row: DbRow, key: string): string | null => text(row, key) || null;

export const SALES_ORDER_STORE: DocumentStoreSpec<SalesOrderHeader, SalesOrderSummary> = {
  kind: SALES_ORDER_KIND,
  summaryColumns: [
    'id',
    'number',
    'contact_id',
    'project_id',
    'issue_date',
    'reference',
    'currency',
    'status',
    'sub_total',
    'total',
    'xero_invoice_id',
    'xero_invoice_status',
    'xero_amount_due',
    'xero_due_date',
  ],
  summaryFromRow: (row) => ({
    id: requiredText(row, 'id'),
    number: requiredText(row, 'number'),
    contactId: requiredText(row, 'contact_id'),
    contactName: text(row, 'contact_name') ?? '',
    projectId: optional(row, 'project_id'),
    issueDate: requiredText(row, 'issue_date'),
    reference: optional(row, 'reference'),
    currency: requiredText(row, 'currency'),
    status: status(row.status),
    subTotal: requiredInt(row, 'sub_total'),
    total: requiredInt(row, 'total'),
    invoice: optional(row, 'xero_invoice_id')
      ? { status: optional(row, 'xero_invoice_status'), amountDue: int(row, 'xero_amount_due'), dueDate: optional(row, 'xero_due_date') }
      : null,
  }),
  headerColumns: (h) => ({
    number: h.number,
    contact_id: h.contactId,
    project_id: h.projectId,
    issue_date: h.issueDate,
    due_date: h.dueDate,
    currency: h.currency,
    line_amount_types: h.lineAmountTypes,
    reference: h.reference,
    notes: h.notes,
    delivery_address: h.deliveryAddress,
    delivery_date: h.deliveryDate,
    delivery_instructions: h.deliveryInstructions,
  }),
  initialStatus: 'open',
  openStatuses: ['open'],
  listFilters: [INVOICE_LIST_FILTER],
};

function orderFromRow(row: DbRow, lines: DocumentLine[]): SalesOrder {
  const invoiceId = optional(row, 'xero_invoice_id');
  const quoteId = optional(row, 'quote_id');
  return {
    id: requiredText(row, 'id'),
    number: requiredText(row, 'number'),
    contactId: requiredText(row, 'contact_id'),
    contactName: text(row, 'contact_name') ?? '',
    projectId: optional(row, 'project_id'),
    projectName: optional(row, 'project_name'),
    quote: quoteId ? { id: quoteId, number: text(row, 'quote_number') ?? '' } : null,
    issueDate: requiredText(row, 'issue_date'),
    dueDate: optional(row, 'due_date'),
    currency: requiredText(row, 'currency'),
    lineAmountTypes: lineAmountTypesOf(row.line_amount_types),
    reference: optional(row, 'reference'),
    notes: optional(row, 'notes'),
    status: status(row.status),
    deliveryAddress: optional(row, 'delivery_address'),
    deliveryDate: optional(row, 'delivery_date'),
    deliveryInstructions: optional(row, 'delivery_instructions'),
    subTotal: requiredInt(row, 'sub_total'),
    totalTax: requiredInt(row, 'total_tax'),
    total: requiredInt(row, 'total'),
    lines,
    xeroInvoice: invoiceId
      ? {
          invoiceId,
          number: optional(row, 'xero_invoice_number'),
          status: optional(row, 'xero_invoice_status'),
          amountPaid: int(row, 'xero_amount_paid'),
          amountDue: int(row, 'xero_amount_due'),
          paidDate: optional(row, 'xero_paid_date'),
          url: optional(row, 'xero_invoice_url'),
        }
      : null,
  };
}

const rowsOfLoaded = new WeakMap<SalesOrder, DbRow>();

/**
 * The `sales_orders` row an order was read from, for its record page's panels (the Xero invoice panel
 * reads the order's Xero columns from it instead of reading the row again); undefined for other objects.
 */
export function rowOfLoadedOrder(order: object): DbRow | undefined {
  return rowsOfLoaded.get(order as SalesOrder);
}

export function salesOrderRepository(tdb: TenantDb) {
  const store = documentStore(tdb, SALES_ORDER_STORE);

  /** Orders with their lines in two statements, whatever their number (a bulk batch reads its 50 at once). */
  async function findMany(ids: readonly string[]): Promise<Map<string, SalesOrder>> {
    const out = new Map<string, SalesOrder>();
    if (ids.length === 0) return out;
    // The project's and the quote's names are display joins.
    const rows: DbRow[] = await store
      .withContact()
      .leftJoin(tdb.scoped('projects', 'p'), 'p.id', 'sales_orders.project_id')
      .leftJoin(tdb.scoped('quotes', 'q'), 'q.id', 'sales_orders.quote_id')
      .whereIn('sales_orders.id', [...new Set(ids)])
      .select(['sales_orders.*', 'c.name as contact_name', 'p.name as project_name', 'q.number as quote_number']);
    const lines = await store.linesOf(rows.map((r) => requiredText(r, 'id')));
    for (const row of rows) {
      const order = orderFromRow(row, lines.get(requiredText(row, 'id')) ?? []);
      rowsOfLoaded.set(order, row);
      out.set(order.id, order);
    }
    return out;
  }

  return {
    ...store,

    list: (query: DocumentListQuery & { projectId?: string }) => {
      const { projectId } = query;
      return store.list(query, projectId ? (b) => b.where('sales_orders.project_id', projectId) : undefined);
    },

    forProject: (projectId: string): Promise<SalesOrderSummary[]> => store.where((b) => b.where('sales_orders.project_id', projectId)),

    /** An order made from a quote keeps the link (`quote_id`, unique: one order per quote). */
    insertFromQuote: (header: SalesOrderHeader & { number: string }, lines: DocumentLine[], amounts: DocumentAmounts, quoteId: string): Promise<string> =>
      store.insert(header, lines, amounts, { quote_id: quoteId }),

    find: async (id: string): Promise<SalesOrder | undefined> => (await findMany([id])).get(id),

    findMany,
  };
}

export type SalesOrderRepository = ReturnType<typeof salesOrderRepository>;
