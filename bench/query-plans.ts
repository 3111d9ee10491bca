/**
 * The SQL a page really runs, with SQLite's plan for each statement: every query knex issues while one
 * request is served is captured, then explained. A plan step that SCANs a tenant table (rather than
 * SEARCHing an index) is what an index migration should fix.
 */
import type { Database } from '../src/db/database.js';

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

export async function explain(db: Database, queries: CapturedQuery[]): Promise<ExplainedQuery[]> {
  const explained: ExplainedQuery[] = [];
  for (const query of queries.filter((q) => isSelect(q.sql))) {
    const rows = (await db.raw(`explain query plan ${query.sql}`, query.bindings as never[])) as Array<{ detail?: unknown }>;
    const plan = rows.map((row) => String(row.detail ?? ''));
    const scans = plan.filter((step) => /^SCAN\b/.test(step.trim()) && !/CONSTANT ROW|SUBQUERY/.test(step));
    explained.push({ ...query, plan, scans });
  }
  return explained;
}

/** Shortens a statement for the log: bindings inlined, long column lists folded. */
export function describeQuery(query: CapturedQuery): string {
  let i = 0;
  const sql = query.sql.replace(/\?/g, () => {
    const value = query.bindings[i++];
    return typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'` : String(value);
  });
  return sql
    .replace(/select (.{120}).*? from/i, 'select $1... from')
    .replace(/ in \(('[^']*'(, )?){4,}\)/g, (list) => ` in (${list.split(',').length} values)`);
}
