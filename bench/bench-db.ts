/**
 * The benchmark's database, SQLite or PostgreSQL, reused when a previous run seeded the same parameters
 * (seeding the full size takes minutes), otherwise seeded afresh. Migrations added since (e.g. new
 * indexes) are applied to a reused database before the run.
 *
 * - SQLite: a file in data/bench/ (with its seed's figures in a .json beside it); seeded under a
 *   `.partial` name and renamed at the end, so a half-written seed is never reused.
 * - PostgreSQL: a database `ledgerside_bench_…` created on the server of the URL given (the user needs
 *   CREATEDB); the seed's figures are written into its `bench_seed` table last, so a database without
 *   them is a half-written seed and is dropped and seeded again.
 * BENCH_CACHE=0 seeds a throw-away file or database, removed at the end.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import { z } from 'zod';
import { seedDatabase, type DatabaseSettings, type SeedParams, type SeedResult } from './seed.js';

/** Bump when seed.ts / seed-data.ts change what they write, so old cached databases are not reused. */
const SEED_VERSION = 1;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const seedResultSchema = z.object({
  organisationIds: z.array(z.string()),
  contacts: z.number(),
  orders: z.number(),
  lines: z.number(),
  withOrders: z.boolean(),
  seconds: z.number(),
});

export interface BenchDatabase {
  settings: DatabaseSettings;
  /** Where it is, for the log (a file path or a database name). */
  where: string;
  seed: SeedResult;
  reused: boolean;
  /** Removes the file or database when it was a throw-away one. */
  cleanup(): Promise<void>;
}

export type BenchDialect = 'sqlite' | 'pg';

function parseSeed(raw: string): SeedResult | undefined {
  const parsed = seedResultSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

const cacheKey = (params: SeedParams) =>
  `ledgerside_bench_v${SEED_VERSION}_o${params.organisations}_c${params.contactsPerOrganisation}_s${params.ordersPerOrganisation}`;

/**
 * `ordersExpected`: whether the sales-orders migration exists now; a database seeded before it landed
 * is seeded again rather than measured without orders.
 */
export async function benchDatabase(
  dialect: BenchDialect,
  params: SeedParams,
  options: { cache: boolean; ordersExpected: boolean; pgUrl?: string },
  log: (line: string) => void,
): Promise<BenchDatabase> {
  if (dialect === 'pg') {
    if (!options.pgUrl) throw new Error('PostgreSQL needs BENCH_DATABASE_URL or DATABASE_URL');
    return pgDatabase(options.pgUrl, params, options, log);
  }
  return sqliteDatabase(params, options, log);
}

async function sqliteDatabase(params: SeedParams, options: { cache: boolean; ordersExpected: boolean }, log: (line: string) => void): Promise<BenchDatabase> {
  const key = cacheKey(params).replace(/_/g, '-');
  if (!options.cache) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledgerside-bench-'));
    const filename = path.join(dir, `${key}.sqlite`);
    log(`Seeding a throw-away database at ${filename}`);
    const settings = { kind: 'sqlite' as const, filename };
    const seed = await seedDatabase(settings, params, log);
    return { settings, where: filename, seed, reused: false, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }

  const dir = path.join(ROOT, 'data/bench');
  mkdirSync(dir, { recursive: true });
  const filename = path.join(dir, `${key}.sqlite`);
  const meta = path.join(dir, `${key}.json`);
  const cached = existsSync(filename) && existsSync(meta) ? parseSeed(readFileSync(meta, 'utf8')) : undefined;
  const settings = { kind: 'sqlite' as const, filename };
  const where = path.relative(ROOT, filename);
  if (cached && cached.withOrders === options.ordersExpected) {
    log(`Reusing the seeded database ${where} (seeded in ${cached.seconds.toFixed(1)} s)`);
    return { settings, where, seed: cached, reused: true, cleanup: async () => undefined };
  }

  // Seed beside the final name and rename at the end, so an interrupted seed is never reused.
  const partial = `${filename}.partial`;
  for (const file of [filename, meta, partial, `${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true });
  log(`Seeding ${where}`);
  const seed = await seedDatabase({ kind: 'sqlite', filename: partial }, params, log);
  renameSync(partial, filename);
  writeFileSync(meta, JSON.stringify(seed));
  return { settings, where, seed, reused: false, cleanup: async () => undefined };
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function pgDatabase(
  base: string,
  params: SeedParams,
  options: { cache: boolean; ordersExpected: boolean },
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const name = options.cache ? cacheKey(params) : `ledgerside_bench_tmp_${process.pid}_${Date.now()}`;
  const settings = { kind: 'pg' as const, url: databaseUrl(base, name) };
  const admin = knex({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
  const drop = async () => {
    const dropper = knex({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
    try {
      await dropper.raw(`drop database if exists ${name} with (force)`);
    } finally {
      await dropper.destroy();
    }
  };
  try {
    const exists = ((await admin('pg_database').where({ datname: name }).count({ n: '*' }).first()) as { n: unknown } | undefined)?.n;
    if (Number(exists) > 0) {
      const cached = await readPgSeed(settings);
      if (cached && cached.withOrders === options.ordersExpected) {
        log(`Reusing the seeded PostgreSQL database ${name} (seeded in ${cached.seconds.toFixed(1)} s)`);
        return { settings, where: name, seed: cached, reused: true, cleanup: async () => undefined };
      }
      log(`Dropping ${name}: an unfinished or outdated seed`);
      await admin.raw(`drop database if exists ${name} with (force)`);
    }
    await admin.raw(`create database ${name}`);
  } finally {
    await admin.destroy();
  }
  log(`Seeding the PostgreSQL database ${name}${options.cache ? '' : ' (throw-away)'}`);
  const seed = await seedDatabase(settings, params, log);
  const db = knex({ client: 'pg', connection: settings.url, pool: { min: 0, max: 1 } });
  try {
    await db.raw('create table if not exists bench_seed (id integer primary key, result text not null)');
    await db('bench_seed').insert({ id: 1, result: JSON.stringify(seed) });
  } finally {
    await db.destroy();
  }
  return { settings, where: name, seed, reused: false, cleanup: options.cache ? async () => undefined : drop };
}

async function readPgSeed(settings: { url: string }): Promise<SeedResult | undefined> {
  const db = knex({ client: 'pg', connection: settings.url, pool: { min: 0, max: 1 } });
  try {
    if (!(await db.schema.hasTable('bench_seed'))) return undefined;
    const row = (await db('bench_seed').where({ id: 1 }).first()) as { result?: string } | undefined;
    return row?.result ? parseSeed(row.result) : undefined;
  } finally {
    await db.destroy();
  }
}
