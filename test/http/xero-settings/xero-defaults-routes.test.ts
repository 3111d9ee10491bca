import { expect } from 'chai';
import request from 'supertest';
import { AccountType, TrackingOption } from 'xero-node';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent, type TestOrganisation } from '../../helpers/signed-in.js';
import type { Database } from '../../../src/db/database.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { refreshXeroSettings, xeroDefaultsFor } from '../../../src/xero-settings/index.js';
import { InMemoryXeroSettingsSource, nzSettings, sdkAccount, sdkTheme, sdkTracking } from '../../integration/xero-settings/in-memory-xero-settings-source.js';

const NOW = new Date('2026-12-01T10:00:00Z');

async function cache(db: Database, org: TestOrganisation, source: InMemoryXeroSettingsSource, full = true): Promise<void> {
  await refreshXeroSettings(tenantDb(db, org.id), source, NOW, { full });
}

/** Another organisation's settings: codes and ids the first organisation does not have. */
function theirSettings(): InMemoryXeroSettingsSource {
  const s = nzSettings();
  s.accountList = [sdkAccount('4000', 'Their Sales', AccountType.REVENUE, { accountID: 'acc-theirs' })];
  s.themeList = [sdkTheme('bt-theirs', 'Their Theme', 1)];
  s.trackingList = [sdkTracking('tc-theirs', 'Their Region', ['East'])];
  return s;
}

const valid = {
  invoice_status: 'AUTHORISED',
  purchase_order_status: 'AUTHORISED',
  sales_account_code: '200',
  sales_tax_type: 'OUTPUT2',
  purchases_account_code: '429',
  purchases_tax_type: 'INPUT2',
  branding_theme_id: 'bt-2',
  due_date_rule: 'days_after_invoice',
  due_days: '14',
  invoice_numbering: 'sales_order',
  'tracking_tc-region': 'tc-region-South',
};

const storedRows = async (db: Database, org: TestOrganisation) => db('xero_defaults').where({ organisation_id: org.id });
/** The <select> of one field, to look at its options. */
const selectOf = (html: string, field: string): string => {
  const start = html.indexOf(`<select id="f-${field}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</select>', start));
};

describeEachDialect('Xero defaults on the Xero settings page', (ctx) => {
  async function member() {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    await cache(db, org, nzSettings());
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    return { db, org, signedIn };
  }

  it('when a visitor posts defaults, then they are refused and nothing is saved', async () => {
    const { db } = ctx.current();
    const res = await request(testApp(db)).post('/settings/xero/defaults').type('form').send(valid);
    expect(res.status).to.equal(403);
    expect(await db('xero_defaults')).to.have.length(0);
  });

  it('when a member opens the page, then each default is a dropdown of the active, fitting choices from the cache', async () => {
    const { signedIn } = await member();
    const page = await signedIn.agent.get('/settings/xero');
    expect(page.status).to.equal(200);
    const sales = selectOf(page.text, 'sales_account_code');
    expect(sales).to.contain('200 – Sales').and.contain('260 – Other Revenue').and.contain('No default account');
    expect(sales).not.to.contain('205').and.not.contain('429').and.not.contain('090');
    expect(selectOf(page.text, 'purchases_account_code')).to.contain('429 – General Expenses').and.not.contain('200 – Sales');
    expect(selectOf(page.text, 'sales_tax_type')).to.contain('15% GST on Income (15%)').and.not.contain('Expenses').and.not.contain('Old 12.5%');
    expect(selectOf(page.text, 'branding_theme_id')).to.contain('Xero&#39;s default theme').and.contain('Standard').and.contain('Special');
    expect(selectOf(page.text, 'invoice_status')).to.contain('>Draft<').and.contain('>Awaiting approval<').and.contain('>Awaiting payment<');
    expect(selectOf(page.text, 'purchase_order_status')).to.contain('>Draft<').and.contain('>Approved<');
    expect(selectOf(page.text, 'tracking_tc-region')).to.contain('North').and.contain('South');
    expect(page.text).not.to.contain('Old Category');
    expect(page.text).to.contain('<label for="f-due_days">Days after the invoice date').and.contain('Save defaults</button>');
  });

  it('when a member saves valid defaults, then they are stored, shown selected and read back for sending', async () => {
    const { db, org, signedIn } = await member();
    const res = await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({ ...valid, _csrf: await signedIn.csrf() });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/settings/xero#defaults');
    const page = await signedIn.agent.get('/settings/xero');
    expect(page.text).to.contain('Saved your Xero defaults.');
    expect(selectOf(page.text, 'sales_account_code')).to.match(/value="200" selected/);
    expect(selectOf(page.text, 'invoice_status')).to.match(/value="AUTHORISED" selected>Awaiting payment/);
    expect(selectOf(page.text, 'tracking_tc-region')).to.match(/value="tc-region-South" selected/);
    const read = await xeroDefaultsFor(tenantDb(db, org.id));
    expect(read).to.deep.include({
      saved: true,
      invoiceStatus: 'AUTHORISED',
      purchaseOrderStatus: 'AUTHORISED',
      invoiceNumbering: 'sales_order',
      dueDate: { rule: 'days_after_invoice', days: 14 },
      problems: [],
    });
    expect(read.salesAccount).to.deep.equal({ value: '200', label: '200 – Sales', usable: true, problem: null });
    expect(read.purchasesTaxRate).to.deep.equal({ value: 'INPUT2', label: '15% GST on Expenses', usable: true, problem: null });
    expect(read.brandingTheme).to.deep.equal({ value: 'bt-2', label: 'Special', usable: true, problem: null });
    expect(read.tracking).to.deep.equal([
      { categoryId: 'tc-region', categoryName: 'Region', optionId: 'tc-region-South', optionName: 'South', usable: true, problem: null },
    ]);
  });

  it('when defaults are saved twice, then the second replaces the first, tracking cleared included', async () => {
    const { db, org, signedIn } = await member();
    const csrf = await signedIn.csrf();
    await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({ ...valid, _csrf: csrf });
    const res = await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({ ...valid, sales_account_code: '', 'tracking_tc-region': '', _csrf: csrf });
    expect(res.status).to.equal(303);
    expect(await storedRows(db, org)).to.have.length(1);
    const read = await xeroDefaultsFor(tenantDb(db, org.id));
    expect([read.salesAccount, read.tracking]).to.deep.equal([null, []]);
  });

  it('when an organisation never saved defaults, then the read gives Draft, Xero numbering and contact terms else 30 days', async () => {
    const { db, org } = await member();
    expect(await xeroDefaultsFor(tenantDb(db, org.id))).to.deep.equal({
      saved: false,
      invoiceStatus: 'DRAFT',
      purchaseOrderStatus: 'DRAFT',
      salesAccount: null,
      salesTaxRate: null,
      purchasesAccount: null,
      purchasesTaxRate: null,
      brandingTheme: null,
      dueDate: { rule: 'contact_terms', days: 30 },
      invoiceNumbering: 'xero',
      tracking: [],
      problems: [],
    });
  });

  it('when the input is bad, then every message shows next to its field in one round, the typed values are kept and nothing is saved', async () => {
    const { db, org, signedIn } = await member();
    const res = await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({
        ...valid,
        invoice_status: 'PAID',
        due_days: '400',
        sales_account_code: '205',
        sales_tax_type: 'INPUT2',
        purchases_account_code: '200',
        _csrf: await signedIn.csrf(),
      });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Please correct the 5 errors below. Nothing has been saved yet.');
    expect(res.text).to.contain('<p class="field-error" id="f-invoice_status-error">Choose Draft, Awaiting approval or Awaiting payment.</p>');
    expect(res.text).to.contain('<p class="field-error" id="f-due_days-error">Enter a whole number of days from 0 to 365.</p>');
    expect(res.text).to.contain(
      '<p class="field-error" id="f-sales_account_code-error">205 – Old Sales is archived in Xero. Choose one of your active sales accounts.</p>',
    );
    expect(res.text).to.contain('<p class="field-error" id="f-sales_tax_type-error">Choose one of your active tax rates for sales.</p>');
    expect(res.text).to.contain('<p class="field-error" id="f-purchases_account_code-error">Choose one of your active purchases accounts.</p>');
    expect(res.text).to.contain('value="400"');
    expect(selectOf(res.text, 'sales_account_code')).to.match(/value="205" selected>205 – Old Sales \(archived in Xero\)/);
    expect(selectOf(res.text, 'branding_theme_id')).to.match(/value="bt-2" selected/);
    expect(await storedRows(db, org)).to.have.length(0);
  });

  it("when another organisation's account, theme and tracking are posted, then each is refused and nothing is saved", async () => {
    const { db, org, signedIn } = await member();
    const other = await createTestOrganisation(db);
    await cache(db, other, theirSettings());
    const res = await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({
        ...valid,
        sales_account_code: '4000',
        branding_theme_id: 'bt-theirs',
        'tracking_tc-region': '',
        'tracking_tc-theirs': 'tc-theirs-East',
        _csrf: await signedIn.csrf(),
      });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-sales_account_code-error">Choose one of your active sales accounts.</p>');
    expect(res.text).to.contain('id="f-branding_theme_id-error">Choose one of your Xero branding themes.</p>');
    expect(res.text).to.contain('<p class="field-error">Choose tracking options from your own Xero tracking categories.</p>');
    expect(res.text).not.to.contain('Their Sales').and.not.contain('Their Theme').and.not.contain('Their Region');
    expect(await storedRows(db, org)).to.have.length(0);
    expect(await storedRows(db, other)).to.have.length(0);
  });

  it('when a tracking option is archived in Xero, then choosing it is refused with its name', async () => {
    const { db, org, signedIn } = await member();
    const source = nzSettings();
    source.trackingList = [sdkTracking('tc-region', 'Region', ['North', 'South'])];
    source.trackingList[0]!.options![1]!.status = TrackingOption.StatusEnum.ARCHIVED;
    await cache(db, org, source);
    const res = await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({ ...valid, _csrf: await signedIn.csrf() });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-tracking_tc-region-error">South is archived in Xero. Choose an active option of Region.</p>');
  });

  it('when Xero archives a saved default, then the page and the read say which one and how to fix it', async () => {
    const { db, org, signedIn } = await member();
    await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({ ...valid, _csrf: await signedIn.csrf() });
    const later = nzSettings();
    later.accountList = later.accountList.map((a) =>
      a.code === '200' ? { ...a, status: 'ARCHIVED' as unknown as typeof a.status, updatedDateUTC: new Date('2026-06-01T00:00:00Z') } : a,
    );
    later.themeList = later.themeList.filter((t) => t.brandingThemeID !== 'bt-2');
    await cache(db, org, later);
    const read = await xeroDefaultsFor(tenantDb(db, org.id));
    expect(read.salesAccount).to.deep.include({ value: '200', usable: false });
    expect(read.problems).to.deep.equal([
      'The default sales account 200 – Sales is archived in Xero: choose another on the Xero settings page.',
      'The branding theme bt-2 is no longer in Xero: choose another on the Xero settings page.',
    ]);
    const page = await signedIn.agent.get('/settings/xero');
    expect(page.text).to.contain('The default sales account 200 – Sales is archived in Xero');
    expect(selectOf(page.text, 'sales_account_code')).to.match(/value="200" selected>200 – Sales \(archived in Xero\)/);
    expect(selectOf(page.text, 'branding_theme_id')).to.match(/value="bt-2" selected>bt-2 \(not in your Xero settings\)/);
  });

  it('when nothing is cached yet, then the form asks for a refresh first and still saves statuses', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    const page = await signedIn.agent.get('/settings/xero');
    expect(page.text).to.contain('Refresh from Xero first to choose accounts, tax rates, a branding theme and tracking options.');
    expect(page.text).to.contain('no active tracking categories cached yet');
    const res = await signedIn.agent
      .post('/settings/xero/defaults')
      .type('form')
      .send({
        invoice_status: 'SUBMITTED',
        purchase_order_status: 'DRAFT',
        due_date_rule: 'contact_terms',
        due_days: '7',
        invoice_numbering: 'xero',
        _csrf: await signedIn.csrf(),
      });
    expect(res.status).to.equal(303);
    expect((await xeroDefaultsFor(tenantDb(db, org.id))).invoiceStatus).to.equal('SUBMITTED');
  });

  it('when defaults are posted without a CSRF token, then they are refused and nothing is saved', async () => {
    const { db, org, signedIn } = await member();
    const res = await signedIn.agent.post('/settings/xero/defaults').type('form').send(valid);
    expect(res.status).to.equal(403);
    expect(await storedRows(db, org)).to.have.length(0);
  });
});
