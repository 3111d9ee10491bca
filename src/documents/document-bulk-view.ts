/**
 * A document list's bulk send to Xero (src/xero-sync/bulk-routes.ts): the links that start it.
 * "Select all N matching" keeps the list's search and filters; "Send all not yet sent" takes every
 * document of the kind that has not been sent yet, whatever the filters.
 */
import { listParams, type DocumentListQuery } from './document-list.js';

export interface DocumentBulkView {
  /** The bulk send's `records` (the sync engine's record kind). */
  records: string;
  total: number;
  totalText: string;
  allHref: string;
  unsentHref: string;
}

export function documentBulkView(records: string, query: DocumentListQuery, total: number, extra: Record<string, string> = {}): DocumentBulkView {
  const { sort: _sort, dir: _dir, ...filters } = listParams(query);
  return {
    records,
    total,
    totalText: total.toLocaleString('en'),
    allHref: `/bulk-sends/new?${new URLSearchParams({ records, all: '1', ...filters, ...extra }).toString()}`,
    unsentHref: `/bulk-sends/new?${new URLSearchParams({ records, all: '1', unsent: '1' }).toString()}`,
  };
}
