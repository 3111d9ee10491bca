/**
 * Quote use-cases: the kit's (create and edit with header and lines in one transaction, status
 * changes, delete), with a quote's own fields (expiry date) and its lock: once it became a sales order
 * it is changed through the sales order instead.
 */
import { addDaysIso } from '../common/dates.js';
import type { TenantDb } from '../db/tenant-db.js';
import { documentService, type DocumentServiceDeps, type DocumentServiceSpec } from '../documents/index.js';
import { projectExists } from '../projects/index.js';
import { QUOTE_KIND } from './quote-kind.js';
import { quoteRepository } from './quote-repository.js';
import { quoteHeaderSchema } from './quote-schema.js';
import type { Quote, QuoteHeader, QuoteSummary, SalesOrderOfQuote } from './quote.js';

export const QUOTE_VALIDITY_DAYS = 30;

const CHANGE_WORDS = { edit: 'edited', status: 'changed', delete: 'deleted' } as const;

export const quoteServiceSpec = (salesOrderOf: SalesOrderOfQuote): DocumentServiceSpec<Quote, QuoteHeader, QuoteSummary> => ({
  kind: QUOTE_KIND,
  store: (tdb) => quoteRepository(tdb, salesOrderOf),
  headerSchema: quoteHeaderSchema,
  blankFields: (today, preset) => ({ expiryDate: addDaysIso(today, QUOTE_VALIDITY_DAYS), projectId: preset.projectId ?? '' }),
  formFields: (quote) => ({ expiryDate: quote.expiryDate ?? '', projectId: quote.projectId ?? '' }),
  // Another organisation's project id is simply not found (asked of the projects capability).
  extraCheck: (tdb: TenantDb) => async (header, errors) => {
    if (header.projectId && !(await projectExists(tdb, header.projectId))) errors.projectId = 'Choose a project from the list.';
  },
  lockedReason: (quote, change) =>
    quote.salesOrder
      ? `This quote became sales order ${quote.salesOrder.number}, so it can't be ${CHANGE_WORDS[change]}. Change the sales order instead.`
      : null,
});

export interface QuoteServiceDeps extends DocumentServiceDeps {
  salesOrderOf: SalesOrderOfQuote;
}

export function quoteService({ salesOrderOf, ...deps }: QuoteServiceDeps) {
  return documentService(quoteServiceSpec(salesOrderOf), deps);
}

export type QuoteService = ReturnType<typeof quoteService>;
