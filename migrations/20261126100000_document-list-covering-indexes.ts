import type { Knex } from 'knex';

/**
 * Sales orders and quotes lists read a page's ids from one index (bench/README.md, "Search").
 * sales_orders_org_list_idx lacked `id`, so a search that returns ids in date order read each matching
 * order's row just for its id, and the page and its total had to be two scans. With `id` at the end the
 * index covers the page, the search (number, reference, contact) and the total in one pass. It replaces
 * sales_orders_org_list_idx (a prefix of it). Quotes get the same index: their list now works the same way.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists sales_orders_org_list_id_idx on sales_orders (organisation_id, issue_date, number, reference, contact_id, id)');
  await knex.raw('drop index if exists sales_orders_org_list_idx');
  await knex.raw('create index if not exists quotes_org_list_id_idx on quotes (organisation_id, issue_date, number, reference, contact_id, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists quotes_org_list_id_idx');
  await knex.raw('create index if not exists sales_orders_org_list_idx on sales_orders (organisation_id, issue_date, number, reference, contact_id)');
  await knex.raw('drop index if exists sales_orders_org_list_id_idx');
}
