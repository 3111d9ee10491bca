/**
 * A list page's ids and the total number of matches. Without a search the count is index-only and
 * cheap, so it runs as its own query (the page query can then stop at LIMIT). With a search term every
 * match must be tested anyway (`LIKE '%x%'`), so the page and the total come from one pass:
 * `count(*) over ()` beside each id (SQLite ≥ 3.25 and PostgreSQL alike).
 */
import type { Knex } from 'knex';

export interface PageRequest {
  page: number;
  pageSize: number;
  /** One pass (page + total) instead of count + page: worth it when a search makes every match costly to find. */
  searching: boolean;
}

export async function pageIdsAndTotal(
  base: Knex.QueryBuilder,
  idColumn: string,
  sort: (query: Knex.QueryBuilder) => void,
  request: PageRequest,
): Promise<{ ids: string[]; total: number }> {
  const offset = (request.page - 1) * request.pageSize;
  const countAll = async (): Promise<number> => {
    const row: { n?: unknown } | undefined = await base.clone().clearSelect().clearOrder().count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  };
  if (!request.searching) {
    const total = await countAll();
    const query = base.clone().select(idColumn);
    sort(query);
    const rows: { id: unknown }[] = await query.limit(request.pageSize).offset(offset);
    return { ids: rows.map((r) => String(r.id)), total };
  }
  const query = base.clone().select(idColumn, base.client.raw('count(*) over () as list_total'));
  sort(query);
  const rows: { id: unknown; list_total: unknown }[] = await query.limit(request.pageSize).offset(offset);
  // Past the last page there is no row to carry the total: count it the plain way.
  const total = rows[0] ? Number(rows[0].list_total) : request.page === 1 ? 0 : await countAll();
  return { ids: rows.map((r) => String(r.id)), total };
}
