/**
 * One DB suite, every dialect: SQLite always; PostgreSQL too when TEST_DATABASE_URL (or DATABASE_URL)
 * points at a server we may create databases on. Each call makes a brand-new database, so tests
 * never share data.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { migrateLatest, openDatabase, type Database } from '../../src/db/database.js';
import type { AppConfig } from '../../src/config.js';

export type Dialect = 'sqlite' | 'pg';

export function postgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function dialects(): Dialect[] {
  return postgresUrl() ? ['sqlite', 'pg'] : ['sqlite'];
}

export interface TestDatabase {
  dialect: Dialect;
  settings: AppConfig['database'];
  db: Database;
  destroy(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledgerside-test-'));
    const settings = { kind: 'sqlite' as const, filename: path.join(dir, 'test.sqlite') };
    const db = openDatabase(settings);
    if (migrate) await migrateLatest(db);
    return {
      dialect, settings, db,
      async destroy() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = postgresUrl();
  if (!base) throw new Error('PostgreSQL tests need TEST_DATABASE_URL or DATABASE_URL');
  const name = `ledgerside_t_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const settings = { kind: 'pg' as const, url: url.toString() };
  const db = openDatabase(settings);
  if (migrate) await migrateLatest(db);
  return {
    dialect, settings, db,
    async destroy() {
      await db.destroy();
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}

/** `describe` the same suite once per dialect, with a fresh migrated database for each test. */
export function describeEachDialect(title: string, body: (ctx: { current(): TestDatabase }) => void): void {
  for (const dialect of dialects()) {
    describe(`${title} [${dialect}]`, function () {
      let current: TestDatabase | undefined;
      beforeEach(async () => {
        current = await createTestDatabase(dialect);
      });
      afterEach(async () => {
        await current?.destroy();
        current = undefined;
      });
      body({
        current() {
          if (!current) throw new Error('no test database: use it inside a test or hook');
          return current;
        },
      });
    });
  }
}
