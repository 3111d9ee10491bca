/**
 * SQL for the "Contracts" overview: the active (and renewed) contracts' annual figures summed in the
 * database, so a page view reads a row per currency, the chart's top customers and the contracts
 * renewing within 90 days, not every active contract and its services (bench/README.md, issue 18).
 *
 * The sums are the ones `contractRevenue` makes per contract (its unit test and the overview's HTTP test
 * compare them): per services line the amount tax excluded, and its cost per period rounded to cents
 * half away from zero (`divRound(quantity × unit cost, 10⁶)`, an unknown cost counting 0), each times
 * the contract's billings a year. Sums of integer cents are exact on both dialects.
 */
import type { Knex } from 'knex';
import type { TenantDb } from '../db/tenant-db.js';
import { bool, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import { sqlExpression } from '../db/sql-expression.js';
import { PERIODS_PER_YEAR } from './contract-revenue.js';

/** The contract's billings a year (an unknown frequency reads as monthly, as the repository reads it). */
const PERIODS = `(case contracts.billing_frequency ${Object.entries(PERIODS_PER_YEAR)
  .map(([frequency, n]) => `when '${frequency}' then ${n}`)
  .join(' ')} else 12 end)`;
const EX_TAX = `(l.line_amount - case when contracts.line_amount_types = 'Inclusive' then l.tax_amount else 0 end)`;
const COST_PRODUCT = 'cast(l.quantity as bigint) * l.unit_cost';
const COST = `(case when l.unit_cost is null then 0 when ${COST_PRODUCT} < 0 then -((-(${COST_PRODUCT}) + 500000) / 1000000) else (${COST_PRODUCT} + 500000) / 1000000 end)`;
const ACV = `coalesce(sum(${PERIODS} * ${EX_TAX}), 0)`;
const ANNUAL_COST = `coalesce(sum(${PERIODS} * ${COST}), 0)`;
const GROSS_PROFIT = `coalesce(sum(${PERIODS} * (${EX_TAX} - ${COST})), 0)`;

export interface CurrencyTotals {
  currency: string;
  activeCount: number;
  customerCount: number;
  acv: number;
  annualCost: number;
}

export interface CustomerProfit {
  contactId: string;
  label: string;
  gp: number;
}

export interface RenewingContract {
  id: string;
  number: string;
  title: string;
  contactName: string;
  currency: string;
  renewalDate: string;
  autoRenew: boolean;
  acv: number;
}

export function contractOverviewRepository(tdb: TenantDb) {
  /** The organisation's active and renewed contracts, each joined to its services lines (none: one row of nulls). */
  const activeWithLines = (): Knex.QueryBuilder =>
    tdb.from('contracts').leftJoin(tdb.scoped('contract_lines', 'l'), 'l.contract_id', 'contracts.id').whereIn('contracts.status', ['active', 'renewed']);
  const expr = (builder: Knex.QueryBuilder, sql: string): Knex.Raw => sqlExpression(builder, sql);

  return {
    /** Per currency: how many contracts and customers, ACV and annual cost (cents). */
    async totalsByCurrency(): Promise<CurrencyTotals[]> {
      const q = activeWithLines();
      const rows: DbRow[] = await q
        .groupBy('contracts.currency')
        .select(
          'contracts.currency',
          expr(q, 'count(distinct contracts.id) as active_count'),
          expr(q, 'count(distinct contracts.contact_id) as customer_count'),
          expr(q, `${ACV} as acv`),
          expr(q, `${ANNUAL_COST} as annual_cost`),
        );
      return rows.map((r) => ({
        currency: requiredText(r, 'currency'),
        activeCount: requiredInt(r, 'active_count'),
        customerCount: requiredInt(r, 'customer_count'),
        acv: requiredInt(r, 'acv'),
        annualCost: requiredInt(r, 'annual_cost'),
      }));
    },

    /** The `limit` customers of the most annual gross profit in `currency`, most first (ties by name). */
    async topCustomers(currency: string, limit: number): Promise<CustomerProfit[]> {
      const q = activeWithLines();
      const rows: DbRow[] = await q
        .leftJoin(tdb.scoped('contacts', 'c'), 'c.id', 'contracts.contact_id')
        .where('contracts.currency', currency)
        .groupBy('contracts.contact_id', 'c.name')
        .select('contracts.contact_id', 'c.name as contact_name', expr(q, `${GROSS_PROFIT} as gp`))
        .orderBy([{ column: 'gp', order: 'desc' }, { column: 'c.name' }, { column: 'contracts.contact_id' }])
        .limit(limit);
      return rows.map((r) => ({ contactId: requiredText(r, 'contact_id'), label: text(r, 'contact_name') ?? '', gp: requiredInt(r, 'gp') }));
    },

    /** Contracts renewing (or ending) after `after` and on or before `until`, with their ACV. */
    async renewing(after: string, until: string): Promise<RenewingContract[]> {
      const q = activeWithLines();
      const rows: DbRow[] = await q
        .leftJoin(tdb.scoped('contacts', 'c'), 'c.id', 'contracts.contact_id')
        .where('contracts.renewal_date', '>', after)
        .where('contracts.renewal_date', '<=', until)
        .groupBy(
          'contracts.id',
          'contracts.number',
          'contracts.title',
          'c.name',
          'contracts.currency',
          'contracts.renewal_date',
          'contracts.auto_renew',
          'contracts.billing_frequency',
          'contracts.line_amount_types',
        )
        .select(
          'contracts.id',
          'contracts.number',
          'contracts.title',
          'c.name as contact_name',
          'contracts.currency',
          'contracts.renewal_date',
          'contracts.auto_renew',
          expr(q, `${ACV} as acv`),
        );
      return rows.map((r) => ({
        id: requiredText(r, 'id'),
        number: requiredText(r, 'number'),
        title: text(r, 'title') ?? '',
        contactName: text(r, 'contact_name') ?? '',
        currency: requiredText(r, 'currency'),
        renewalDate: requiredText(r, 'renewal_date'),
        autoRenew: bool(r, 'auto_renew'),
        acv: requiredInt(r, 'acv'),
      }));
    },
  };
}

export type ContractOverviewRepository = ReturnType<typeof contractOverviewRepository>;
