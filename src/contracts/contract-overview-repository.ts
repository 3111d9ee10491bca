/**
 * SQL for the "Contracts" overview: the active (and renewed) contracts' annual figures summed in the
 * database from the contract rows alone, so a page view reads a row per currency, the chart's top
 * customers and the contracts renewing within 90 days (bench/README.md, issue 18).
 *
 * Each contract row keeps its annual revenue (ACV) and annual cost, written with its services by
 * `contractRepository` from `annualFigures` (as `contractRevenue` makes them) and filled for older rows
 * by migration 20261205010000; gross profit is their difference. `contracts_org_currency_figures_idx`
 * (organisation, currency, customer, status, revenue, cost; 20261205010100) answers the totals and the
 * chart from index entries. Sums of integer cents are exact on both dialects.
 */
import type { Knex } from 'knex';
import type { TenantDb } from '../db/tenant-db.js';
import { bool, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import { sqlExpression } from '../db/sql-expression.js';

/** The statuses whose contracts are in force (counted by the overview). */
const IN_FORCE = ['active', 'renewed'];

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
  /** The organisation's active and renewed contracts. */
  const inForce = (): Knex.QueryBuilder => tdb.from('contracts').whereIn('contracts.status', IN_FORCE);

  return {
    /** Per currency: how many contracts and customers, ACV and annual cost (cents). */
    async totalsByCurrency(): Promise<CurrencyTotals[]> {
      const rows: DbRow[] = await inForce()
        .groupBy('currency')
        .select('currency')
        .count({ active_count: '*' })
        .countDistinct({ customer_count: 'contact_id' })
        .sum({ acv: 'annual_revenue', annual_cost: 'annual_cost' });
      return rows.map((r) => ({
        currency: requiredText(r, 'currency'),
        activeCount: requiredInt(r, 'active_count'),
        customerCount: requiredInt(r, 'customer_count'),
        acv: requiredInt(r, 'acv'),
        annualCost: requiredInt(r, 'annual_cost'),
      }));
    },

    /**
     * The `limit` customers of the most annual gross profit in `currency`, most first (ties by name, then
     * id). Only the customers at or above the `limit`-th largest profit get their name looked up (by
     * key): a join to the contacts made PostgreSQL hash all 10,000 of the organisation's contacts.
     */
    async topCustomers(currency: string, limit: number): Promise<CustomerProfit[]> {
      const customers = () => inForce().where('contracts.currency', currency).groupBy('contracts.contact_id');
      const q = customers();
      const gp = 'sum(contracts.annual_revenue - contracts.annual_cost)';
      const threshold = customers()
        .select(sqlExpression(q, `${gp} as gp`))
        .orderBy('gp', 'desc')
        .offset(limit - 1)
        .limit(1);
      const name = tdb.from('contacts').whereRaw('?? = ??', ['contacts.id', 'contracts.contact_id']).select('contacts.name');
      const rows: DbRow[] = await q
        .select('contracts.contact_id', name.as('contact_name'), sqlExpression(q, `${gp} as gp`))
        .havingRaw(`${gp} >= coalesce(?, ${gp})`, [threshold])
        .orderBy([{ column: 'gp', order: 'desc' }, { column: 'contact_name' }, { column: 'contracts.contact_id' }])
        .limit(limit);
      return rows.map((r) => ({ contactId: requiredText(r, 'contact_id'), label: text(r, 'contact_name') ?? '', gp: requiredInt(r, 'gp') }));
    },

    /** Contracts renewing (or ending) after `after` and on or before `until`, with their ACV. */
    async renewing(after: string, until: string): Promise<RenewingContract[]> {
      const rows: DbRow[] = await inForce()
        .leftJoin(tdb.scoped('contacts', 'c'), 'c.id', 'contracts.contact_id')
        .where('contracts.renewal_date', '>', after)
        .where('contracts.renewal_date', '<=', until)
        .select(
          'contracts.id',
          'contracts.number',
          'contracts.title',
          'c.name as contact_name',
          'contracts.currency',
          'contracts.renewal_date',
          'contracts.auto_renew',
          'contracts.annual_revenue',
        );
      return rows.map((r) => ({
        id: requiredText(r, 'id'),
        number: requiredText(r, 'number'),
        title: text(r, 'title') ?? '',
        contactName: text(r, 'contact_name') ?? '',
        currency: requiredText(r, 'currency'),
        renewalDate: requiredText(r, 'renewal_date'),
        autoRenew: bool(r, 'auto_renew'),
        acv: requiredInt(r, 'annual_revenue'),
      }));
    },
  };
}

export type ContractOverviewRepository = ReturnType<typeof contractOverviewRepository>;
