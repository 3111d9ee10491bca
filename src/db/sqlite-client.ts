/**
 * knex's SQLite client (node-sqlite3), extended in the two ways the app needs; only src/db/ uses it.
 *
 * `BEGIN IMMEDIATE`: SQLite's default `BEGIN` is deferred: a transaction that reads and then writes
 * must upgrade its lock, and if another connection wrote in between, SQLite fails at once with
 * SQLITE_BUSY (busy_timeout does not apply to that upgrade). `BEGIN IMMEDIATE` takes the write lock up
 * front, so concurrent writers (another process on the same file, such as `npm run db:migrate` or a
 * benchmark seeding) wait their turn (busy_timeout) instead of failing. knex has no option for it.
 *
 * Prepared statements kept per connection: knex runs each query with node-sqlite3's `Database#all` or
 * `#run`, which prepares a new statement, runs it and finalizes it: three trips through libuv's thread
 * pool, each a thread wake-up and a callback on the event loop. A page runs the same few dozen SQL
 * texts (knex puts values in bindings, so the text of a query is the same every time), so each
 * connection keeps its prepared statements by SQL text (the most recent STATEMENTS_KEPT) and runs a
 * known one in one trip (node-sqlite3 resets and rebinds a statement on every run). A statement that
 * fails is dropped and finalized (the next use prepares it afresh); all are finalized before the
 * connection closes (SQLite refuses to close with statements open). Issue 18, bench/README.md.
 */
import { createRequire } from 'node:module';
import { KeptPerConnection } from './kept-per-connection.js';

type Constructor = new (...args: unknown[]) => object;
const requireCjs = createRequire(import.meta.url);

/** Prepared statements a connection keeps (a page runs up to ~20; the whole app a few hundred). */
export const STATEMENTS_KEPT = 500;

type Callback = (this: unknown, err: Error | null, rows?: unknown) => void;
interface Statement {
  all(params: unknown[], cb: Callback): void;
  run(params: unknown[], cb: Callback): void;
  finalize(cb: () => void): void;
}
/** A raw node-sqlite3 `Database` (opaque here: only passed back to the driver). */
type Connection = object;
interface QueryObject {
  sql?: string;
  method?: string;
  returning?: unknown;
  bindings?: unknown[];
  response?: unknown;
  context?: unknown;
}

const kept = new KeptPerConnection<Statement>();

/** The prepared statements `connection` (a raw node-sqlite3 connection) keeps, by SQL text, oldest first (for tests). */
export function statementsKept(connection: object): ReadonlyMap<string, object> {
  return kept.snapshot(connection);
}

export function sqliteClient(): Constructor {
  const Client = requireCjs('knex/lib/dialects/sqlite3/index.js') as Constructor;
  const SqliteTransaction = requireCjs('knex/lib/dialects/sqlite3/execution/sqlite-transaction.js') as Constructor;
  const { Statement } = requireCjs('sqlite3') as { Statement: new (db: object, sql: string, cb: (err: Error | null) => void) => Statement };

  class ImmediateTransaction extends SqliteTransaction {
    begin(conn: unknown): unknown {
      return (this as unknown as { query(conn: unknown, sql: string): unknown }).query(conn, 'BEGIN IMMEDIATE;');
    }
  }

  /** The connection's prepared statement for `sql`, prepared now if it has none. */
  async function statementFor(connection: Connection, sql: string): Promise<Statement> {
    const found = kept.use(connection, sql);
    if (found) return found;
    const statement = await new Promise<Statement>((resolve, reject) => {
      const prepared: Statement = new Statement(connection, sql, (err) => (err ? reject(err) : resolve(prepared)));
    });
    for (const oldest of kept.add(connection, sql, statement, STATEMENTS_KEPT)) oldest.finalize(() => undefined);
    return statement;
  }

  return class SqliteClient extends Client {
    transaction(...args: unknown[]): object {
      return new ImmediateTransaction(this, ...args);
    }

    async _query(connection: Connection, obj: QueryObject): Promise<QueryObject> {
      const sql = obj.sql;
      if (!sql) throw new Error('The query is empty');
      // As knex's own client: writes without RETURNING are run (for lastID and changes), the rest read all rows.
      const method = obj.method;
      const run = ((method === 'insert' || method === 'update') && !obj.returning) || method === 'counter' || method === 'del';
      const statement = await statementFor(connection, sql);
      return new Promise((resolve, reject) => {
        const done: Callback = function (err, rows) {
          if (err) {
            // Dropped, so the next run prepares it afresh.
            kept.delete(connection, sql)?.finalize(() => undefined);
            return reject(err);
          }
          obj.response = rows;
          // node-sqlite3 gives `lastID` and `changes` on the statement (`this`), as knex's client expects.
          obj.context = this;
          resolve(obj);
        };
        if (run) statement.run(obj.bindings ?? [], done);
        else statement.all(obj.bindings ?? [], done);
      });
    }

    async destroyRawConnection(connection: Connection): Promise<unknown> {
      await Promise.all(kept.takeAll(connection).map((s) => new Promise<void>((resolve) => s.finalize(resolve))));
      return (Client.prototype as unknown as { destroyRawConnection(c: Connection): Promise<unknown> }).destroyRawConnection.call(this, connection);
    }
  };
}
