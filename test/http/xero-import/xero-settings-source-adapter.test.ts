import { expect } from 'chai';
import type { XeroGateway } from '../../../src/xero/xero-gateway.js';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { importApp, press, sandboxApi, signedInOnSandbox } from './import-app.js';

/** Records the If-Modified-Since the settings cache sends for accounts and items, then calls the real gateway. */
function recordingSince(seen: Array<{ call: string; since: Date | undefined }>) {
  return (real: XeroGateway): XeroGateway => ({
    forOrganisation(organisation) {
      const org = real.forOrganisation(organisation);
      return {
        ...org,
        getAccounts: (since) => (seen.push({ call: 'accounts', since }), org.getAccounts(since)),
        getItems: (since) => (seen.push({ call: 'items', since }), org.getItems(since)),
      };
    },
  });
}

const cache = async (db: import('knex').Knex, orgId: string) => ({
  accounts: await db('xero_accounts').where({ organisation_id: orgId }).orderBy('account_id'),
  taxRates: await db('xero_tax_rates').where({ organisation_id: orgId }).orderBy('tax_type'),
  currencies: await db('xero_currencies').where({ organisation_id: orgId }).orderBy('code'),
  items: await db('xero_items').where({ organisation_id: orgId }).orderBy('item_id'),
});

describeEachDialect('Xero settings refreshed through the real gateway adapter', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("when a user presses Refresh from Xero, then the organisation's own accounts, tax rates and currencies fill the cache and the line dropdowns; a second refresh sends If-Modified-Since and changes nothing", async () => {
    const { db } = ctx.current();
    const seen: Array<{ call: string; since: Date | undefined }> = [];
    const ia = importApp(h, db, recordingSince(seen));
    const { agent, org } = await signedInOnSandbox(ia, h, db, ['Demo Company (AU)', 'Demo Company (NZ)']);

    const refreshed = await press(agent, '/settings/xero', '/settings/xero/refresh');
    expect(refreshed.status).to.equal(303);
    const page = await agent.get('/settings/xero');
    expect(page.text).to.contain('Refreshed from Xero');

    const xeroAccounts = (await sandboxApi(ia, h, db, org.xeroTenantId, 'GET', '/Accounts')).Accounts as Array<{ AccountID: string; Code?: string }>;
    const xeroTaxRates = (await sandboxApi(ia, h, db, org.xeroTenantId, 'GET', '/TaxRates')).TaxRates as Array<{ TaxType: string }>;
    const first = await cache(db, org.id);
    expect(first.accounts.map((a) => a.account_id).sort()).to.deep.equal(xeroAccounts.map((a) => a.AccountID).sort());
    expect(first.taxRates.map((t) => t.tax_type).sort()).to.deep.equal(xeroTaxRates.map((t) => t.TaxType).sort());
    expect(first.taxRates.map((t) => t.name))
      .to.include('GST on Income')
      .and.not.to.include('15% GST on Income');
    expect(first.currencies.map((c) => c.code)).to.deep.equal(['AUD', 'NZD', 'USD']);
    expect(first.items.map((i) => i.code).sort()).to.deep.equal(['DevD', 'GB1-White', 'Support-M', 'Train-H']);
    expect(first.accounts.find((a) => a.code === '200')).to.include({ name: 'Sales', type: 'REVENUE' });
    // Only the AU organisation was refreshed.
    const nz = await db('organisations').where({ name: 'Demo Company (NZ)' }).first();
    expect(await db('xero_accounts').where({ organisation_id: nz.id })).to.have.length(0);

    const form = await agent.get('/quotes/new');
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('GST on Income (10%)').and.contain('200 – Sales');
    expect(form.text).to.contain('<option value="AUD"');
    const productForm = await agent.get('/products/new');
    expect(productForm.status).to.equal(200);
    expect(productForm.text).to.contain('200 – Sales').and.contain('GST on Income (10%)').and.contain('GST on Expenses (10%)');

    expect(seen.filter((s) => s.since !== undefined)).to.have.length(0);
    await press(agent, '/settings/xero', '/settings/xero/refresh');
    const again = await agent.get('/settings/xero');
    expect(again.text).to.contain('0 accounts changed').and.contain('0 items changed');
    const second = seen.slice(2);
    expect(second.map((s) => s.call).sort()).to.deep.equal(['accounts', 'items']);
    for (const s of second) expect(s.since).to.be.instanceOf(Date);
    const after = await cache(db, org.id);
    expect(after).to.deep.equal(first);
  });
});
