/**
 * The list grammar quotes and sales orders share: search by number, contact or reference; filter by
 * status, customer and date range; sort; paginate. Filters are parsed leniently (a bad value is ignored,
 * like the shared list query) so a mistyped link still shows a page.
 */
import type { Knex } from 'knex';
import { likePattern, parseListQuery, type ListQuery } from '../common/list-query.js';
import { isIsoDate } from './form.js';

export const DOCUMENT_SORTS = ['date', 'number', 'contact', 'total', 'status'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export interface DocumentListQuery extends ListQuery<DocumentSort> {
  status: string;
  contactId: string;
  from: string;
  to: string;
}

export function parseDocumentListQuery(raw: unknown, statuses: readonly string[]): DocumentListQuery {
  const base = parseListQuery(raw, { sorts: DOCUMENT_SORTS, defaultSort: 'date', defaultDir: 'desc' });
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const status = text(input.status);
  const contactId = text(input.contactId);
  const from = text(input.from);
  const to = text(input.to);
  return {
    ...base,
    status: statuses.includes(status) ? status : '',
    contactId: contactId.length <= 36 ? contactId : '',
    from: isIsoDate(from) ? from : '',
    to: isIsoDate(to) ? to : '',
  };
}

/** The query's parameters without page, for links that keep the current filters. */
export function listParams(query: DocumentListQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['q', 'status', 'contactId', 'from', 'to'] as const) if (query[key]) params[key] = query[key];
  params.sort = query.sort;
  params.dir = query.dir;
  return params;
}

/** Case-insensitive "contains" on both dialects (PostgreSQL's LIKE is case-sensitive). */
export function whereContains(builder: Knex.QueryBuilder, columns: string[], text: string): void {
  const pattern = likePattern(text.toLowerCase());
  builder.where((q) => {
    for (const column of columns) q.orWhereRaw("lower(??) like ? escape '\\'", [column, pattern]);
  });
}

/** The organisation's contacts whose name contains `pattern` (a lower-cased LIKE pattern), as a query of ids. */
export type ContactIdsNamed = (pattern: string) => Knex.QueryBuilder;

/**
 * Applies filters to a document query whose table is `table` joined to contacts as `c`. With
 * `contactIdsNamed`, the search matches contact names through that subquery instead, so the query needs
 * no join: the organisation's contact names are matched once, not looked up per document.
 */
export function applyDocumentFilters(builder: Knex.QueryBuilder, table: string, query: DocumentListQuery, contactIdsNamed?: ContactIdsNamed): void {
  if (query.q && contactIdsNamed) {
    const pattern = likePattern(query.q.toLowerCase());
    builder.where((q) => q
      .whereRaw("lower(??) like ? escape '\\'", [`${table}.number`, pattern])
      .orWhereIn(`${table}.contact_id`, contactIdsNamed(pattern))
      .orWhereRaw("lower(??) like ? escape '\\'", [`${table}.reference`, pattern]));
  } else if (query.q) whereContains(builder, [`${table}.number`, 'c.name', `${table}.reference`], query.q);
  if (query.status) builder.where(`${table}.status`, query.status);
  if (query.contactId) builder.where(`${table}.contact_id`, query.contactId);
  if (query.from) builder.where(`${table}.issue_date`, '>=', query.from);
  if (query.to) builder.where(`${table}.issue_date`, '<=', query.to);
}

export function applyDocumentSort(builder: Knex.QueryBuilder, table: string, query: DocumentListQuery): void {
  const column = { date: `${table}.issue_date`, number: `${table}.number`, contact: 'c.name', total: `${table}.total`, status: `${table}.status` }[query.sort];
  builder.orderBy(column, query.dir).orderBy(`${table}.number`, query.dir);
}
