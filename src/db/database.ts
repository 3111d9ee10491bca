/**
 * The app's database: knex on SQLite (embedded default) or PostgreSQL (DATABASE_URL).
 * Only src/db/ imports knex at run time; everything else receives a `Database` or a `TenantDb`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex, { type Knex } from 'knex';
import type { AppConfig } from '../config.js';
import { pgClient } from './pg-client.js';
import { sqliteClient } from './sqlite-client.js';

export type Database = Knex;
export type Transaction = Knex.Transaction;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

type DatabaseSettings = AppConfig['database'];

/**
 * Every SQLite connection's settings. WAL lets readers work beside the writer. synchronous=NORMAL is
 * SQLite's recommendation with WAL: a commit no longer waits for an fsync (the WAL is synced at
 * checkpoints), so a crash of the app loses nothing, and only a power cut can lose the last commits,
 * never the file's integrity; with one connection, every request's session touch waited on an fsync.
 * cache_size: 64 MB of page cache instead of 2 MB, so the list indexes of the organisations in use stay
 * in memory (a search at 10,000 contacts reads ~1.3 MB of index; bench/README.md).
 */
const SQLITE_PRAGMAS = [
  'PRAGMA foreign_keys = ON',
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA cache_size = -65536',
];

export function knexConfig(settings: DatabaseSettings): Knex.Config {
  if (settings.kind === 'pg') {
    return { client: pgClient() as unknown as typeof knex.Client, connection: settings.url, pool: { min: 0, max: 10 } };
  }
  if (settings.filename !== ':memory:') mkdirSync(path.dirname(settings.filename), { recursive: true });
  return {
    client: sqliteClient() as unknown as typeof knex.Client,
    connection: { filename: settings.filename },
    useNullAsDefault: true,
    // One connection. SQLite has one writer at a time anyway; with several connections, writers
    // waiting on the lock sleep inside libuv's threadpool (4 threads), and enough of them starve the
    // transaction that holds the lock until their busy_timeout fails them. One connection queues
    // every query in knex's pool instead (and :memory: needs it: each connection is its own database).
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { run(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
        const next = (i: number): void => {
          const pragma = SQLITE_PRAGMAS[i];
          if (!pragma) return done(null, conn);
          // journal_mode can fail on :memory: (it stays "memory"); every other pragma must succeed.
          conn.run(pragma, (err) => (err && !pragma.includes('journal_mode') ? done(err, conn) : next(i + 1)));
        };
        next(0);
      },
    },
  };
}

export function openDatabase(settings: DatabaseSettings): Database {
  return knex(knexConfig(settings));
}

export function migrationConfig(): Knex.MigratorConfig {
  return { directory: MIGRATIONS_DIR, loadExtensions: ['.ts'], tableName: 'knex_migrations' };
}

export async function migrateLatest(db: Database): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig())) as [number, string[]];
  return applied;
}

export async function migrateRollbackAll(db: Database): Promise<void> {
  await db.migrate.rollback(migrationConfig(), true);
}

export async function checkDatabase(db: Database): Promise<void> {
  await db.raw('select 1');
}

export function isPostgres(db: Database): boolean {
  return db.client.dialect === 'postgresql';
}
