import { expect } from 'chai';
import { Account, AccountType } from 'xero-node';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { refreshXeroSettings, xeroSettingsReader, xeroSettingsSummary } from '../../../src/xero-settings/index.js';
import { xeroDefaultsRepository } from '../../../src/xero-settings/xero-defaults-repository.js';
import { nzSettings, sdkAccount, sdkItem } from './in-memory-xero-settings-source.js';

const T1 = new Date('2026-11-26T01:00:00Z');
const T2 = new Date('2026-11-26T02:00:00Z');

describeEachDialect('xero settings refresh and reader', (ctx) => {
  it('when an organisation refreshes for the first time, then every kind is fetched in full and dropdowns offer only active, usable choices', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    const source = nzSettings();
    const results = await refreshXeroSettings(tdb, source, T1);
    expect(results.every((r) => r.mode === 'full')).to.equal(true);
    expect(source.calls.map((c) => c.ifModifiedSince)).to.deep.equal([undefined, undefined, undefined, undefined, undefined, undefined]);
    const reader = xeroSettingsReader(tdb);
    expect((await reader.accounts()).map((o) => o.value)).to.deep.equal(['200', '260', '310', '429']);
    expect(await reader.accounts({ forSales: true })).to.deep.equal([
      { value: '200', label: '200 – Sales' },
      { value: '260', label: '260 – Other Revenue' },
    ]);
    expect((await reader.accounts({ forPurchases: true })).map((o) => o.value)).to.deep.equal(['310', '429']);
    expect((await reader.taxRates()).map((o) => o.value)).to.deep.equal(['INPUT2', 'OUTPUT2', 'NONE']);
    expect(await reader.taxRates({ forSales: true })).to.deep.equal([
      { value: 'OUTPUT2', label: '15% GST on Income (15%)' },
      { value: 'NONE', label: 'No GST (0%)' },
    ]);
    expect((await reader.taxRates({ forPurchases: true })).map((o) => o.value)).to.deep.equal(['INPUT2', 'NONE']);
    expect(await reader.currencies()).to.deep.equal([
      { value: 'AUD', label: 'AUD – Australian Dollar' },
      { value: 'NZD', label: 'NZD – New Zealand Dollar' },
    ]);
    expect(await reader.trackingCategories()).to.deep.equal([
      {
        value: 'tc-region',
        label: 'Region',
        options: [
          { value: 'tc-region-North', label: 'North' },
          { value: 'tc-region-South', label: 'South' },
        ],
      },
    ]);
    expect((await reader.brandingThemes()).map((o) => o.label)).to.deep.equal(['Standard', 'Special']);
    expect((await reader.items()).map((o) => o.value)).to.deep.equal(['SERVICE', 'WIDGET']);
    const item = await db('xero_items').where({ organisation_id: org.id, code: 'SERVICE' }).first();
    expect(Number(item.sales_unit_price)).to.equal(1000000);
  });

  it("when a record page labels its saved lines, then only the accounts, tax rates and tracking options they use are read, in one statement, archived ones too, never another organisation's", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const other = await createTestOrganisation(db);
    await refreshXeroSettings(tenantDb(db, org.id), nzSettings(), T1);
    const otherSource = nzSettings();
    otherSource.accountList[0] = sdkAccount('200', 'Their Sales', AccountType.REVENUE);
    await refreshXeroSettings(tenantDb(db, other.id), otherSource, T1);
    const reader = xeroSettingsReader(tenantDb(db, org.id));
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', count);
    const labels = await reader.lineLabels({ accountCodes: ['205', '200', '999'], taxTypes: ['OUTPUT2'], trackingOptionIds: ['tc-region-South'] });
    const onlyAccounts = await reader.lineLabels({ accountCodes: ['200'], taxTypes: [], trackingOptionIds: [] });
    const none = await reader.lineLabels({ accountCodes: [], taxTypes: [], trackingOptionIds: [] });
    db.off('query', count);
    expect(statements, 'one statement for all three kinds, one for one kind, none for none').to.have.length(2);
    expect(onlyAccounts).to.deep.equal({ accounts: [{ value: '200', label: '200 – Sales' }], taxRates: [], trackingOptions: [] });
    expect(none).to.deep.equal({ accounts: [], taxRates: [], trackingOptions: [] });
    expect(labels).to.deep.equal({
      accounts: [
        { value: '200', label: '200 – Sales' },
        { value: '205', label: '205 – Old Sales' },
      ],
      taxRates: [{ value: 'OUTPUT2', label: '15% GST on Income (15%)' }],
      trackingOptions: [{ value: 'tc-region-South', label: 'Region: South' }],
    });
  });

  it("when tracking categories are read, then each comes with its options in one statement: the dropdowns' active ones, the checks' all of them, never another organisation's", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const other = await createTestOrganisation(db);
    const category = (organisation_id: string, tracking_category_id: string, name: string, status: string) => ({
      organisation_id,
      tracking_category_id,
      name,
      status,
    });
    const option = (organisation_id: string, tracking_category_id: string, tracking_option_id: string, name: string, status: string) => ({
      organisation_id,
      tracking_category_id,
      tracking_option_id,
      name,
      status,
    });
    await db('xero_tracking_categories').insert([
      category(org.id, 'tc-region', 'Region', 'ACTIVE'),
      category(org.id, 'tc-area', 'Area', 'ARCHIVED'),
      category(org.id, 'tc-empty', 'Cost centre', 'ACTIVE'),
      category(other.id, 'tc-region', 'Their region', 'ACTIVE'),
    ]);
    await db('xero_tracking_options').insert([
      option(org.id, 'tc-region', 'o-south', 'South', 'ACTIVE'),
      option(org.id, 'tc-region', 'o-old', 'Old', 'ARCHIVED'),
      option(org.id, 'tc-region', 'o-north', 'North', 'ACTIVE'),
      option(org.id, 'tc-area', 'o-east', 'East', 'ACTIVE'),
      option(other.id, 'tc-region', 'o-theirs', 'Theirs', 'ACTIVE'),
    ]);
    const tdb = tenantDb(db, org.id);
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', count);
    try {
      expect(await xeroSettingsReader(tdb).trackingCategories()).to.deep.equal([
        { value: 'tc-empty', label: 'Cost centre', options: [] },
        {
          value: 'tc-region',
          label: 'Region',
          options: [
            { value: 'o-north', label: 'North' },
            { value: 'o-south', label: 'South' },
          ],
        },
      ]);
      expect(statements, 'the active tree in one statement').to.have.length(1);
      expect(await xeroDefaultsRepository(tdb).trackingCategories()).to.deep.equal([
        { trackingCategoryId: 'tc-area', name: 'Area', status: 'ARCHIVED', options: [{ trackingOptionId: 'o-east', name: 'East', status: 'ACTIVE' }] },
        { trackingCategoryId: 'tc-empty', name: 'Cost centre', status: 'ACTIVE', options: [] },
        {
          trackingCategoryId: 'tc-region',
          name: 'Region',
          status: 'ACTIVE',
          options: [
            { trackingOptionId: 'o-north', name: 'North', status: 'ACTIVE' },
            { trackingOptionId: 'o-old', name: 'Old', status: 'ARCHIVED' },
            { trackingOptionId: 'o-south', name: 'South', status: 'ACTIVE' },
          ],
        },
      ]);
      expect(statements, 'every category and option in one statement').to.have.length(2);
    } finally {
      db.off('query', count);
    }
  });

  it('when refreshing again, then accounts and items are asked If-Modified-Since the newest change seen and changed ones are upserted', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    const source = nzSettings();
    await refreshXeroSettings(tdb, source, T1);
    source.calls.length = 0;
    const changed = new Date('2026-02-01T00:00:00Z');
    source.accountList[0] = sdkAccount('200', 'Sales – Renamed', AccountType.REVENUE, { updatedDateUTC: changed });
    source.accountList.push(sdkAccount('270', 'Interest Income', AccountType.OTHERINCOME, { updatedDateUTC: changed }));
    source.accountList[1] = sdkAccount('260', 'Other Revenue', AccountType.OTHERINCOME, { status: Account.StatusEnum.ARCHIVED, updatedDateUTC: changed });
    source.itemList.push(sdkItem('NEW', { updatedDateUTC: changed }));
    const results = await refreshXeroSettings(tdb, source, T2);
    expect(source.calls.find((c) => c.method === 'accounts')?.ifModifiedSince?.toISOString()).to.equal('2026-01-01T00:00:00.000Z');
    expect(source.calls.find((c) => c.method === 'items')?.ifModifiedSince?.toISOString()).to.equal('2026-01-01T00:00:00.000Z');
    expect(results.find((r) => r.kind === 'accounts')).to.deep.equal({ kind: 'accounts', fetched: 3, mode: 'incremental' });
    const reader = xeroSettingsReader(tdb);
    expect(await reader.accounts({ forSales: true })).to.deep.equal([
      { value: '200', label: '200 – Sales – Renamed' },
      { value: '270', label: '270 – Interest Income' },
    ]);
    expect(Number((await db('xero_accounts').where({ organisation_id: org.id }).count({ n: '*' }).first())?.n)).to.equal(7);
    expect((await reader.items()).map((o) => o.value)).to.deep.equal(['NEW', 'SERVICE', 'WIDGET']);
    const sync = await db('xero_settings_sync').where({ organisation_id: org.id, kind: 'accounts' }).first();
    expect(new Date(sync.last_modified_seen).toISOString()).to.equal(changed.toISOString());
    const summary = await xeroSettingsSummary(tdb);
    expect(summary.find((s) => s.kind === 'accounts')?.lastRefreshedAt?.toISOString()).to.equal(T2.toISOString());
  });

  it('when a full refresh is asked for, then If-Modified-Since is not sent and records gone from Xero disappear', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    const source = nzSettings();
    await refreshXeroSettings(tdb, source, T1);
    source.itemList = source.itemList.filter((i) => i.code !== 'WIDGET');
    source.calls.length = 0;
    await refreshXeroSettings(tdb, source, T2, { full: true });
    expect(source.calls.find((c) => c.method === 'items')?.ifModifiedSince).to.equal(undefined);
    expect((await xeroSettingsReader(tdb).items()).map((o) => o.value)).to.deep.equal(['SERVICE']);
  });

  it('when one Xero call fails, then nothing is written and the previous cache stays whole', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    const source = nzSettings();
    await refreshXeroSettings(tdb, source, T1);
    source.currencyList = [];
    source.taxRateList = [];
    source.failOn = 'brandingThemes';
    let failed = false;
    try {
      await refreshXeroSettings(tdb, source, T2);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect((await xeroSettingsReader(tdb).currencies()).length).to.equal(2);
    expect((await xeroSettingsReader(tdb).taxRates()).length).to.equal(3);
    expect((await xeroSettingsSummary(tdb)).find((s) => s.kind === 'currencies')?.lastRefreshedAt?.toISOString()).to.equal(T1.toISOString());
  });

  it('when a write fails half-way through the replace, then the transaction rolls every kind back', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    const source = nzSettings();
    await refreshXeroSettings(tdb, source, T1);
    source.currencyList = [];
    // Two options with the same id break the tracking insert, which runs after currencies are replaced.
    source.trackingList = [
      {
        ...source.trackingList[0]!,
        options: [
          { trackingOptionID: 'dup', name: 'A' },
          { trackingOptionID: 'dup', name: 'B' },
        ],
      },
    ];
    let failed = false;
    try {
      await refreshXeroSettings(tdb, source, T2, { full: true });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect((await xeroSettingsReader(tdb).currencies()).map((c) => c.value)).to.deep.equal(['AUD', 'NZD']);
    expect((await xeroSettingsReader(tdb).trackingCategories()).map((c) => c.label)).to.deep.equal(['Region']);
  });

  it("when two organisations refresh, then each reader sees only its own organisation's settings", async () => {
    const { db } = ctx.current();
    const mine = await createTestOrganisation(db);
    const theirs = await createTestOrganisation(db);
    await refreshXeroSettings(tenantDb(db, theirs.id), nzSettings(), T1);
    const reader = xeroSettingsReader(tenantDb(db, mine.id));
    expect(await reader.accounts()).to.deep.equal([]);
    expect(await reader.currencies()).to.deep.equal([]);
    expect(await reader.trackingCategories()).to.deep.equal([]);
    const mineSource = nzSettings();
    mineSource.currencyList = mineSource.currencyList.slice(0, 1);
    await refreshXeroSettings(tenantDb(db, mine.id), mineSource, T1);
    expect((await reader.currencies()).map((c) => c.value)).to.deep.equal(['NZD']);
    expect((await xeroSettingsReader(tenantDb(db, theirs.id)).currencies()).map((c) => c.value)).to.deep.equal(['AUD', 'NZD']);
  });
});
