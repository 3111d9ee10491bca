/**
 * Seeds the benchmark database through the app's own migrations and tables: organisations, their
 * contacts, and (when the sales-orders migration exists) sales orders with lines. One transaction per
 * organisation, multi-row inserts sized under each dialect's bound-parameter limit, and durability
 * switched off for the seeding connection only (a crash mid-seed just means seeding again):
 * SQLite `synchronous=OFF`, PostgreSQL `synchronous_commit=off`.
 *
 * The measured organisations' larger records (sync log, purchase orders, contracts) are added by
 * `seedExtras` (seed-extras.ts), so a cached database gains them when their capability lands.
 */
import knex, { type Knex } from 'knex';
import { knexConfig, migrateLatest, type Database } from '../src/db/database.js';
import type { AppConfig } from '../src/config.js';
import { contactRows, prng, salesOrder, seededUuid, type ContactRow, type SeedClock } from './seed-data.js';

export interface SeedParams {
  organisations: number;
  contactsPerOrganisation: number;
  ordersPerOrganisation: number;
}

export interface SeedResult {
  organisationIds: string[];
  contacts: number;
  orders: number;
  lines: number;
  withOrders: boolean;
  seconds: number;
}

export type DatabaseSettings = AppConfig['database'];

/**
 * SQLite allows 32,766 bound parameters per statement (3.32+), and knex writes a multi-row insert as a
 * compound SELECT, which SQLite caps at 500 terms.
 */
const LIMITS = { sqlite: { params: 30_000, rows: 500 }, pg: { rows: 5_000 } };
const CURRENCY = 'NZD';
/** Fixed so the same parameters always give the same rows. */
export const CLOCK: SeedClock = { end: Date.UTC(2026, 10, 1) };

/**
 * Multi-row inserts. PostgreSQL gets one JSON parameter per 5,000 rows, unpacked by
 * `json_populate_recordset` into the table's own column types: several times faster than knex compiling
 * a statement with 65,000 placeholders, and the same rows (columns not given keep their defaults).
 */
export async function insertChunked(trx: Knex | Knex.Transaction, table: string, rows: ContactRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const pg = (trx.client as { dialect?: string }).dialect === 'postgresql';
  if (pg) {
    const columns = Object.keys(first)
      .map((c) => `"${c}"`)
      .join(', ');
    for (let i = 0; i < rows.length; i += LIMITS.pg.rows) {
      await trx.raw(`insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, ?::json)`, [
        JSON.stringify(rows.slice(i, i + LIMITS.pg.rows)),
      ]);
    }
    return;
  }
  const size = Math.max(1, Math.min(LIMITS.sqlite.rows, Math.floor(LIMITS.sqlite.params / Object.keys(first).length)));
  for (let i = 0; i < rows.length; i += size) await trx(table).insert(rows.slice(i, i + size));
}

export const organisationId = (index: number): string => seededUuid(prng(1_000_003 * (index + 1)));

async function seedOrganisation(trx: Knex.Transaction, index: number, params: SeedParams, withOrders: boolean): Promise<{ orders: number; lines: number }> {
  const id = organisationId(index);
  const rand = prng(7919 * (index + 1));
  const label = String(index + 1).padStart(3, '0');
  await trx('organisations').insert({
    id,
    xero_tenant_id: seededUuid(rand),
    name: `Bench Organisation ${label}`,
    short_code: `!B${label}`,
    base_currency: CURRENCY,
    country_code: 'NZ',
    status: 'connected',
  });
  const contacts = contactRows(rand, id, params.contactsPerOrganisation, CLOCK);
  // Companies first: people reference them through the composite foreign key.
  await insertChunked(trx, 'contacts', contacts);
  if (!withOrders || params.ordersPerOrganisation === 0) return { orders: 0, lines: 0 };

  const customers = contacts.filter((c) => c.is_customer && c.archived_at === null).map((c) => String(c.id));
  const orders: ContactRow[] = [];
  const lines: ContactRow[] = [];
  for (let n = 1; n <= params.ordersPerOrganisation; n += 1) {
    const made = salesOrder(rand, id, n, customers.length ? customers : [String(contacts[0]?.id)], CURRENCY, CLOCK);
    orders.push(made.order);
    lines.push(...made.lines);
  }
  await insertChunked(trx, 'sales_orders', orders);
  await insertChunked(trx, 'sales_order_lines', lines);
  await trx('document_sequences').insert({ organisation_id: id, kind: 'sales_order', next_number: params.ordersPerOrganisation + 1 });
  return { orders: orders.length, lines: lines.length };
}

/** One connection with durability off for the seed (the app's other settings kept). */
export function seedingConnection(settings: DatabaseSettings): Database {
  const base = knexConfig(settings);
  if (settings.kind === 'sqlite') return knex({ ...base, pool: { ...(base.pool ?? {}), min: 1, max: 1 } });
  return knex({
    ...base,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
        conn.query('set synchronous_commit = off', (err) => done(err, conn));
      },
    },
  });
}

/** The tables the seed fills in bulk (their secondary indexes are built after the rows, see below). */
const BULK_TABLES = ['contacts', 'sales_orders', 'sales_order_lines', 'quotes', 'quote_lines', 'xero_sync_operations'];

/**
 * Drops the plain (non-unique) secondary indexes of `tables` and returns what rebuilds them: building an
 * index once over a million rows is several times faster than keeping it up to date row by row (the
 * GIN trigram indexes most of all). Unique indexes and those behind constraints stay, so the rows are
 * checked as they go in. Same index definitions as the migrations made, read back from the catalogue.
 */
export async function deferIndexes(db: Knex, tables: readonly string[]): Promise<() => Promise<void>> {
  const pg = (db.client as { dialect?: string }).dialect === 'postgresql';
  const rows: Array<{ name: string; sql: string }> = pg
    ? ((
        await db.raw(
          `select i.indexname as name, i.indexdef as sql from pg_indexes i
           join pg_class c on c.relname = i.indexname
           join pg_index x on x.indexrelid = c.oid
           where i.schemaname = current_schema() and i.tablename = any(?) and not x.indisunique and not x.indisprimary`,
          [tables as string[]],
        )
      ).rows as Array<{ name: string; sql: string }>)
    : await db('sqlite_master')
        .where({ type: 'index' })
        .whereIn('tbl_name', tables as string[])
        .whereNotNull('sql')
        .whereRaw("upper(sql) not like 'CREATE UNIQUE%'")
        .select('name', 'sql');
  for (const row of rows) await db.raw(`drop index if exists "${row.name}"`);
  return async () => {
    if (pg) await db.raw("set maintenance_work_mem = '256MB'");
    for (const row of rows) await db.raw(row.sql);
  };
}

/** Creates the schema in the (new, empty) database `settings` names and seeds it. */
export async function seedDatabase(settings: DatabaseSettings, params: SeedParams, log: (line: string) => void): Promise<SeedResult> {
  const started = Date.now();
  const seeder = seedingConnection(settings);
  const sqlite = settings.kind === 'sqlite';
  try {
    await migrateLatest(seeder);
    if (sqlite) {
      await seeder.raw('PRAGMA journal_mode = WAL');
      await seeder.raw('PRAGMA synchronous = OFF');
      await seeder.raw('PRAGMA cache_size = -262144');
    }
    const withOrders = (await seeder.schema.hasTable('sales_orders')) && (await seeder.schema.hasTable('sales_order_lines'));
    const rebuildIndexes = await deferIndexes(seeder, BULK_TABLES);
    let orders = 0;
    let lines = 0;
    const organisationIds: string[] = [];
    for (let i = 0; i < params.organisations; i += 1) {
      const made = await seeder.transaction((trx) => seedOrganisation(trx, i, params, withOrders));
      organisationIds.push(organisationId(i));
      orders += made.orders;
      lines += made.lines;
      if ((i + 1) % 10 === 0 || i + 1 === params.organisations) {
        log(`  seeded ${i + 1}/${params.organisations} organisations (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
    const indexing = Date.now();
    await rebuildIndexes();
    log(`  indexes built in ${Math.round((Date.now() - indexing) / 1000)} s`);
    if (sqlite) await seeder.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    // Fresh statistics for the planner and a visibility map for index-only scans, as autovacuum would
    // leave a database that had grown over years.
    else await seeder.raw('vacuum analyze');
    return {
      organisationIds,
      contacts: params.organisations * params.contactsPerOrganisation,
      orders,
      lines,
      withOrders,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await seeder.destroy();
  }
}
