import type { Knex } from 'knex';

/**
 * Purchase orders' and contracts' search keys get the same PostgreSQL trigram index as contacts, quotes
 * and sales orders (20261202080000_postgres-trigram-search, which says why it is `(organisation_id,
 * search_key gin_trgm_ops)`): both landed with a search key after that migration was written.
 * PostgreSQL only; the extensions exist by then. Safe to re-run.
 */
const TABLES = ['purchase_orders', 'contracts'];
const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw('create extension if not exists pg_trgm');
  await knex.raw('create extension if not exists btree_gin');
  for (const table of TABLES) {
    await knex.raw(`create index if not exists ${table}_search_trgm_idx on ${table} using gin (organisation_id, search_key gin_trgm_ops)`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  for (const table of TABLES) await knex.raw(`drop index if exists ${table}_search_trgm_idx`);
}
