import type { Knex } from 'knex';

/**
 * The contracts overview's figures index (20261205010000) in a better order: (organisation_id,
 * currency, contact_id, status, annual_revenue, annual_cost) instead of status first. The chart's top
 * customers group one currency's contracts by customer; with status first (two values, active and
 * renewed) SQLite took the customers' order from `contracts_org_contact_date_idx` and read every
 * contract row of the organisation instead. With the currency first and the customer next, both the
 * chart and the per-currency totals come from index entries in index order. Both dialects; safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists contracts_org_status_figures_idx');
  await knex.raw(
    'create index if not exists contracts_org_currency_figures_idx on contracts (organisation_id, currency, contact_id, status, annual_revenue, annual_cost)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists contracts_org_currency_figures_idx');
  await knex.raw(
    'create index if not exists contracts_org_status_figures_idx on contracts (organisation_id, status, currency, contact_id, annual_revenue, annual_cost)',
  );
}
