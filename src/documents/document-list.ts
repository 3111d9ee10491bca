/**
 * The list grammar every document kind shares: search by number, contact or reference; filter by
 * status, customer and date range; sort; paginate. Filters are parsed leniently (a bad value is ignored,
 * like the shared list query) so a mistyped link still shows a page.
 */
import type { Knex } from 'knex';
import { parseListQuery, type ListQuery } from '../common/list-query.js';
import { whereContains } from '../db/contains.js';
import { pageIdsAndTotal, type IdList, type ListOrder } from '../db/paging.js';
import type { TenantDb } from '../db/tenant-db.js';
import { isIsoDate } from '../common/dates.js';
import type { Choice } from '../common/choice.js';

export const DOCUMENT_SORTS = ['date', 'number', 'contact', 'total', 'status'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export interface DocumentListQuery extends ListQuery<DocumentSort> {
  status: string;
  contactId: string;
  from: string;
  to: string;
  /** The kind's own filters' chosen values by parameter name (see DocumentListFilter); absent when not chosen. */
  extra: Record<string, string>;
}

/**
 * A filter a kind adds to its list beyond the kit's (a sales order's Xero invoice status): one query
 * parameter, its dropdown, and what each choice means in SQL. The kind names it in its store spec (the
 * SQL) and its routes spec (the parameter and dropdown); the kit parses, keeps it in links and applies it.
 */
export interface DocumentListFilter {
  /** The query parameter: 'invoice' → `?invoice=overdue`. */
  name: string;
  label: string;
  /** The dropdown's first choice, meaning no filter ('Any invoice status'). */
  anyLabel: string;
  /** The values accepted; anything else is ignored like every list parameter. */
  choices: readonly Choice[];
  /** Narrows a query of the kind's documents table (`table`) to one of `choices`' values. */
  apply(builder: Knex.QueryBuilder, table: string, value: string): void;
}

export function parseDocumentListQuery(raw: unknown, statuses: readonly string[], filters: readonly DocumentListFilter[] = []): DocumentListQuery {
  const base = parseListQuery(raw, { sorts: DOCUMENT_SORTS, defaultSort: 'date', defaultDir: 'desc' });
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const status = text(input.status);
  const contactId = text(input.contactId);
  const from = text(input.from);
  const to = text(input.to);
  const extra: Record<string, string> = {};
  for (const filter of filters) {
    const value = text(input[filter.name]);
    if (filter.choices.some((c) => c.value === value)) extra[filter.name] = value;
  }
  return {
    ...base,
    status: statuses.includes(status) ? status : '',
    contactId: contactId.length <= 36 ? contactId : '',
    from: isIsoDate(from) ? from : '',
    to: isIsoDate(to) ? to : '',
    extra,
  };
}

/** The query's parameters without page, for links that keep the current filters. */
export function listParams(query: DocumentListQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['q', 'status', 'contactId', 'from', 'to'] as const) if (query[key]) params[key] = query[key];
  for (const [name, value] of Object.entries(query.extra)) params[name] = value;
  params.sort = query.sort;
  params.dir = query.dir;
  return params;
}

/**
 * Applies filters to a document query of `table` (no join needed). The search is one "contains" on
 * `search_key`: the contact's name, the number and the reference, kept by the database (migration
 * 20261126100100_document-search-keys), so neither a join nor a scan of the contacts is needed.
 */
function applyDocumentFilters(builder: Knex.QueryBuilder, table: string, query: DocumentListQuery, filters: readonly DocumentListFilter[]): void {
  if (query.q) whereContains(builder, [`${table}.search_key`], query.q);
  if (query.status) builder.where(`${table}.status`, query.status);
  if (query.contactId) builder.where(`${table}.contact_id`, query.contactId);
  if (query.from) builder.where(`${table}.issue_date`, '>=', query.from);
  if (query.to) builder.where(`${table}.issue_date`, '<=', query.to);
  for (const filter of filters) {
    const value = query.extra[filter.name];
    if (value !== undefined && filter.choices.some((c) => c.value === value)) filter.apply(builder, table, value);
  }
}

/** The list's order; the number (unique in the organisation) last, so the order is total. */
export function documentOrder(table: string, query: DocumentListQuery): ListOrder {
  const column = { date: `${table}.issue_date`, number: `${table}.number`, contact: 'c.name', total: `${table}.total`, status: `${table}.status` }[query.sort];
  return [
    [column, query.dir],
    [`${table}.number`, query.dir],
  ];
}

/**
 * The ids of one list page of a kind's documents, in order, and the number of matches. The contact
 * is joined only when sorting by its name; otherwise the ids, the search and the total all come from
 * `<table>_org_search_idx` (bench/README.md). Callers then read just those rows.
 */
export function documentPageIds(
  tdb: TenantDb,
  table: string,
  query: DocumentListQuery,
  narrow?: (builder: Knex.QueryBuilder) => void,
  filters: readonly DocumentListFilter[] = [],
): Promise<{ ids: string[]; total: number }> {
  const list = documentIdList(tdb, table, query, narrow, filters);
  return pageIdsAndTotal(list.base, list.idColumn, list.order, {
    page: query.page,
    pageSize: query.pageSize,
    search: query.q !== '',
  });
}

/** The list's query and order, unpaged (a contact's page reads the first few of several kinds at once). */
export function documentIdList(
  tdb: TenantDb,
  table: string,
  query: DocumentListQuery,
  narrow?: (builder: Knex.QueryBuilder) => void,
  filters: readonly DocumentListFilter[] = [],
): IdList {
  const base = query.sort === 'contact' ? tdb.from(table).leftJoin(tdb.scoped('contacts', 'c'), 'c.id', `${table}.contact_id`) : tdb.from(table);
  applyDocumentFilters(base, table, query, filters);
  narrow?.(base);
  return { base, idColumn: `${table}.id`, order: documentOrder(table, query) };
}
