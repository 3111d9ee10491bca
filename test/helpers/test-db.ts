/**
 * One DB suite, every dialect: SQLite always; PostgreSQL too when TEST_DATABASE_URL (or DATABASE_URL)
 * points at a server we may create databases on. Each call makes a brand-new database, so tests
 * never share data.
 *
 * Migrating every test's database was most of the suite's time, so each run migrates once per
 * dialect into a template (a SQLite file; a PostgreSQL database) and every migrated test database
 * is a copy of it (`copyFile`; `create database … template …`). `{ migrate: false }` still gives an
 * empty database, for the tests that run the migrations themselves. The root `afterAll` hook drops
 * the run's templates; TEST_DB_TEMPLATES=0 migrates each database instead (to compare).
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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

const useTemplates = process.env.TEST_DB_TEMPLATES !== '0';

interface Templates {
  sqlite?: Promise<{ dir: string; filename: string }>;
  pg?: Promise<string>;
}
// On globalThis so that the root hook and the tests share it even if the module were loaded twice.
const TEMPLATES = Symbol.for('ledgerside.test-db.templates');
const templates = ((globalThis as { [TEMPLATES]?: Templates })[TEMPLATES] ??= {});

function pgUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated SQLite file made once per run (closed, so its WAL is checkpointed into it). */
function sqliteTemplate(): Promise<{ dir: string; filename: string }> {
  templates.sqlite ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledgerside-template-'));
    const filename = path.join(dir, 'template.sqlite');
    const db = openDatabase({ kind: 'sqlite', filename });
    try {
      await migrateLatest(db);
    } finally {
      await db.destroy();
    }
    return { dir, filename };
  })();
  return templates.sqlite;
}

/** A migrated PostgreSQL database made once per run, with no connection left open (so it can be a template). */
function pgTemplate(base: string): Promise<string> {
  templates.pg ??= (async () => {
    const name = `ledgerside_tpl_${randomBytes(6).toString('hex')}`;
    const admin = knex({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
    try {
      await admin.raw(`create database ${name}`);
      const db = openDatabase({ kind: 'pg', url: pgUrl(base, name) });
      try {
        await migrateLatest(db);
      } finally {
        await db.destroy();
      }
    } finally {
      await admin.destroy();
    }
    return name;
  })();
  return templates.pg;
}

/** Drops this run's templates (the root afterAll hook below). */
export async function dropTestTemplates(): Promise<void> {
  const { sqlite, pg } = templates;
  delete templates.sqlite;
  delete templates.pg;
  if (sqlite) rmSync((await sqlite).dir, { recursive: true, force: true });
  const base = postgresUrl();
  if (pg && base) {
    const admin = knex({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
    try {
      await admin.raw(`drop database if exists ${await pg} with (force)`);
    } finally {
      await admin.destroy();
    }
  }
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await dropTestTemplates();
  },
};

export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledgerside-test-'));
    const settings = { kind: 'sqlite' as const, filename: path.join(dir, 'test.sqlite') };
    if (migrate && useTemplates) copyFileSync((await sqliteTemplate()).filename, settings.filename);
    const db = openDatabase(settings);
    if (migrate && !useTemplates) await migrateLatest(db);
    return {
      dialect,
      settings,
      db,
      async destroy() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = postgresUrl();
  if (!base) throw new Error('PostgreSQL tests need TEST_DATABASE_URL or DATABASE_URL');
  const name = `ledgerside_t_${randomBytes(6).toString('hex')}`;
  const template = migrate && useTemplates ? await pgTemplate(base) : undefined;
  const admin = knex({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
  await admin.raw(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const settings = { kind: 'pg' as const, url: pgUrl(base, name) };
  const db = openDatabase(settings);
  if (migrate && !useTemplates) await migrateLatest(db);
  return {
    dialect,
    settings,
    db,
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
