/**
 * Quote use-cases: create and edit (header and lines in one transaction), status changes, delete.
 * Validation failures throw ValidationError with per-field messages; nothing is written then.
 */
import { ConflictError, NotFoundError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import { draftFromLine } from '../sales/drafts.js';
import { guardNumberRace } from '../sales/document-checks.js';
import type { DocumentListQuery } from '../sales/document-list.js';
import { validateDocument } from '../sales/document-validation.js';
import { addDaysIso, todayIso } from '../common/dates.js';
import type { FormValues } from '../http/form-input.js';
import { emptyLineDraft, type LineDraft } from '../sales/lines.js';
import { peekNextNumber, QUOTE_NUMBERS, takeNextNumber } from '../sales/numbering.js';
import type { SalesLookupsLoader } from '../sales/sales-lookups.js';
import { quoteRepository } from './quote-repository.js';
import { quoteHeaderSchema, type QuoteForm } from './quote-schema.js';
import type { Quote, QuoteStatus, QuoteSummary } from './quote.js';

export interface QuoteServiceDeps {
  tdb: TenantDb;
  /** The organisation's dropdown choices (settings cache and products). */
  lookups: SalesLookupsLoader;
}

export const QUOTE_VALIDITY_DAYS = 30;

export function quoteService({ tdb, lookups }: QuoteServiceDeps) {
  const repo = quoteRepository(tdb);

  async function get(id: string): Promise<Quote> {
    const quote = await repo.find(id);
    if (!quote) throw new NotFoundError('quote');
    return quote;
  }

  function refuseIfConverted(quote: Quote, doing: string): void {
    if (quote.salesOrder) throw new ConflictError(`This quote became sales order ${quote.salesOrder.number}, so it can't be ${doing}. Change the sales order instead.`);
  }

  return {
    get,
    list: (query: DocumentListQuery): Promise<{ rows: QuoteSummary[]; total: number }> => repo.list(query),
    latest: (limit: number) => repo.latest(limit),
    openTotals: () => repo.openTotals(),

    /** Blank form values for a new quote: today, 30 days' validity, base currency, one empty line. */
    async newForm(baseCurrency: string, contactId = ''): Promise<{ values: FormValues; drafts: LineDraft[]; suggestedNumber: string }> {
      const today = todayIso();
      return {
        values: { number: '', contactId, issueDate: today, expiryDate: addDaysIso(today, QUOTE_VALIDITY_DAYS), currency: baseCurrency, lineAmountTypes: 'Exclusive', reference: '', notes: '' },
        drafts: [emptyLineDraft()],
        suggestedNumber: await peekNextNumber(tdb, QUOTE_NUMBERS),
      };
    },

    async editForm(id: string): Promise<{ quote: Quote; values: FormValues; drafts: LineDraft[] }> {
      const quote = await get(id);
      return {
        quote,
        values: {
          number: quote.number, contactId: quote.contactId, issueDate: quote.issueDate, expiryDate: quote.expiryDate ?? '', currency: quote.currency,
          lineAmountTypes: quote.lineAmountTypes, reference: quote.reference ?? '', notes: quote.notes ?? '',
        },
        drafts: quote.lines.length ? quote.lines.map(draftFromLine) : [emptyLineDraft()],
      };
    },

    async create(form: QuoteForm): Promise<string> {
      const valid = await validateDocument(tdb, quoteHeaderSchema, form.values, form.drafts, await lookups(form.drafts.map((d) => d.productId)), { sequence: QUOTE_NUMBERS });
      return guardNumberRace(() => tdb.transaction(async (trx) => {
        const number = valid.header.number ?? await takeNextNumber(trx, QUOTE_NUMBERS);
        return quoteRepository(trx).insert({ ...valid.header, number }, valid.priced.lines, valid.priced.amounts);
      }), valid.header.number === null);
    },

    async update(id: string, form: QuoteForm): Promise<void> {
      const quote = await get(id);
      refuseIfConverted(quote, 'edited');
      const valid = await validateDocument(tdb, quoteHeaderSchema, form.values, form.drafts, await lookups(form.drafts.map((d) => d.productId)),
        { sequence: QUOTE_NUMBERS, existing: { id, contactId: quote.contactId } });
      await guardNumberRace(() => tdb.transaction(async (trx) => {
        await quoteRepository(trx).update(id, { ...valid.header, number: valid.header.number ?? quote.number }, valid.priced.lines, valid.priced.amounts);
      }));
    },

    async setStatus(id: string, status: QuoteStatus): Promise<Quote> {
      const quote = await get(id);
      refuseIfConverted(quote, 'changed');
      await repo.setStatus(id, status);
      return { ...quote, status };
    },

    async remove(id: string): Promise<Quote> {
      const quote = await get(id);
      refuseIfConverted(quote, 'deleted');
      await tdb.transaction(async (trx) => { await quoteRepository(trx).remove(id); });
      return quote;
    },
  };
}

export type QuoteService = ReturnType<typeof quoteService>;
