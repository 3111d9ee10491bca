import type { Knex } from 'knex';

/**
 * Each contract keeps its annual revenue (ACV) and annual cost, in its currency's cents, so the
 * contracts overview (issue 18) sums contract rows instead of every in-force contract's services on
 * every view. The app writes them with the contract and its services (src/contracts/contract-repository.ts,
 * from `annualFigures`); this fills them for the contracts already stored, in one set-based statement on
 * both dialects, with the arithmetic the overview's SQL used until now: per services line the amount tax
 * excluded (an Inclusive contract's line less its tax) and its cost per period, quantity × unit cost
 * (both × 10,000) in cents rounded half away from zero (an unknown cost counts 0), each summed and times
 * the billings a year of the contract's frequency (an unknown one as monthly). Gross profit is their
 * difference. The index covers the overview's figures (totals per currency, the chart's customers) from
 * its entries alone. Safe to re-run.
 */
const PERIODS = `(case contracts.billing_frequency when 'weekly' then 52 when 'fortnightly' then 26 when 'monthly' then 12
  when 'quarterly' then 4 when 'half_yearly' then 2 when 'annually' then 1 else 12 end)`;
const EX_TAX = `(l.line_amount - case when contracts.line_amount_types = 'Inclusive' then l.tax_amount else 0 end)`;
const COST_PRODUCT = 'cast(l.quantity as bigint) * l.unit_cost';
const COST = `(case when l.unit_cost is null then 0 when ${COST_PRODUCT} < 0 then -((-(${COST_PRODUCT}) + 500000) / 1000000)
  else (${COST_PRODUCT} + 500000) / 1000000 end)`;

const COLUMNS = ['annual_revenue', 'annual_cost'] as const;

export async function up(knex: Knex): Promise<void> {
  for (const column of COLUMNS) {
    if (!(await knex.schema.hasColumn('contracts', column))) {
      await knex.schema.alterTable('contracts', (t) => {
        t.bigInteger(column).notNullable().defaultTo(0);
      });
    }
  }
  await knex.raw(`update contracts set (annual_revenue, annual_cost) = (
    select ${PERIODS} * coalesce(sum(${EX_TAX}), 0), ${PERIODS} * coalesce(sum(${COST}), 0)
    from contract_lines l where l.organisation_id = contracts.organisation_id and l.contract_id = contracts.id)`);
  await knex.raw(
    'create index if not exists contracts_org_status_figures_idx on contracts (organisation_id, status, currency, contact_id, annual_revenue, annual_cost)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists contracts_org_status_figures_idx');
  for (const column of [...COLUMNS].reverse()) {
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table and lose its triggers.
    if (await knex.schema.hasColumn('contracts', column)) await knex.raw(`alter table contracts drop column ${column}`);
  }
}
