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

/** What the database's search-key triggers would write (migrations …100100, …100200): ASCII data, so lower() = toLowerCase(). */
const SEP = '\u001f';
const contactSearchKey = (c: ContactRow) => `${String(c.name_key)}${SEP}${String(c.email ?? '').toLowerCase()}`;
export const documentSearchKey = (nameKey: string, number: string, reference: unknown) =>
  `${nameKey}${SEP}${number.toLowerCase()}${SEP}${typeof reference === 'string' ? reference.toLowerCase() : ''}`;

interface OrganisationRows {
  id: string;
  organisation: ContactRow;
  contacts: ContactRow[];
  orders: ContactRow[];
  lines: ContactRow[];
  sequence: ContactRow | null;
}

/** One organisation's rows (pure, no database): so the next one can be made while the database writes this one. */
function organisationRows(index: number, params: SeedParams, withOrders: boolean): OrganisationRows {
  const id = organisationId(index);
  const rand = prng(7919 * (index + 1));
  const label = String(index + 1).padStart(3, '0');
  const organisation = {
    id,
    xero_tenant_id: seededUuid(rand),
    name: `Bench Organisation ${label}`,
    short_code: `!B${label}`,
    base_currency: CURRENCY,
    country_code: 'NZ',
    status: 'connected',
  };
  // Companies first: people reference them through the composite foreign key.
  const contacts = contactRows(rand, id, params.contactsPerOrganisation, CLOCK).map((c): ContactRow => ({ ...c, search_key: contactSearchKey(c) }));
  const made: OrganisationRows = { id, organisation, contacts, orders: [], lines: [], sequence: null };
  if (!withOrders || params.ordersPerOrganisation === 0) return made;

  const nameKeys = new Map(contacts.map((c) => [String(c.id), String(c.name_key)]));
  const customers = contacts.filter((c) => c.is_customer && c.archived_at === null).map((c) => String(c.id));
  for (let n = 1; n <= params.ordersPerOrganisation; n += 1) {
    const order = salesOrder(rand, id, n, customers.length ? customers : [String(contacts[0]?.id)], CURRENCY, CLOCK);
    const o = order.order;
    made.orders.push({ ...o, search_key: documentSearchKey(nameKeys.get(String(o.contact_id)) ?? '', String(o.number), o.reference) });
    made.lines.push(...order.lines);
  }
  made.sequence = { organisation_id: id, kind: 'sales_order', next_number: params.ordersPerOrganisation + 1 };
  return made;
}

async function insertOrganisation(trx: Knex | Knex.Transaction, rows: OrganisationRows): Promise<void> {
  await trx('organisations').insert(rows.organisation);
  await insertChunked(trx, 'contacts', rows.contacts);
  await insertChunked(trx, 'sales_orders', rows.orders);
  await insertChunked(trx, 'sales_order_lines', rows.lines);
  if (rows.sequence) await trx('document_sequences').insert(rows.sequence);
}

/**
 * PostgreSQL: the whole seed in one transaction, an organisation's three tables in one statement
 * (data-modifying CTEs, one JSON parameter each, unpacked by `json_populate_recordset` into the tables'
 * own column types) with the connection's triggers and foreign-key checks off
 * (`session_replication_role = replica`, superuser only: the search keys are written by the seed, as
 * the triggers would, and the rows are made consistent by construction). The next organisation's rows
 * are made in this process while the server writes the current one.
 */
async function seedPostgres(db: Knex, params: SeedParams, withOrders: boolean, log: (line: string) => void, started: number): Promise<void> {
  const replica = await db
    .raw('set session_replication_role = replica')
    .then(() => true)
    .catch(() => false);
  if (!replica) log('  (not a superuser: triggers and foreign-key checks stay on; slower)');
  await db.transaction(async (trx) => {
    let next = organisationRows(0, params, withOrders);
    for (let i = 0; i < params.organisations; i += 1) {
      const rows = next;
      const writing = replica ? insertInOneStatement(trx, rows) : insertOrganisation(trx, rows);
      if (i + 1 < params.organisations) next = organisationRows(i + 1, params, withOrders);
      await writing;
      if ((i + 1) % 10 === 0 || i + 1 === params.organisations) {
        log(`  seeded ${i + 1}/${params.organisations} organisations (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
  });
  if (replica) await db.raw('set session_replication_role = origin');
}

const columnsOf = (rows: ContactRow[]) =>
  Object.keys(rows[0] ?? {})
    .map((c) => `"${c}"`)
    .join(', ');

function insertInOneStatement(trx: Knex.Transaction, rows: OrganisationRows): Promise<unknown> {
  const tables: Array<[string, ContactRow[]]> = [
    ['organisations', [rows.organisation]],
    ['contacts', rows.contacts],
    ['sales_orders', rows.orders],
    ['sales_order_lines', rows.lines],
    ['document_sequences', rows.sequence ? [rows.sequence] : []],
  ];
  const parts = tables.filter(([, list]) => list.length > 0);
  const sql = parts
    .map(([table, list], i) => {
      const columns = columnsOf(list);
      const insert = `insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, ?::json)`;
      return i < parts.length - 1 ? `${i === 0 ? 'with' : ','} t${i} as (${insert})` : ` ${insert}`;
    })
    .join('\n');
  return trx.raw(
    sql,
    parts.map(([, list]) => JSON.stringify(list)),
  );
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

async function countRows(db: Knex, table: string): Promise<number> {
  if (!(await db.schema.hasTable(table))) return 0;
  const row = (await db(table).count({ n: '*' }).first()) as { n: unknown } | undefined;
  return Number(row?.n ?? 0);
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
    if (sqlite) {
      for (let i = 0; i < params.organisations; i += 1) {
        await seeder.transaction((trx) => insertOrganisation(trx, organisationRows(i, params, withOrders)));
        if ((i + 1) % 10 === 0 || i + 1 === params.organisations) {
          log(`  seeded ${i + 1}/${params.organisations} organisations (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      }
    } else await seedPostgres(seeder, params, withOrders, log, started);
    const organisationIds = Array.from({ length: params.organisations }, (_, i) => organisationId(i));
    const orders = withOrders ? params.organisations * params.ordersPerOrganisation : 0;
    const lines = await countRows(seeder, 'sales_order_lines');
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
