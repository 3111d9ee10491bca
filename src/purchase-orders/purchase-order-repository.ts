/** SQL for purchase orders: the kit's document store with the order's own columns, its record, its sources and its Xero state. */
import type { Knex } from 'knex';
import type { TenantDb } from '../db/tenant-db.js';
import { dbTime, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import { documentStore, lineAmountTypesOf, type DocumentListQuery, type DocumentStoreSpec } from '../documents/index.js';
import { PURCHASE_ORDER_KIND } from './purchase-order-kind.js';
import {
  PURCHASE_ORDER_STATUSES,
  type PurchaseOrder,
  type PurchaseOrderHeader,
  type PurchaseOrderStatus,
  type PurchaseOrderSummary,
} from './purchase-order.js';

const status = (v: unknown): PurchaseOrderStatus => PURCHASE_ORDER_STATUSES.find((s) => s === v) ?? 'draft';
/** '' reads as none, like null. */
const optional = (row: DbRow, key: string): string | null => text(row, key) || null;

/** The list's own filters beyond the kit's: project, sales order, sent to Xero or not. */
export interface PurchaseOrderListQuery extends DocumentListQuery {
  projectId: string;
  salesOrderId: string;
  xero: '' | 'sent' | 'not';
}

export const PURCHASE_ORDER_STORE: DocumentStoreSpec<PurchaseOrderHeader, PurchaseOrderSummary> = {
  kind: PURCHASE_ORDER_KIND,
  summaryColumns: [
    'id',
    'number',
    'contact_id',
    'project_id',
    'sales_order_id',
    'issue_date',
    'delivery_date',
    'reference',
    'currency',
    'status',
    'sub_total',
    'total',
    'xero_purchase_order_id',
    'xero_number',
    'xero_status',
  ],
  summaryFromRow: (row) => ({
    id: requiredText(row, 'id'),
    number: requiredText(row, 'number'),
    contactId: requiredText(row, 'contact_id'),
    contactName: text(row, 'contact_name') ?? '',
    projectId: optional(row, 'project_id'),
    salesOrderId: optional(row, 'sales_order_id'),
    issueDate: requiredText(row, 'issue_date'),
    deliveryDate: optional(row, 'delivery_date'),
    reference: optional(row, 'reference'),
    currency: requiredText(row, 'currency'),
    status: status(row.status),
    subTotal: requiredInt(row, 'sub_total'),
    total: requiredInt(row, 'total'),
    xeroNumber: optional(row, 'xero_number'),
    xeroStatus: optional(row, 'xero_status'),
    sentToXero: optional(row, 'xero_purchase_order_id') !== null,
  }),
  headerColumns: (h) => ({
    number: h.number,
    contact_id: h.contactId,
    project_id: h.projectId,
    issue_date: h.issueDate,
    delivery_date: h.deliveryDate,
    currency: h.currency,
    line_amount_types: h.lineAmountTypes,
    reference: h.reference,
    notes: h.notes,
    delivery_address: h.deliveryAddress,
    attention_to: h.attentionTo,
    telephone: h.telephone,
    delivery_instructions: h.deliveryInstructions,
  }),
  initialStatus: 'draft',
  openStatuses: ['draft', 'ordered', 'received'],
};

/** A sales order line a purchase order line was made from. */
export interface PurchaseOrderSource {
  salesOrderId: string;
  salesOrderLineId: string;
  productId: string | null;
  description: string;
}

/** What Xero answered for a purchase order, stored on it. */
export interface XeroPurchaseOrderRecord {
  purchaseOrderId: string;
  number: string | null;
  status: string | null;
}

export function purchaseOrderRepository(tdb: TenantDb) {
  const store = documentStore(tdb, PURCHASE_ORDER_STORE);
  const narrowOf = (query: Partial<PurchaseOrderListQuery>) => (b: Knex.QueryBuilder) => {
    if (query.projectId) b.where('purchase_orders.project_id', query.projectId);
    if (query.salesOrderId) b.where('purchase_orders.sales_order_id', query.salesOrderId);
    if (query.xero === 'sent') b.whereNotNull('purchase_orders.xero_purchase_order_id');
    if (query.xero === 'not') b.whereNull('purchase_orders.xero_purchase_order_id');
  };
  return {
    ...store,

    list: (query: DocumentListQuery & Partial<PurchaseOrderListQuery>) => store.list(query, narrowOf(query)),
    forProject: (projectId: string): Promise<PurchaseOrderSummary[]> => store.where((b) => b.where('purchase_orders.project_id', projectId)),
    forSalesOrder: (salesOrderId: string): Promise<PurchaseOrderSummary[]> => store.where((b) => b.where('purchase_orders.sales_order_id', salesOrderId)),

    /** Inserts one made from a sales order, with the sales order line each line came from. */
    async insertFromSalesOrder(
      header: PurchaseOrderHeader & { number: string },
      priced: Parameters<typeof store.insert>[1],
      amounts: Parameters<typeof store.insert>[2],
      salesOrderId: string,
      sources: PurchaseOrderSource[],
    ): Promise<string> {
      const id = await store.insert(header, priced, amounts, { sales_order_id: salesOrderId });
      if (sources.length)
        await tdb.insert(
          'purchase_order_sources',
          sources.map((s) => ({
            purchase_order_id: id,
            sales_order_id: s.salesOrderId,
            sales_order_line_id: s.salesOrderLineId,
            product_id: s.productId,
            description: s.description,
          })),
        );
      return id;
    },

    /** The sources of the live (not cancelled) purchase orders made from these sales orders. */
    async liveSources(salesOrderIds: string[]): Promise<(PurchaseOrderSource & { purchaseOrderId: string; purchaseOrderNumber: string })[]> {
      if (salesOrderIds.length === 0) return [];
      const rows: DbRow[] = await tdb
        .from('purchase_order_sources')
        .join(tdb.scoped('purchase_orders', 'po'), 'po.id', 'purchase_order_sources.purchase_order_id')
        .whereIn('purchase_order_sources.sales_order_id', salesOrderIds)
        .whereNot('po.status', 'cancelled')
        .select('purchase_order_sources.*', 'po.number as po_number');
      return rows.map((r) => ({
        purchaseOrderId: requiredText(r, 'purchase_order_id'),
        purchaseOrderNumber: requiredText(r, 'po_number'),
        salesOrderId: requiredText(r, 'sales_order_id'),
        salesOrderLineId: requiredText(r, 'sales_order_line_id'),
        productId: optional(r, 'product_id'),
        description: text(r, 'description') ?? '',
      }));
    },

    async find(id: string): Promise<PurchaseOrder | undefined> {
      // The project's and the sales order's numbers are display joins.
      const row: DbRow | undefined = await store
        .withContact()
        .leftJoin(tdb.scoped('projects', 'p'), 'p.id', 'purchase_orders.project_id')
        .leftJoin(tdb.scoped('sales_orders', 'so'), 'so.id', 'purchase_orders.sales_order_id')
        .where('purchase_orders.id', id)
        .first(['purchase_orders.*', 'c.name as contact_name', 'p.name as project_name', 'so.number as sales_order_number']);
      if (!row) return undefined;
      const xeroId = optional(row, 'xero_purchase_order_id');
      const salesOrderId = optional(row, 'sales_order_id');
      return {
        id: requiredText(row, 'id'),
        number: requiredText(row, 'number'),
        contactId: requiredText(row, 'contact_id'),
        contactName: text(row, 'contact_name') ?? '',
        projectId: optional(row, 'project_id'),
        projectName: optional(row, 'project_name'),
        salesOrder: salesOrderId ? { id: salesOrderId, number: text(row, 'sales_order_number') ?? '' } : null,
        issueDate: requiredText(row, 'issue_date'),
        deliveryDate: optional(row, 'delivery_date'),
        currency: requiredText(row, 'currency'),
        lineAmountTypes: lineAmountTypesOf(row.line_amount_types),
        reference: optional(row, 'reference'),
        notes: optional(row, 'notes'),
        status: status(row.status),
        deliveryAddress: optional(row, 'delivery_address'),
        attentionTo: optional(row, 'attention_to'),
        telephone: optional(row, 'telephone'),
        deliveryInstructions: optional(row, 'delivery_instructions'),
        subTotal: requiredInt(row, 'sub_total'),
        totalTax: requiredInt(row, 'total_tax'),
        total: requiredInt(row, 'total'),
        lines: await store.lines(id),
        updatedAt: String(row.updated_at ?? ''),
        xero: xeroId
          ? {
              purchaseOrderId: xeroId,
              number: optional(row, 'xero_number'),
              status: optional(row, 'xero_status'),
              sentAt: optional(row, 'xero_sent_at'),
              checkedAt: optional(row, 'xero_checked_at'),
              fingerprint: optional(row, 'xero_fingerprint'),
            }
          : null,
      };
    },

    /** After a send: Xero's id, number, status and what was sent (fingerprint; its lines' ids are the sync engine's `xero_sent_lines`). */
    recordSent: (id: string, xero: XeroPurchaseOrderRecord, fingerprint: string, at: Date): Promise<number> =>
      tdb.update(
        'purchase_orders',
        { id },
        {
          xero_purchase_order_id: xero.purchaseOrderId,
          xero_number: xero.number,
          xero_status: xero.status,
          xero_fingerprint: fingerprint,
          xero_sent_at: dbTime(at),
          xero_checked_at: dbTime(at),
        },
      ),

    /** What a poll or a refresh learnt: Xero's number and status, and the status here that follows from it. */
    recordXeroState: (id: string, xero: { number: string | null; status: string | null }, newStatus: PurchaseOrderStatus | null, at: Date): Promise<number> =>
      tdb.update(
        'purchase_orders',
        { id },
        { xero_number: xero.number, xero_status: xero.status, xero_checked_at: dbTime(at), ...(newStatus ? { status: newStatus } : {}) },
      ),

    /** Sent purchase orders by their Xero ID (for a poll's answer). */
    async byXeroIds(xeroIds: string[]): Promise<{ id: string; xeroId: string; status: PurchaseOrderStatus; xeroStatus: string | null }[]> {
      if (xeroIds.length === 0) return [];
      const rows: DbRow[] = await tdb
        .from('purchase_orders')
        .whereIn('xero_purchase_order_id', xeroIds)
        .select('id', 'xero_purchase_order_id', 'status', 'xero_status');
      return rows.map((r) => ({
        id: requiredText(r, 'id'),
        xeroId: requiredText(r, 'xero_purchase_order_id'),
        status: status(r.status),
        xeroStatus: optional(r, 'xero_status'),
      }));
    },
  };
}

export type PurchaseOrderRepository = ReturnType<typeof purchaseOrderRepository>;
