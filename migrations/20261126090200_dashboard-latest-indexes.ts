import type { Knex } from 'knex';

/**
 * The dashboard's "latest quotes / sales orders" (newest created first, then number): without an index
 * in that order SQLite reads and sorts every quote and order of the organisation, each joined to its
 * contact, to show five. With one it reads five index entries (bench/README.md).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists quotes_org_created_idx on quotes (organisation_id, created_at, number)');
  await knex.raw('create index if not exists sales_orders_org_created_idx on sales_orders (organisation_id, created_at, number)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists sales_orders_org_created_idx');
  await knex.raw('drop index if exists quotes_org_created_idx');
}
