/**
 * The SQL every document kind shares, through the organisation's tenant handle only: one list page,
 * the latest few, open totals per currency, insert/update with the lines in the caller's transaction,
 * status changes and delete. A kind adds its own `find` (its record joins differ) and its own columns.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { TenantDb } from '../db/tenant-db.js';
import { inIdOrder } from '../db/paging.js';
import { dbTime, requiredInt, requiredText, type DbRow } from '../db/row-values.js';
import type { DocumentKind } from './document-kind.js';
import { documentPageIds, type DocumentListFilter, type DocumentListQuery } from './document-list.js';
import { readLines, readLinesOf, replaceLines } from './line-repository.js';
import type { DocumentAmounts, DocumentLine } from './lines.js';

export interface DocumentStoreSpec<H, S> {
  kind: DocumentKind;
  /** The columns of a list row, unqualified ('number', 'issue_date'); the contact's name comes as `contact_name`. */
  summaryColumns: readonly string[];
  summaryFromRow(row: DbRow): S;
  /** The kind's header as columns (the number included). */
  headerColumns(header: H & { number: string }): DbRow;
  /** The status of a new document. */
  initialStatus: string;
  /** The statuses counted as open work (dashboard figures). */
  openStatuses: readonly string[];
  /** The kind's own list filters (the same ones its routes spec names), applied by `list`. */
  listFilters?: readonly DocumentListFilter[];
}

export interface OpenTotal {
  currency: string;
  count: number;
  total: number;
}

const amountColumns = (a: DocumentAmounts) => ({ sub_total: a.subTotal, total_tax: a.totalTax, total: a.total });

export function documentStore<H, S>(tdb: TenantDb, spec: DocumentStoreSpec<H, S>) {
  const table = spec.kind.tables.documents;
  const columns = [...spec.summaryColumns.map((c) => `${table}.${c}`), 'c.name as contact_name'];
  /** The kind's documents with their contact (display only), for reading rows. */
  const withContact = (): Knex.QueryBuilder => tdb.from(table).leftJoin(tdb.scoped('contacts', 'c'), 'c.id', `${table}.contact_id`);
  async function summaries(ids: readonly string[]): Promise<S[]> {
    const rows: DbRow[] = ids.length === 0 ? [] : await withContact().whereIn(`${table}.id`, ids).select(columns);
    return inIdOrder(ids, rows).map(spec.summaryFromRow);
  }

  return {
    withContact,

    /** One list page: its ids (and the total) from the list index, then only those documents with their contact. */
    async list(query: DocumentListQuery, narrow?: (builder: Knex.QueryBuilder) => void): Promise<{ rows: S[]; total: number }> {
      const { ids, total } = await documentPageIds(tdb, table, query, narrow, spec.listFilters);
      return { rows: await summaries(ids), total };
    },

    /** The summaries of these documents, in the order of `ids` (a page's, read first); none for none. */
    summaries,

    /** Summaries matching `narrow`, newest first (e.g. a project's documents). */
    async where(narrow: (builder: Knex.QueryBuilder) => void): Promise<S[]> {
      const builder = withContact().select(columns).orderBy(`${table}.issue_date`, 'desc').orderBy(`${table}.number`, 'desc');
      narrow(builder);
      const rows: DbRow[] = await builder;
      return rows.map(spec.summaryFromRow);
    },

    async latest(limit: number): Promise<S[]> {
      const rows: DbRow[] = await withContact().select(columns).orderBy(`${table}.created_at`, 'desc').orderBy(`${table}.number`, 'desc').limit(limit);
      return rows.map(spec.summaryFromRow);
    },

    lines: (id: string): Promise<DocumentLine[]> => readLines(tdb, spec.kind, id),
    /** The lines of many documents at once (a bulk batch): id → lines. */
    linesOf: (ids: readonly string[]): Promise<Map<string, DocumentLine[]>> => readLinesOf(tdb, spec.kind, ids),

    async insert(header: H & { number: string }, lines: DocumentLine[], amounts: DocumentAmounts, extra: DbRow = {}): Promise<string> {
      const id = randomUUID();
      await tdb.insert(table, { id, ...spec.headerColumns(header), ...extra, status: spec.initialStatus, ...amountColumns(amounts) });
      await replaceLines(tdb, spec.kind, id, lines);
      return id;
    },

    async update(id: string, header: H & { number: string }, lines: DocumentLine[], amounts: DocumentAmounts, extra: DbRow = {}): Promise<void> {
      await tdb.update(table, { id }, { ...spec.headerColumns(header), ...extra, ...amountColumns(amounts), updated_at: dbTime(new Date()) });
      await replaceLines(tdb, spec.kind, id, lines);
    },

    setStatus: (id: string, status: string): Promise<number> => tdb.update(table, { id }, { status, updated_at: dbTime(new Date()) }),
    remove: (id: string): Promise<number> => tdb.delete(table, { id }),
    count: (): Promise<number> => tdb.count(table),

    /** Open documents: how many and their value, per currency. */
    async openTotals(): Promise<OpenTotal[]> {
      const rows: DbRow[] = await tdb
        .from(table)
        .whereIn('status', [...spec.openStatuses])
        .groupBy('currency')
        .select('currency')
        .count({ n: '*' })
        .sum({ total: 'total' })
        .orderBy('currency');
      return rows.map((r) => ({ currency: requiredText(r, 'currency'), count: requiredInt(r, 'n'), total: requiredInt(r, 'total') }));
    },
  };
}

export type DocumentStore<H, S> = ReturnType<typeof documentStore<H, S>>;
