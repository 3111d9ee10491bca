/**
 * The annual revenue and cost each contract row keeps (issue 18): migration 20261205010000 fills them for
 * stored contracts with the arithmetic `annualFigures` (and so `contractRevenue`) uses, on both
 * dialects; the overview then sums contract rows only, from the figures index on SQLite.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/documents.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import type { Database } from '../../../src/db/database.js';
import { annualFigures, type RevenueLine } from '../../../src/contracts/contract-revenue.js';
import { contractOverviewRepository } from '../../../src/contracts/contract-overview-repository.js';
import type { BillingFrequency } from '../../../src/contracts/contract.js';
import type { LineAmountTypes } from '../../../src/documents/index.js';
import * as annualFiguresMigration from '../../../migrations/20261205010000_contracts-annual-figures.js';

interface Plan {
  id: string;
  frequency: BillingFrequency;
  types: LineAmountTypes;
  lines: RevenueLine[];
}

// 1.5 units at 33.3333 cost 49.99995 a period: 50.00, half away from zero, and −50.00 for −1.5 units.
const HALF_CENT: RevenueLine = { quantity: 15_000, lineAmount: 14_999, taxAmount: 1_500, unitCost: 333_333 };
const PLANS: Plan[] = [
  { id: 'c-weekly', frequency: 'weekly', types: 'Exclusive', lines: [{ quantity: 20_000, lineAmount: 20_000, taxAmount: 2_000, unitCost: 600_000 }] },
  {
    id: 'c-fortnightly',
    frequency: 'fortnightly',
    types: 'Inclusive',
    lines: [{ quantity: 10_000, lineAmount: 11_000, taxAmount: 1_000, unitCost: null }, HALF_CENT],
  },
  { id: 'c-monthly', frequency: 'monthly', types: 'NoTax', lines: [HALF_CENT, { ...HALF_CENT, quantity: -15_000, lineAmount: -14_999 }] },
  { id: 'c-quarterly', frequency: 'quarterly', types: 'Inclusive', lines: [{ quantity: 30_000, lineAmount: 33_333, taxAmount: 3_030, unitCost: 70_001 }] },
  { id: 'c-half-yearly', frequency: 'half_yearly', types: 'Exclusive', lines: [HALF_CENT, HALF_CENT, HALF_CENT] },
  { id: 'c-annually', frequency: 'annually', types: 'Exclusive', lines: [{ quantity: 10_000, lineAmount: 100_000, taxAmount: 15_000, unitCost: 1_250_000 }] },
  { id: 'c-no-services', frequency: 'monthly', types: 'Exclusive', lines: [] },
];

async function storeContract(db: Database, organisationId: string, contactId: string, plan: Plan, n: number): Promise<void> {
  await db('contracts').insert({
    organisation_id: organisationId,
    id: plan.id,
    number: `CT-${n}`,
    contact_id: contactId,
    title: plan.id,
    issue_date: '2026-01-01',
    billing_frequency: plan.frequency,
    first_invoice_date: '2026-01-01',
    currency: 'AUD',
    line_amount_types: plan.types,
    status: 'active',
  });
  if (plan.lines.length === 0) return;
  await db('contract_lines').insert(
    plan.lines.map((l, position) => ({
      organisation_id: organisationId,
      id: `${plan.id}-${position}`,
      contract_id: plan.id,
      position,
      description: 'Service',
      quantity: l.quantity,
      unit_price: 0,
      unit_cost: l.unitCost,
      line_amount: l.lineAmount,
      tax_amount: l.taxAmount,
    })),
  );
}

const storedFigures = async (db: Database, organisationId: string): Promise<Record<string, { acv: number; cost: number }>> =>
  Object.fromEntries(
    (await db('contracts').where({ organisation_id: organisationId }).select('id', 'annual_revenue', 'annual_cost')).map(
      (r: { id: string; annual_revenue: unknown; annual_cost: unknown }) => [r.id, { acv: Number(r.annual_revenue), cost: Number(r.annual_cost) }],
    ),
  );

describeEachDialect('contracts: stored annual figures (issue 18)', (ctx) => {
  it('when contracts stored before the figures were kept are migrated, then each row holds the annual revenue and cost annualFigures gives from its services, per organisation', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme');
    const other = await createTestOrganisation(db, 'Other');
    const customer = await createContact(db, org.id, 'Bluebird Cafe');
    const otherCustomer = await createContact(db, other.id, 'Zephyr Bikes');
    for (const [i, plan] of PLANS.entries()) await storeContract(db, org.id, customer, plan, i + 1);
    // The same contract id in another organisation, with other services: figures never mix across organisations.
    const twin: Plan = {
      id: 'c-weekly',
      frequency: 'annually',
      types: 'Exclusive',
      lines: [{ quantity: 10_000, lineAmount: 500, taxAmount: 50, unitCost: 1_000_000 }],
    };
    await storeContract(db, other.id, otherCustomer, twin, 1);

    await annualFiguresMigration.up(db);

    const expected = Object.fromEntries(
      PLANS.map((p) => {
        const f = annualFigures(p.lines, { frequency: p.frequency, lineAmountTypes: p.types });
        return [p.id, { acv: f.acv, cost: f.annualCost }];
      }),
    );
    expect(await storedFigures(db, org.id)).to.deep.equal(expected);
    // Spelled out for two: 52 × 200.00 and 52 × 2 × 60.00; 2 × (3 × 149.99) and 2 × (3 × 50.00).
    expect(expected['c-weekly']).to.deep.equal({ acv: 1_040_000, cost: 624_000 });
    expect(expected['c-half-yearly']).to.deep.equal({ acv: 89_994, cost: 30_000 });
    expect(expected['c-monthly']).to.deep.equal({ acv: 0, cost: 0 });
    expect(await storedFigures(db, other.id)).to.deep.equal({ 'c-weekly': { acv: 500, cost: 10_000 } });

    // The overview adds them up per currency.
    const [totals] = await contractOverviewRepository(tenantDb(db, org.id)).totalsByCurrency();
    const sum = (key: 'acv' | 'cost') => Object.values(expected).reduce((s, f) => s + f[key], 0);
    expect(totals).to.deep.equal({ currency: 'AUD', activeCount: PLANS.length, customerCount: 1, acv: sum('acv'), annualCost: sum('cost') });
  });

  it("when customers tie on gross profit at the chart's cut, then the top customers are the most profitable with ties by name, and other currencies, drafts and cancelled contracts do not count", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme');
    const contract = async (name: string, revenue: number, cost: number, fields: Record<string, string> = {}) => {
      const contactId = (await db('contacts').where({ organisation_id: org.id, name }).first('id'))?.id ?? (await createContact(db, org.id, name));
      const n = Number((await db('contracts').where({ organisation_id: org.id }).count({ n: '*' }).first())?.n ?? 0) + 1;
      await db('contracts').insert({
        organisation_id: org.id,
        id: `c${n}`,
        number: `CT-${n}`,
        contact_id: contactId,
        title: name,
        issue_date: '2026-01-01',
        billing_frequency: 'monthly',
        first_invoice_date: '2026-01-01',
        currency: 'AUD',
        line_amount_types: 'Exclusive',
        status: 'active',
        annual_revenue: revenue,
        annual_cost: cost,
        ...fields,
      });
    };
    await contract('Delta', 900, 400);
    for (const name of ['Charlie', 'Alpha', 'Bravo']) await contract(name, 500, 200);
    await contract('Echo', 80, 30);
    await contract('Echo', 80, 30);
    await contract('Hotel', 100, 300);
    await contract('Foxtrot', 5000, 0, { currency: 'NZD' });
    await contract('Golf', 5000, 0, { status: 'draft' });
    await contract('Alpha', 5000, 0, { status: 'cancelled' });
    const repo = contractOverviewRepository(tenantDb(db, org.id));
    const top = async (limit: number) => (await repo.topCustomers('AUD', limit)).map((c) => `${c.label} ${c.gp}`);
    expect(await top(3)).to.deep.equal(['Delta 500', 'Alpha 300', 'Bravo 300']);
    expect(await top(2)).to.deep.equal(['Delta 500', 'Alpha 300']);
    expect(await top(10)).to.deep.equal(['Delta 500', 'Alpha 300', 'Bravo 300', 'Charlie 300', 'Echo 100', 'Hotel -200']);
  });

  it('when the overview sums its figures, then its totals and chart read the contract rows (the figures index on SQLite), never the services lines', async () => {
    const { db, dialect } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme');
    const customer = await createContact(db, org.id, 'Bluebird Cafe');
    await storeContract(db, org.id, customer, PLANS[0] as Plan, 1);
    const statements: Array<{ sql: string; bindings: readonly unknown[] }> = [];
    const listener = (q: { sql: string; bindings?: readonly unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
    db.on('query', listener);
    try {
      const repo = contractOverviewRepository(tenantDb(db, org.id));
      await repo.totalsByCurrency();
      await repo.topCustomers('AUD', 10);
      await repo.renewing('2026-01-01', '2026-04-01');
    } finally {
      db.removeListener('query', listener);
    }
    expect(statements).to.have.length(3);
    for (const s of statements) expect(s.sql).not.to.contain('contract_lines');
    if (dialect !== 'sqlite') return;
    const plans = await Promise.all(
      statements
        .slice(0, 2)
        .map(async (s) => ((await db.raw(`explain query plan ${s.sql}`, s.bindings as never)) as Array<{ detail: string }>).map((r) => r.detail).join(' | ')),
    );
    for (const plan of plans) expect(plan).to.contain('USING COVERING INDEX contracts_org_currency_figures_idx');
  });
});
