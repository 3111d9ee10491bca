/**
 * The benchmark's database file: reused from data/bench/ when a previous run seeded the same
 * parameters (seeding the full size takes minutes), otherwise seeded afresh. Migrations added since
 * (e.g. new indexes) are applied to a reused file before the run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { seedDatabase, type SeedParams, type SeedResult } from './seed.js';

/** Bump when seed-data.ts changes what it writes, so old cached files are not reused. */
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
  filename: string;
  seed: SeedResult;
  reused: boolean;
  /** Removes the file when it was a throw-away one. */
  cleanup(): void;
}

function cachedSeed(meta: string): SeedResult | undefined {
  if (!existsSync(meta)) return undefined;
  const parsed = seedResultSchema.safeParse(JSON.parse(readFileSync(meta, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

/**
 * `ordersExpected`: whether the sales-orders migration exists now; a file seeded before it landed is
 * seeded again rather than measured without orders.
 */
export async function benchDatabase(
  params: SeedParams,
  options: { cache: boolean; ordersExpected: boolean },
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const key = `ledgerside-bench-v${SEED_VERSION}-o${params.organisations}-c${params.contactsPerOrganisation}-s${params.ordersPerOrganisation}`;
  if (!options.cache) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledgerside-bench-'));
    const filename = path.join(dir, `${key}.sqlite`);
    log(`Seeding a throw-away database at ${filename}`);
    const seed = await seedDatabase(filename, params, log);
    return { filename, seed, reused: false, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }

  const dir = path.join(ROOT, 'data/bench');
  mkdirSync(dir, { recursive: true });
  const filename = path.join(dir, `${key}.sqlite`);
  const meta = path.join(dir, `${key}.json`);
  const cached = existsSync(filename) ? cachedSeed(meta) : undefined;
  if (cached && cached.withOrders === options.ordersExpected) {
    log(`Reusing the seeded database ${path.relative(ROOT, filename)} (seeded in ${cached.seconds.toFixed(1)} s)`);
    return { filename, seed: cached, reused: true, cleanup: () => undefined };
  }

  // Seed beside the final name and rename at the end, so an interrupted seed is never reused.
  const partial = `${filename}.partial`;
  for (const file of [filename, meta, partial, `${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true });
  log(`Seeding ${path.relative(ROOT, filename)}`);
  const seed = await seedDatabase(partial, params, log);
  renameSync(partial, filename);
  writeFileSync(meta, JSON.stringify(seed));
  return { filename, seed, reused: false, cleanup: () => undefined };
}
