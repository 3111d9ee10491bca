/** SQL for sales orders and their lines, through the organisation's tenant handle only. */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { readLines, replaceLines, SALES_ORDER_LINES } from '../sales/line-repository.js';
import { inIdOrder } from '../db/paging.js';
import { documentPageIds, type DocumentListQuery } from '../sales/document-list.js';
import type { DocumentAmounts, DocumentLine } from '../sales/lines.js';
import { LINE_AMOUNT_TYPES, type LineAmountTypes } from '../sales/totals.js';
import { int, nowIso, opt, optInt, str, type Row } from '../sales/row-values.js';
import { SALES_ORDER_STATUSES, type SalesOrder, type SalesOrderHeader, type SalesOrderStatus, type SalesOrderSummary } from './sales-order.js';

const status = (v: unknown): SalesOrderStatus => (SALES_ORDER_STATUSES as readonly unknown[]).includes(v) ? (v as SalesOrderStatus) : 'open';
const types = (v: unknown): LineAmountTypes => (LINE_AMOUNT_TYPES as readonly unknown[]).includes(v) ? (v as LineAmountTypes) : 'Exclusive';

const SUMMARY_COLUMNS = ['sales_orders.id', 'sales_orders.number', 'sales_orders.contact_id', 'c.name as contact_name', 'sales_orders.project_id',
  'sales_orders.issue_date', 'sales_orders.reference', 'sales_orders.currency', 'sales_orders.status', 'sales_orders.sub_total', 'sales_orders.total'];

function summaryFromRow(row: Row): SalesOrderSummary {
  return {
    id: str(row.id), number: str(row.number), contactId: str(row.contact_id), contactName: str(row.contact_name), projectId: opt(row.project_id),
    issueDate: str(row.issue_date), reference: opt(row.reference), currency: str(row.currency), status: status(row.status),
    subTotal: int(row.sub_total), total: int(row.total),
  };
}

function headerColumns(h: SalesOrderHeader & { number: string }) {
  return {
    number: h.number, contact_id: h.contactId, project_id: h.projectId, issue_date: h.issueDate, due_date: h.dueDate, currency: h.currency,
    line_amount_types: h.lineAmountTypes, reference: h.reference, notes: h.notes,
    delivery_address: h.deliveryAddress, delivery_date: h.deliveryDate, delivery_instructions: h.deliveryInstructions,
  };
}

const amountColumns = (a: DocumentAmounts) => ({ sub_total: a.subTotal, total_tax: a.totalTax, total: a.total });

export function salesOrderRepository(tdb: TenantDb) {
  const withContact = () => tdb.from('sales_orders').leftJoin(tdb.scoped('contacts', 'c'), 'c.id', 'sales_orders.contact_id');

  return {
    async list(query: DocumentListQuery & { projectId?: string }): Promise<{ rows: SalesOrderSummary[]; total: number }> {
      // The page's ids (and the total) first, from the list index; then only those orders with their contact.
      const { projectId } = query;
      const { ids, total } = await documentPageIds(tdb, 'sales_orders', query, projectId ? (b) => b.where('sales_orders.project_id', projectId) : undefined);
      const rows: Row[] = ids.length === 0 ? [] : await withContact().whereIn('sales_orders.id', ids).select(SUMMARY_COLUMNS);
      return { rows: inIdOrder(ids, rows).map(summaryFromRow), total };
    },

    async forProject(projectId: string): Promise<SalesOrderSummary[]> {
      const rows: Row[] = await withContact().where('sales_orders.project_id', projectId).select(SUMMARY_COLUMNS)
        .orderBy('sales_orders.issue_date', 'desc').orderBy('sales_orders.number', 'desc');
      return rows.map(summaryFromRow);
    },

    async latest(limit: number): Promise<SalesOrderSummary[]> {
      const rows: Row[] = await withContact().select(SUMMARY_COLUMNS).orderBy('sales_orders.created_at', 'desc').orderBy('sales_orders.number', 'desc').limit(limit);
      return rows.map(summaryFromRow);
    },

    async find(id: string): Promise<SalesOrder | undefined> {
      const row: Row | undefined = await withContact().leftJoin(tdb.scoped('projects', 'p'), 'p.id', 'sales_orders.project_id')
        .leftJoin(tdb.scoped('quotes', 'q'), 'q.id', 'sales_orders.quote_id')
        .where('sales_orders.id', id).first(['sales_orders.*', 'c.name as contact_name', 'p.name as project_name', 'q.number as quote_number']);
      if (!row) return undefined;
      const invoiceId = opt(row.xero_invoice_id);
      return {
        id: str(row.id), number: str(row.number), contactId: str(row.contact_id), contactName: str(row.contact_name),
        projectId: opt(row.project_id), projectName: opt(row.project_name),
        quote: opt(row.quote_id) ? { id: str(row.quote_id), number: str(row.quote_number) } : null,
        issueDate: str(row.issue_date), dueDate: opt(row.due_date), currency: str(row.currency), lineAmountTypes: types(row.line_amount_types),
        reference: opt(row.reference), notes: opt(row.notes), status: status(row.status),
        deliveryAddress: opt(row.delivery_address), deliveryDate: opt(row.delivery_date), deliveryInstructions: opt(row.delivery_instructions),
        subTotal: int(row.sub_total), totalTax: int(row.total_tax), total: int(row.total),
        lines: await readLines(tdb, SALES_ORDER_LINES, id),
        xeroInvoice: invoiceId ? {
          invoiceId, number: opt(row.xero_invoice_number), status: opt(row.xero_invoice_status), amountPaid: optInt(row.xero_amount_paid),
          amountDue: optInt(row.xero_amount_due), paidDate: opt(row.xero_paid_date), url: opt(row.xero_invoice_url),
        } : null,
      };
    },

    async insert(header: SalesOrderHeader & { number: string }, lines: DocumentLine[], amounts: DocumentAmounts, quoteId: string | null = null): Promise<string> {
      const id = randomUUID();
      await tdb.insert('sales_orders', { id, ...headerColumns(header), quote_id: quoteId, status: 'open', ...amountColumns(amounts) });
      await replaceLines(tdb, SALES_ORDER_LINES, id, lines);
      return id;
    },

    async update(id: string, header: SalesOrderHeader & { number: string }, lines: DocumentLine[], amounts: DocumentAmounts): Promise<void> {
      await tdb.update('sales_orders', { id }, { ...headerColumns(header), ...amountColumns(amounts), updated_at: nowIso() });
      await replaceLines(tdb, SALES_ORDER_LINES, id, lines);
    },

    setStatus: (id: string, next: SalesOrderStatus) => tdb.update('sales_orders', { id }, { status: next, updated_at: nowIso() }),
    remove: (id: string) => tdb.delete('sales_orders', { id }),

    async openTotals(): Promise<{ currency: string; count: number; total: number }[]> {
      const rows: Row[] = await tdb.from('sales_orders').where('status', 'open').groupBy('currency')
        .select('currency').count({ n: '*' }).sum({ total: 'total' }).orderBy('currency');
      return rows.map((r) => ({ currency: str(r.currency), count: int(r.n), total: int(r.total) }));
    },
  };
}

export type SalesOrderRepository = ReturnType<typeof salesOrderRepository>;
