/**
 * The SQL a page really runs, with the database's plan for each statement: every query knex issues
 * while one request is served is captured, then explained (SQLite: `EXPLAIN QUERY PLAN`; PostgreSQL:
 * `EXPLAIN (COSTS OFF)` with the same parameters, on a connection of the app's pool). A plan step that
 * scans a whole table (SQLite `SCAN t`, PostgreSQL `Seq Scan on t`) rather than searching an index is
 * what an index migration should fix.
 */
import { isPostgres, type Database } from '../src/db/database.js';

export interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

export interface ExplainedQuery extends CapturedQuery {
  plan: string[];
  /** Plan steps that read a whole table or a whole organisation's rows of it. */
  scans: string[];
}

interface QueryEvent {
  sql?: unknown;
  bindings?: unknown;
}

export async function captureQueries(db: Database, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const listener = (event: QueryEvent) => {
    if (typeof event.sql === 'string') captured.push({ sql: event.sql, bindings: Array.isArray(event.bindings) ? event.bindings : [] });
  };
  db.on('query', listener);
  try {
    await work();
  } finally {
    db.removeListener('query', listener);
  }
  return captured;
}

const isSelect = (sql: string) => /^\s*(select|with)\b/i.test(sql);

interface PgConnection {
  query(sql: string, values: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** PostgreSQL's plan: the statement as knex sent it ($1… placeholders), through a pooled connection. */
async function pgPlan(db: Database, query: CapturedQuery): Promise<string[]> {
  const client = db.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query(`explain (costs off) ${query.sql}`, query.bindings);
    return result.rows.map((row) => String(row['QUERY PLAN'] ?? ''));
  } finally {
    await client.releaseConnection(connection);
  }
}

export async function explain(db: Database, queries: CapturedQuery[]): Promise<ExplainedQuery[]> {
  const explained: ExplainedQuery[] = [];
  const pg = isPostgres(db);
  for (const query of queries.filter((q) => isSelect(q.sql))) {
    if (pg) {
      const plan = await pgPlan(db, query);
      explained.push({ ...query, plan, scans: plan.filter((step) => /Seq Scan on /.test(step)).map((step) => step.trim()) });
      continue;
    }
    const rows = (await db.raw(`explain query plan ${query.sql}`, query.bindings as never[])) as Array<{ detail?: unknown }>;
    const plan = rows.map((row) => String(row.detail ?? ''));
    // A derived table's own rows (a co-routine or materialised subquery, "SCAN (subquery-3)") are not a table's.
    const derived = new Set(plan.flatMap((step) => /^(?:CO-ROUTINE|MATERIALIZE) (.+)$/.exec(step.trim())?.slice(1) ?? []));
    const scans = plan.filter((step) => {
      const scanned = /^SCAN (.+?)(?: USING .*)?$/.exec(step.trim())?.[1];
      return scanned !== undefined && !/CONSTANT ROW|SUBQUERY|^\(subquery-\d+\)$/.test(scanned) && !derived.has(scanned);
    });
    explained.push({ ...query, plan, scans });
  }
  return explained;
}

/** Shortens a statement for the log: bindings inlined, long column lists folded. */
export function describeQuery(query: CapturedQuery): string {
  let i = 0;
  const sql = query.sql.replace(/\?|\$\d+/g, (placeholder) => {
    const value = placeholder === '?' ? query.bindings[i++] : query.bindings[Number(placeholder.slice(1)) - 1];
    return typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'` : String(value);
  });
  return sql
    .replace(/select (.{120}).*? from/i, 'select $1... from')
    .replace(/ in \(('[^']*'(, )?){4,}\)/g, (list) => ` in (${list.split(',').length} values)`);
}
