/** SQL for quotes: the kit's document store with the quote's own columns, and its record. */
import type { TenantDb } from '../db/tenant-db.js';
import { requiredDate, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import { documentStore, lineAmountTypesOf, type DocumentStoreSpec } from '../documents/index.js';
import { QUOTE_KIND } from './quote-kind.js';
import { QUOTE_STATUSES, type Quote, type QuoteHeader, type QuoteStatus, type QuoteSummary, type SalesOrderOfQuote } from './quote.js';

const status = (v: unknown): QuoteStatus => QUOTE_STATUSES.find((s) => s === v) ?? 'draft';
/** '' reads as none, like null. */
const optional = (row: DbRow, key: string): string | null => text(row, key) || null;

export const QUOTE_STORE: DocumentStoreSpec<QuoteHeader, QuoteSummary> = {
  kind: QUOTE_KIND,
  summaryColumns: ['id', 'number', 'contact_id', 'issue_date', 'expiry_date', 'reference', 'currency', 'status', 'sub_total', 'total'],
  summaryFromRow: (row) => ({
    id: requiredText(row, 'id'),
    number: requiredText(row, 'number'),
    contactId: requiredText(row, 'contact_id'),
    contactName: text(row, 'contact_name') ?? '',
    issueDate: requiredText(row, 'issue_date'),
    expiryDate: optional(row, 'expiry_date'),
    reference: optional(row, 'reference'),
    currency: requiredText(row, 'currency'),
    status: status(row.status),
    subTotal: requiredInt(row, 'sub_total'),
    total: requiredInt(row, 'total'),
  }),
  headerColumns: (h) => ({
    number: h.number,
    contact_id: h.contactId,
    issue_date: h.issueDate,
    expiry_date: h.expiryDate,
    project_id: h.projectId,
    currency: h.currency,
    line_amount_types: h.lineAmountTypes,
    reference: h.reference,
    notes: h.notes,
  }),
  initialStatus: 'draft',
  openStatuses: ['draft', 'sent'],
};

/** `salesOrderOf` tells a quote's record which sales order it became (src/sales-orders answers). */
export function quoteRepository(tdb: TenantDb, salesOrderOf: SalesOrderOfQuote) {
  const store = documentStore(tdb, QUOTE_STORE);
  return {
    ...store,

    async find(id: string): Promise<Quote | undefined> {
      // The project's name is a display join.
      const row: DbRow | undefined = await store
        .withContact()
        .leftJoin(tdb.scoped('projects', 'p'), 'p.id', 'quotes.project_id')
        .where('quotes.id', id)
        .first(['quotes.*', 'c.name as contact_name', 'p.name as project_name']);
      if (!row) return undefined;
      const salesOrder = await salesOrderOf(tdb, id);
      return {
        id: requiredText(row, 'id'),
        number: requiredText(row, 'number'),
        contactId: requiredText(row, 'contact_id'),
        contactName: text(row, 'contact_name') ?? '',
        issueDate: requiredText(row, 'issue_date'),
        expiryDate: optional(row, 'expiry_date'),
        projectId: optional(row, 'project_id'),
        projectName: optional(row, 'project_name'),
        currency: requiredText(row, 'currency'),
        lineAmountTypes: lineAmountTypesOf(row.line_amount_types),
        reference: optional(row, 'reference'),
        notes: optional(row, 'notes'),
        status: status(row.status),
        subTotal: requiredInt(row, 'sub_total'),
        totalTax: requiredInt(row, 'total_tax'),
        total: requiredInt(row, 'total'),
        lines: await store.lines(id),
        salesOrder,
        createdAt: requiredDate(row, 'created_at'),
        updatedAt: requiredDate(row, 'updated_at'),
      };
    },
  };
}

export type QuoteRepository = ReturnType<typeof quoteRepository>;
