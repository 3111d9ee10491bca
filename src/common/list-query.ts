/**
 * List pages share one query grammar: ?q=&page=&pageSize=&sort=&dir= plus each page's own filters.
 * Anything malformed falls back to the default rather than failing the page.
 */
import { z } from 'zod';

export interface ListQuery<Sort extends string> {
  q: string;
  page: number;
  pageSize: number;
  sort: Sort;
  dir: 'asc' | 'desc';
}

export const PAGE_SIZES = [25, 50, 100] as const;

// Built once: every list request parses these.
const PAGE_NUMBER = z.coerce.number().int().min(1).max(100000);
const PAGE_SIZE = z.coerce.number().int();

export function parseListQuery<Sort extends string>(
  raw: unknown,
  options: { sorts: readonly Sort[]; defaultSort: Sort; defaultDir?: 'asc' | 'desc' },
): ListQuery<Sort> {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const page = PAGE_NUMBER.safeParse(input.page);
  const size = PAGE_SIZE.safeParse(input.pageSize);
  const sort = options.sorts.find((s) => s === text(input.sort)) ?? options.defaultSort;
  const dirText = text(input.dir);
  return {
    q: text(input.q).trim().slice(0, 200),
    page: page.success ? page.data : 1,
    pageSize: size.success && (PAGE_SIZES as readonly number[]).includes(size.data) ? size.data : PAGE_SIZES[0],
    sort,
    dir: dirText === 'asc' || dirText === 'desc' ? dirText : (options.defaultDir ?? 'asc'),
  };
}

export interface PageLink {
  label: string;
  href: string;
  current: boolean;
}

export interface PaginationView {
  total: number;
  /** `total` is a lower bound: the list was counted only so far ("of more than 1,000"). */
  more: boolean;
  from: number;
  to: number;
  previous: string | null;
  next: string | null;
  pages: PageLink[];
}

/** Links that keep every other query parameter. `base` is the path, `params` the current query. */
/** With `more`, `total` is a lower bound: no link to the (unknown) last page, and Next always. */
export function paginationView(base: string, params: Record<string, string>, page: number, pageSize: number, total: number, more = false): PaginationView {
  const pageCount = Math.max(1, Math.ceil(total / pageSize)) + (more ? 1 : 0);
  const href = (p: number) => `${base}?${new URLSearchParams({ ...params, page: String(p), pageSize: String(pageSize) }).toString()}`;
  const window = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, ...(more ? [] : [pageCount])])]
    .filter((p) => p >= 1 && p <= pageCount)
    .sort((a, b) => a - b);
  return {
    total,
    more,
    from: total === 0 ? 0 : (page - 1) * pageSize + 1,
    to: Math.min(total, page * pageSize),
    previous: page > 1 ? href(page - 1) : null,
    next: page < pageCount ? href(page + 1) : null,
    pages: window.map((p) => ({ label: String(p), href: href(p), current: p === page })),
  };
}
