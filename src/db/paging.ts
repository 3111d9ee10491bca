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
 *
 * Deep pages (any page after the first, past the search window for a search) count first and then read
 * from the nearer end: a page in the second half is read in the opposite order with the small offset
 * from the end, and turned round. The last page of a 50,000-entry sync log reads 25 index entries
 * instead of skipping 49,975 (bench/README.md); page links stay plain `?page=N`. The order must be total
 * (end in a unique column) for the two directions to be each other's reverse.
 */
import type { Knex } from 'knex';
import { sqlExpression } from './sql-expression.js';

export interface PageRequest {
  page: number;
  pageSize: number;
  /** The filter is a search: see above. */
  search?: boolean;
  /**
   * Count at most this many entries past the page's start (plain lists): a bigger total comes back as
   * a lower bound with `more` set, read from the near end. For long logs whose pager can say "more than
   * 1,000" instead of counting 50,000 index entries on every view (the sync log, bench/README.md).
   */
  countAhead?: number;
  /**
   * The list's size when something keeps it (a counter kept by the database, such as the sync log's
   * per organisation): nothing is counted, and a deep page is read from the nearer end at once.
   */
  total?: number;
}

export interface PageIds {
  ids: string[];
  /** Exact, or with `more` the entries counted (the list has more). */
  total: number;
  more?: boolean;
}

/** A list's order: columns and directions, the last of them unique (so reversing it reverses the list). */
export type ListOrder = ReadonlyArray<readonly [column: string, direction: 'asc' | 'desc']>;

/** Matches a search fetches ids for before it counts instead. */
export const SEARCH_WINDOW = 1000;

export async function pageIdsAndTotal(base: Knex.QueryBuilder, idColumn: string, order: ListOrder, request: PageRequest): Promise<PageIds> {
  const offset = (request.page - 1) * request.pageSize;
  const ordered = async (limit: number, skip: number, backwards = false): Promise<string[]> => {
    const query = base.clone().select(idColumn);
    for (const [column, direction] of order) query.orderBy(column, backwards === (direction === 'asc') ? 'desc' : 'asc');
    const rows: Array<{ id: unknown }> = await query.limit(limit).offset(skip);
    return rows.map((r) => String(r.id));
  };
  /** The page of a list of `total` entries, read in the list's order or, in its second half, backwards from the end. */
  const fromNearerEnd = async (total: number): Promise<PageIds> => {
    if (offset >= total) return { ids: [], total };
    const after = total - offset - request.pageSize;
    if (after >= offset) return { ids: await ordered(request.pageSize, offset), total };
    const ids = await ordered(Math.min(request.pageSize, total - offset), Math.max(0, after), true);
    return { ids: ids.reverse(), total };
  };
  if (request.search && offset + request.pageSize <= SEARCH_WINDOW) {
    const window = await ordered(SEARCH_WINDOW + 1, 0);
    const ids = window.slice(offset, offset + request.pageSize);
    return { ids, total: window.length <= SEARCH_WINDOW ? window.length : await countAll(base) };
  }
  if (request.total !== undefined && !request.search) return fromNearerEnd(request.total);
  const ahead = request.countAhead;
  if (ahead !== undefined && !request.search) {
    // Counting stops `ahead` entries past the page's start: a total beyond it is a lower bound.
    const counted = await countAll(base, offset + ahead + 1);
    if (counted > offset + ahead) return { ids: await ordered(request.pageSize, offset), total: offset + ahead, more: true };
    return fromNearerEnd(counted);
  }
  if (offset > 0) return fromNearerEnd(await countAll(base));
  const ids = await ordered(request.pageSize, 0);
  if (ids.length < request.pageSize) return { ids, total: ids.length };
  return { ids, total: await countAll(base) };
}

/** A list as `pageIdsAndTotal` takes it: its filtered query, the id column and a total order. */
export interface IdList {
  base: Knex.QueryBuilder;
  idColumn: string;
  order: ListOrder;
}

/**
 * The first `limit` ids of each list, in order, and how many each has, in one statement: a record page
 * that shows the latest few of several kinds (a contact's quotes, orders, projects…) asks once instead
 * of once a kind (and again to count a kind with more). Each list's entries are numbered and counted
 * with window functions over its own rows (a contact's few, from the kind's index), then cut at
 * `limit`; UNION ALL joins the lists.
 */
export async function firstIdsOfEach(lists: readonly IdList[], limit: number): Promise<PageIds[]> {
  const first = lists[0];
  if (!first) return [];
  const client = first.base.client;
  const branches = lists.map((list, i) => {
    const ranked = list.base
      .clone()
      .select(sqlExpression(list.base, `${i} as list`), `${list.idColumn} as id`, sqlExpression(list.base, 'count(*) over () as total'))
      .rowNumber('position', (window) => {
        for (const [column, direction] of list.order) window.orderBy(column, direction);
      })
      .orderBy('position')
      .limit(limit);
    return client
      .queryBuilder()
      .select('*')
      .from(ranked.as(`list_${i}`)) as Knex.QueryBuilder;
  });
  const [head, ...rest] = branches;
  const rows: Array<{ list: unknown; id: unknown; total: unknown }> = await (head as Knex.QueryBuilder).unionAll(rest).orderBy('list').orderBy('position');
  const out: PageIds[] = lists.map(() => ({ ids: [], total: 0 }));
  for (const row of rows) {
    const page = out[Number(row.list)];
    if (!page) continue;
    page.ids.push(String(row.id));
    page.total = Number(row.total);
  }
  return out;
}

/** `count(*)` of the list, or with `upTo` of its first `upTo` entries (`select count(*) from (… limit upTo)`). */
async function countAll(base: Knex.QueryBuilder, upTo?: number): Promise<number> {
  if (upTo === undefined) {
    const counted: { n?: unknown } | undefined = await base.clone().clearSelect().clearOrder().count({ n: '*' }).first();
    return Number(counted?.n ?? 0);
  }
  const entries = base.clone().clearSelect().clearOrder().select(sqlExpression(base, '1 as one')).limit(upTo).as('entries');
  const counted: { n?: unknown } | undefined = await base.client.queryBuilder().from(entries).count({ n: '*' }).first();
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
