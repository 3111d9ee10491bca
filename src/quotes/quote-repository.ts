/** SQL for quotes and their lines, through the organisation's tenant handle only. */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { QUOTE_LINES, readLines, replaceLines } from '../sales/line-repository.js';
import { inIdOrder } from '../db/paging.js';
import { documentPageIds, type DocumentListQuery } from '../sales/document-list.js';
import type { DocumentAmounts, DocumentLine } from '../sales/lines.js';
import { LINE_AMOUNT_TYPES, type LineAmountTypes } from '../sales/totals.js';
import { dateOf, int, opt, str, type Row } from '../sales/row-values.js';
import { QUOTE_STATUSES, type Quote, type QuoteHeader, type QuoteStatus, type QuoteSummary } from './quote.js';

const status = (v: unknown): QuoteStatus => (QUOTE_STATUSES as readonly unknown[]).includes(v) ? (v as QuoteStatus) : 'draft';
const types = (v: unknown): LineAmountTypes => (LINE_AMOUNT_TYPES as readonly unknown[]).includes(v) ? (v as LineAmountTypes) : 'Exclusive';

function summaryFromRow(row: Row): QuoteSummary {
  return {
    id: str(row.id), number: str(row.number), contactId: str(row.contact_id), contactName: str(row.contact_name),
    issueDate: str(row.issue_date), expiryDate: opt(row.expiry_date), reference: opt(row.reference),
    currency: str(row.currency), status: status(row.status), total: int(row.total),
  };
}

const SUMMARY_COLUMNS = ['quotes.id', 'quotes.number', 'quotes.contact_id', 'c.name as contact_name', 'quotes.issue_date', 'quotes.expiry_date',
  'quotes.reference', 'quotes.currency', 'quotes.status', 'quotes.total'];

export function quoteRepository(tdb: TenantDb) {
  const withContact = () => tdb.from('quotes').leftJoin(tdb.scoped('contacts', 'c'), 'c.id', 'quotes.contact_id');

  return {
    async list(query: DocumentListQuery): Promise<{ rows: QuoteSummary[]; total: number }> {
      // As sales orders: the page's ids (and the total) from the list index, then only those quotes with their contact.
      const { ids, total } = await documentPageIds(tdb, 'quotes', query);
      const rows: Row[] = ids.length === 0 ? [] : await withContact().whereIn('quotes.id', ids).select(SUMMARY_COLUMNS);
      return { rows: inIdOrder(ids, rows).map(summaryFromRow), total };
    },

    async latest(limit: number): Promise<QuoteSummary[]> {
      const rows: Row[] = await withContact().select(SUMMARY_COLUMNS).orderBy('quotes.created_at', 'desc').orderBy('quotes.number', 'desc').limit(limit);
      return rows.map(summaryFromRow);
    },

    async find(id: string): Promise<Quote | undefined> {
      const row: Row | undefined = await withContact().where('quotes.id', id).first(['quotes.*', 'c.name as contact_name']);
      if (!row) return undefined;
      const order: Row | undefined = await tdb.from('sales_orders').where({ quote_id: id }).first('id', 'number');
      return {
        id: str(row.id), number: str(row.number), contactId: str(row.contact_id), contactName: str(row.contact_name),
        issueDate: str(row.issue_date), expiryDate: opt(row.expiry_date), currency: str(row.currency), lineAmountTypes: types(row.line_amount_types),
        reference: opt(row.reference), notes: opt(row.notes), status: status(row.status),
        subTotal: int(row.sub_total), totalTax: int(row.total_tax), total: int(row.total),
        lines: await readLines(tdb, QUOTE_LINES, id),
        salesOrder: order ? { id: str(order.id), number: str(order.number) } : null,
        createdAt: dateOf(row.created_at), updatedAt: dateOf(row.updated_at),
      };
    },

    async insert(header: QuoteHeader & { number: string }, lines: DocumentLine[], amounts: DocumentAmounts): Promise<string> {
      const id = randomUUID();
      await tdb.insert('quotes', { id, ...headerColumns(header), number: header.number, status: 'draft', ...amountColumns(amounts) });
      await replaceLines(tdb, QUOTE_LINES, id, lines);
      return id;
    },

    async update(id: string, header: QuoteHeader & { number: string }, lines: DocumentLine[], amounts: DocumentAmounts): Promise<void> {
      await tdb.update('quotes', { id }, { ...headerColumns(header), number: header.number, ...amountColumns(amounts), updated_at: new Date().toISOString() });
      await replaceLines(tdb, QUOTE_LINES, id, lines);
    },

    async setStatus(id: string, next: QuoteStatus): Promise<number> {
      return tdb.update('quotes', { id }, { status: next, updated_at: new Date().toISOString() });
    },

    async remove(id: string): Promise<number> {
      return tdb.delete('quotes', { id });
    },

    /** Open quotes (draft or sent): how many and their value, per currency. */
    async openTotals(): Promise<{ currency: string; count: number; total: number }[]> {
      const rows: Row[] = await tdb.from('quotes').whereIn('status', ['draft', 'sent']).groupBy('currency')
        .select('currency').count({ n: '*' }).sum({ total: 'total' }).orderBy('currency');
      return rows.map((r) => ({ currency: str(r.currency), count: int(r.n), total: int(r.total) }));
    },
  };
}

function headerColumns(header: QuoteHeader) {
  return {
    contact_id: header.contactId, issue_date: header.issueDate, expiry_date: header.expiryDate, currency: header.currency,
    line_amount_types: header.lineAmountTypes, reference: header.reference, notes: header.notes,
  };
}

function amountColumns(amounts: DocumentAmounts) {
  return { sub_total: amounts.subTotal, total_tax: amounts.totalTax, total: amounts.total };
}

export type QuoteRepository = ReturnType<typeof quoteRepository>;
