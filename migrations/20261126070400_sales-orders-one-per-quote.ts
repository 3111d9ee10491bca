import type { Knex } from 'knex';

/**
 * A quote becomes at most one sales order: a double-click on "Create sales order" must not make two.
 * Partial unique index (SQLite and PostgreSQL both support them): orders not made from a quote are free.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create unique index sales_orders_quote_unique on sales_orders (organisation_id, quote_id) where quote_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists sales_orders_quote_unique');
}
