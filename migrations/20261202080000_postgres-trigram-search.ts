import type { Knex } from 'knex';

/**
 * Substring search on PostgreSQL through trigram indexes (issue 18). The list searches are
 * `search_key ILIKE '%text%'` (src/db/contains.ts) on the keys the database keeps for contacts, quotes and
 * sales orders (20261126100100, 20261126100200). A b-tree cannot answer a substring, so without this
 * PostgreSQL tests every key of the organisation; a GIN index of the key's trigrams (pg_trgm, whose
 * `gin_trgm_ops` serve LIKE and ILIKE) finds the candidates directly.
 *
 * Each index is `(organisation_id, search_key gin_trgm_ops)`: btree_gin lets GIN index the organisation
 * too, so a search intersects the organisation's entries with the trigrams' inside the index and never
 * visits another organisation's rows (with the key alone, a term common across organisations — "smith",
 * "ltd" — would fetch every organisation's matches to throw most away). Both extensions ship with
 * PostgreSQL (contrib) and are "trusted": a database owner may create them.
 *
 * PostgreSQL only: SQLite has no trigram index that fits data split by organisation (FTS5's trigram
 * tokenizer was measured and rejected, bench/README.md); there this migration does nothing. Safe to re-run.
 */
const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

const TABLES = ['contacts', 'quotes', 'sales_orders'];

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
  // Nothing else uses them (a later migration that does is rolled back before this one).
  await knex.raw('drop extension if exists btree_gin');
  await knex.raw('drop extension if exists pg_trgm');
}
