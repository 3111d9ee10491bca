/**
 * knex's PostgreSQL client (pg), extended so that reads run as prepared statements kept per connection;
 * only src/db/ uses it.
 *
 * PostgreSQL plans every statement it is sent unnamed, and for a record page planning costs more than
 * running: the contact page's two combined reads (the contact with its company and people; the latest
 * five of each kind of record) take ~0.75 ms each to plan and ~0.2 ms to run (EXPLAIN ANALYZE at full
 * size, bench/README.md), on the same two cores as the app. A named statement is parsed once a
 * connection and PostgreSQL's plan cache serves it from then on (a generic plan once it is known to be
 * as good as the custom ones, `plan_cache_mode` auto). knex puts values in bindings, so a query's text
 * is the same every time: each connection names its reads by a hash of their text and keeps the most
 * recent STATEMENTS_KEPT, deallocating the oldest.
 *
 * Only reads (`select`, `first`, `pluck`) are named, and not searches (`like`, and `ilike` as
 * src/db/contains.ts writes them on PostgreSQL): a substring's plan depends on the pattern (a generic
 * plan cannot tell a rare word from a common one), so searches are planned for their words every time.
 * A named read whose table changed shape since it was prepared (a migration added a column) fails with
 * "cached plan must not change result type"; outside a transaction it is deallocated and run again
 * unnamed, inside one the error stands (the transaction is already aborted). A pooler in transaction
 * mode must track prepared statements itself (PgBouncer 1.21+ `max_prepared_statements`), else connect
 * directly or in session mode (README, "PostgreSQL"). Issue 18.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { KeptPerConnection } from './kept-per-connection.js';

type Constructor = new (...args: unknown[]) => object;
const requireCjs = createRequire(import.meta.url);

/** Named statements a connection keeps (the whole app's reads are a few hundred texts). */
export const STATEMENTS_KEPT = 300;

interface PgConnection {
  query(text: string): Promise<unknown>;
  connection: { parsedStatements: Record<string, string> };
  __knexTxId?: string;
}
interface QueryObject {
  sql?: string;
  method?: string;
  options?: Record<string, unknown>;
}

const kept = new KeptPerConnection<string>();

/** The names of the statements `connection` (a raw pg client) keeps, oldest first (for tests). */
export function statementsKept(connection: object): string[] {
  return [...kept.snapshot(connection).keys()];
}

const READS = new Set(['select', 'first', 'pluck']);

function nameable(obj: QueryObject): obj is QueryObject & { sql: string } {
  return typeof obj.sql === 'string' && READS.has(obj.method ?? '') && !/\bi?like\b/i.test(obj.sql) && obj.options?.name === undefined;
}

export function pgClient(): Constructor {
  const Client = requireCjs('knex/lib/dialects/postgres/index.js') as Constructor;
  const run = (Client.prototype as unknown as { _query(this: unknown, connection: PgConnection, obj: QueryObject): Promise<QueryObject> })._query;

  /** Deallocates the statement `name` on the connection, if it was prepared there. */
  async function deallocate(connection: PgConnection, name: string): Promise<void> {
    if (connection.connection.parsedStatements[name] === undefined) return;
    delete connection.connection.parsedStatements[name];
    await connection.query(`deallocate "${name}"`);
  }

  return class PgClient extends Client {
    async _query(connection: PgConnection, obj: QueryObject): Promise<QueryObject> {
      if (!nameable(obj)) return run.call(this, connection, obj);
      const name = `ls_${createHash('sha1').update(obj.sql).digest('hex').slice(0, 24)}`;
      // The most recently used; outside a transaction (an aborted one refuses even DEALLOCATE), the oldest past STATEMENTS_KEPT go.
      const limit = connection.__knexTxId === undefined ? STATEMENTS_KEPT : Infinity;
      for (const oldest of kept.add(connection, name, name, limit)) await deallocate(connection, oldest);
      const named: QueryObject = Object.assign(obj, { options: { ...obj.options, name } });
      try {
        return await run.call(this, connection, named);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code !== '0A000' || connection.__knexTxId !== undefined) throw error;
        kept.delete(connection, name);
        await deallocate(connection, name);
        delete named.options?.name;
        return run.call(this, connection, named);
      }
    }
  };
}
