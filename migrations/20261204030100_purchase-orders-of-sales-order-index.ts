import type { Knex } from 'knex';

/**
 * A sales order's page lists its purchase orders (`where sales_order_id = ? order by issue_date desc,
 * number desc`). With `purchase_orders_org_sales_order_idx (organisation_id, sales_order_id)` SQLite
 * avoided the sort by walking the organisation's purchase order list in order and reading every row for
 * its `sales_order_id` (2,000 rows per sales order page at full size; bench/README.md, issue 18). Now
 * `purchase_orders_org_sales_order_date_idx (organisation_id, sales_order_id, issue_date, number)` gives
 * the order's purchase orders already sorted; it replaces the old index, its prefix. Both dialects;
 * safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index if not exists purchase_orders_org_sales_order_date_idx on purchase_orders (organisation_id, sales_order_id, issue_date, number)',
  );
  await knex.raw('drop index if exists purchase_orders_org_sales_order_idx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists purchase_orders_org_sales_order_idx on purchase_orders (organisation_id, sales_order_id)');
  await knex.raw('drop index if exists purchase_orders_org_sales_order_date_idx');
}
