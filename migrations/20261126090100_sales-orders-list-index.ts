import type { Knex } from 'knex';

/**
 * The sales orders list at 5,000 orders per organisation (bench/README.md has the plans and figures).
 * Its default order is issue date then number, newest first: with only (organisation_id, issue_date)
 * SQLite sorts every order of the organisation again by number, and skipping to a deep page reads
 * every skipped order's row. With number in the index the order comes from the index, and with
 * reference and contact_id beside it the skipped orders, the search on number and reference and the
 * join to the contact are read from the index, not from the orders' rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists sales_orders_org_list_idx on sales_orders (organisation_id, issue_date, number, reference, contact_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists sales_orders_org_list_idx');
}
