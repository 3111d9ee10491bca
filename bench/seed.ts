/**
 * Seeds the benchmark database through the app's own migrations and tables: organisations, their
 * contacts, and (when the sales-orders migration exists) sales orders with lines. One transaction per
 * organisation, multi-row inserts sized under SQLite's bound-parameter limit, and SQLite's durability
 * switched off for this connection only (a crash mid-seed just means seeding again).
 */
import knex, { type Knex } from 'knex';
import { knexConfig, migrateLatest, type Database } from '../src/db/database.js';
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

/**
 * SQLite allows 32,766 bound parameters per statement (3.32+), and knex writes a multi-row insert as a
 * compound SELECT, which SQLite caps at 500 terms.
 */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 500;
const CURRENCY = 'NZD';
/** Fixed so the same parameters always give the same rows. */
const CLOCK: SeedClock = { end: Date.UTC(2026, 10, 1) };

async function insertChunked(trx: Knex.Transaction, table: string, rows: ContactRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Object.keys(first).length)));
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

/** Creates and seeds a new database file at `filename` (which must not exist yet). */
export async function seedDatabase(filename: string, params: SeedParams, log: (line: string) => void): Promise<SeedResult> {
  const started = Date.now();
  const base = knexConfig({ kind: 'sqlite', filename });
  // The app's settings (foreign keys on, WAL) on one connection, so the pragmas below hold for the whole seed.
  const seeder: Database = knex({ ...base, pool: { ...(base.pool ?? {}), min: 1, max: 1 } });
  try {
    await migrateLatest(seeder);
    await seeder.raw('PRAGMA journal_mode = WAL');
    await seeder.raw('PRAGMA synchronous = OFF');
    await seeder.raw('PRAGMA cache_size = -262144');
    const withOrders = (await seeder.schema.hasTable('sales_orders')) && (await seeder.schema.hasTable('sales_order_lines'));
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
    await seeder.raw('PRAGMA wal_checkpoint(TRUNCATE)');
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
