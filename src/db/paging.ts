/**
 * A list page's ids and the total number of matches, reading as little as the page allows.
 *
 * Plain lists (`search` off): the page query stops at LIMIT. A short page (fewer rows than the page
 * size) is the last page, so the total follows from it; otherwise a plain `count(*)` runs, which reads
 * index entries only.
 *
 * Searches (`search` on): testing each row (`LIKE '%x%'`) is what costs, so it
 * should happen once. The query asks for the ids of the first SEARCH_WINDOW matches, in order, and the
 * page is cut from them: with fewer matches than that (most searches) the scan that found the page also
 * gave the total, and nothing is counted. With more, the scan stopped at the window, and a `count(*)`
 * gives the total. Measured at 10,000 contacts and 5,000 orders (bench/README.md): one scan for "smith"
 * (110 matches), "ltd" (502) or no match; "example.com" (all 9,685 contacts) scans a tenth and counts,
 * where `count(*) over ()` in one query had to keep all 9,685 rows and cost three times as much. A
 * 200-match window was tried first: searches with 200–1,000 matches then scanned twice.
 */
import type { Knex } from 'knex';

export interface PageRequest {
  page: number;
  pageSize: number;
  /** The filter is a search: see above. */
  search?: boolean;
}

/** Matches a search fetches ids for before it counts instead. */
export const SEARCH_WINDOW = 1000;

export async function pageIdsAndTotal(
  base: Knex.QueryBuilder,
  idColumn: string,
  sort: (query: Knex.QueryBuilder) => void,
  request: PageRequest,
): Promise<{ ids: string[]; total: number }> {
  const offset = (request.page - 1) * request.pageSize;
  const ordered = (limit: number, skip: number): Promise<{ id: unknown }[]> => {
    const query = base.clone().select(idColumn);
    sort(query);
    return query.limit(limit).offset(skip);
  };
  if (request.search && offset + request.pageSize <= SEARCH_WINDOW) {
    const window = (await ordered(SEARCH_WINDOW + 1, 0)).map((r) => String(r.id));
    const ids = window.slice(offset, offset + request.pageSize);
    return { ids, total: window.length <= SEARCH_WINDOW ? window.length : await countAll(base) };
  }
  const ids = (await ordered(request.pageSize, offset)).map((r) => String(r.id));
  if (ids.length > 0 && ids.length < request.pageSize) return { ids, total: offset + ids.length };
  if (ids.length === 0 && offset === 0) return { ids, total: 0 };
  return { ids, total: await countAll(base) };
}

async function countAll(base: Knex.QueryBuilder): Promise<number> {
  const counted: { n?: unknown } | undefined = await base.clone().clearSelect().clearOrder().count({ n: '*' }).first();
  return Number(counted?.n ?? 0);
}

/** `rows` (each with an `id`) in the order of `ids` (a page read by `where id in (…)` comes back unordered). */
export function inIdOrder<R extends { id?: unknown }>(ids: readonly string[], rows: readonly R[]): R[] {
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
