/**
 * Query parameters read the way Xero reads them (names case-insensitive, comma lists or repeats),
 * and the list pipeline shared by every collection: IDs, where, If-Modified-Since, order, paging.
 */
import type { Request } from 'express';
import type { JsonObject, StoredRecord } from './types.js';
import { compileOrder, compileWhere, WhereSyntaxError } from './where.js';
import { queryParseError, type Pagination } from './wire.js';

export class QueryParams {
  private readonly values = new Map<string, string[]>();

  constructor(query: Request['query']) {
    for (const [key, value] of Object.entries(query)) {
      const name = key.replace(/\[\]$/, '').toLowerCase();
      const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      this.values.set(name, [...(this.values.get(name) ?? []), ...list]);
    }
  }

  string(name: string): string | undefined {
    const v = this.values.get(name.toLowerCase());
    return v && v.length > 0 ? v.join(',') : undefined;
  }

  list(name: string): string[] | undefined {
    const v = this.string(name);
    return v === undefined
      ? undefined
      : v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : v.toLowerCase() === 'true';
  }

  int(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw queryParseError(`The value '${v}' is not valid for ${name}.`);
    return n;
  }
}

export interface ListOptions {
  /** Field holding the record's id (for `IDs`). */
  idField: string;
  /** Extra comma-list filters: query name → record field (e.g. Statuses → Status). */
  lists?: Record<string, string>;
  paged: boolean;
  /** Records hidden unless includeArchived=true (e.g. archived contacts). */
  archived?: (record: JsonObject) => boolean;
  defaultOrder?: string;
}

export interface ListResult {
  items: JsonObject[];
  pagination?: Pagination;
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

export function listRecords(records: StoredRecord[], query: QueryParams, ifModifiedSince: string | undefined, options: ListOptions): ListResult {
  let items = records;
  if (ifModifiedSince) {
    const since = Date.parse(ifModifiedSince);
    if (Number.isNaN(since)) throw queryParseError(`The If-Modified-Since header '${ifModifiedSince}' is not a valid date.`);
    items = items.filter((r) => r.updatedAt > since);
  }
  let data = items.map((r) => r.data);
  const ids = query.list('IDs');
  if (ids) {
    const wanted = new Set(ids.map((id) => id.toLowerCase()));
    data = data.filter((d) => wanted.has(String(d[options.idField] ?? '').toLowerCase()));
  }
  for (const [param, field] of Object.entries(options.lists ?? {})) {
    const wanted = query.list(param);
    if (!wanted) continue;
    const set = new Set(wanted.map((w) => w.toLowerCase()));
    data = data.filter((d) => set.has(fieldText(d, field).toLowerCase()));
  }
  if (options.archived && query.bool('includeArchived') !== true) {
    const hide = options.archived;
    data = data.filter((d) => !hide(d));
  }
  try {
    const where = query.string('where');
    if (where) data = data.filter(compileWhere(where));
    const order = query.string('order') ?? options.defaultOrder;
    if (order) data = [...data].sort(compileOrder(order));
  } catch (error) {
    if (error instanceof WhereSyntaxError) throw queryParseError(error.message);
    throw error;
  }
  const page = query.int('page');
  if (!options.paged || page === undefined) return { items: data };
  const pageSize = Math.min(Math.max(query.int('pageSize') ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const current = Math.max(page, 1);
  return {
    items: data.slice((current - 1) * pageSize, current * pageSize),
    pagination: { page: current, pageSize, pageCount: Math.ceil(data.length / pageSize), itemCount: data.length },
  };
}

function fieldText(record: JsonObject, path: string): string {
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return '';
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === 'string' || typeof current === 'number' ? String(current) : '';
}
