import { expect } from 'chai';
import { expectValidXero } from '../../helpers/xero-openapi.js';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: organisation and settings', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startAccounting();
  });
  afterEach(async () => f.close());

  it('when the organisation is fetched through xero-node, then it carries the tenant id, ShortCode, AU version and AUD', async () => {
    const result = await f.xero.accountingApi.getOrganisations(f.tenantId);
    const body = wireBody(result, 'Organisations');
    const org = firstOf(body, 'Organisations');
    expect(org['OrganisationID']).to.equal(f.tenantId);
    expect(org['ShortCode']).to.match(/^![A-Za-z0-9]{5}$/);
    expect(org).to.include({ CountryCode: 'AU', BaseCurrency: 'AUD', Version: 'AU', Name: 'Demo Company (AU)' });
    expect(body).to.include({ Status: 'OK' });
    expect(String(body['DateTimeUTC'])).to.match(/^\/Date\(\d+\)\/$/);
    expect(result.body.organisations?.[0]?.shortCode).to.equal(org['ShortCode']);
  });

  it('when accounts are listed with a where filter, then only the bank accounts come back and 090 has payments-capable type BANK', async () => {
    const result = await f.xero.accountingApi.getAccounts(f.tenantId, undefined, 'Type=="BANK"');
    const body = wireBody(result, 'Accounts');
    const accounts = body['Accounts'] as Record<string, unknown>[];
    expect(accounts.map((a) => a['Code'])).to.deep.equal(['090', '091']);
    expect(accounts[0]).to.include({ Name: 'Business Bank Account', Type: 'BANK', Status: 'ACTIVE', Class: 'ASSET' });
  });

  it('when all accounts are listed, then the chart has sales 200, purchases 300, AR 610, AP 800 and the GST account', async () => {
    const body = wireBody(await f.xero.accountingApi.getAccounts(f.tenantId), 'Accounts');
    const codes = (body['Accounts'] as Record<string, unknown>[]).map((a) => a['Code']);
    expect(codes).to.include.members(['090', '200', '260', '300', '310', '610', '800', '820']);
    const sales = (body['Accounts'] as Record<string, unknown>[]).find((a) => a['Code'] === '200');
    expect(sales).to.include({ Type: 'REVENUE', TaxType: 'OUTPUT' });
  });

  it('when tax rates are listed in an AU organisation, then GST on Income is OUTPUT at 10% and BAS Excluded exists', async () => {
    const body = wireBody(await f.xero.accountingApi.getTaxRates(f.tenantId), 'TaxRates');
    const rates = body['TaxRates'] as Record<string, unknown>[];
    expect(rates.find((r) => r['TaxType'] === 'OUTPUT')).to.include({ Name: 'GST on Income', EffectiveRate: 10, Status: 'ACTIVE' });
    expect(rates.map((r) => r['TaxType'])).to.include.members(['INPUT', 'EXEMPTOUTPUT', 'BASEXCLUDED']);
  });

  for (const [country, taxType, rate, currency] of [
    ['NZ', 'OUTPUT2', 15, 'NZD'],
    ['GB', 'OUTPUT2', 20, 'GBP'],
    ['US', 'TAX001', 8.25, 'USD'],
  ] as const) {
    it(`when a ${country} organisation is seeded, then its sales tax ${taxType} is ${rate}% and its currency ${currency}`, async () => {
      const other = await f.addOrganisation({ name: `Demo Company (${country})`, countryCode: country });
      const rates = wireBody(await f.xero.accountingApi.getTaxRates(other.tenantId), 'TaxRates')['TaxRates'] as Record<string, unknown>[];
      expect(rates.find((r) => r['TaxType'] === taxType)).to.include({ EffectiveRate: rate });
      const currencies = wireBody(await f.xero.accountingApi.getCurrencies(other.tenantId), 'Currencies')['Currencies'] as Record<string, unknown>[];
      expect(currencies[0]).to.include({ Code: currency });
      expect(other.baseCurrency).to.equal(currency);
      const org = firstOf(wireBody(await f.xero.accountingApi.getOrganisations(other.tenantId), 'Organisations'), 'Organisations');
      expect(org).to.include({ CountryCode: country, BaseCurrency: currency, Version: country === 'GB' ? 'UK' : country });
    });
  }

  it('when branding themes and tracking categories are listed, then there are two themes and a Region category with options', async () => {
    const themes = wireBody(await f.xero.accountingApi.getBrandingThemes(f.tenantId), 'BrandingThemes')['BrandingThemes'] as Record<string, unknown>[];
    expect(themes.map((t) => t['Name'])).to.deep.equal(['Standard', 'Special Projects']);
    const one = wireBody(await f.xero.accountingApi.getBrandingTheme(f.tenantId, String(themes[0]?.['BrandingThemeID'])), 'BrandingThemes');
    expect(firstOf(one, 'BrandingThemes')['Name']).to.equal('Standard');
    const categories = wireBody(await f.xero.accountingApi.getTrackingCategories(f.tenantId), 'TrackingCategories')['TrackingCategories'] as Record<
      string,
      unknown
    >[];
    expect(categories[0]?.['Name']).to.equal('Region');
    expect((categories[0]?.['Options'] as unknown[]).length).to.be.greaterThan(2);
  });

  it('when items are listed and one is fetched by code, then the seeded item has sales details on account 200', async () => {
    const items = wireBody(await f.xero.accountingApi.getItems(f.tenantId), 'Items')['Items'] as Record<string, unknown>[];
    expect(items.length).to.be.greaterThan(2);
    const one = firstOf(wireBody(await f.xero.accountingApi.getItem(f.tenantId, 'DevD'), 'Items'), 'Items');
    expect(one['SalesDetails']).to.include({ UnitPrice: 650, AccountCode: '200', TaxType: 'OUTPUT' });
  });

  it('when an item is created and then updated by POST, then the update keeps its ItemID', async () => {
    const created = firstOf(
      wireBody(
        await f.xero.accountingApi.createItems(f.tenantId, {
          items: [{ code: 'NEW-1', name: 'New thing', salesDetails: { unitPrice: 12.5, accountCode: '200' } }],
        }),
        'Items',
      ),
      'Items',
    );
    const updated = firstOf(
      wireBody(
        await f.xero.accountingApi.updateOrCreateItems(f.tenantId, { items: [{ itemID: String(created['ItemID']), code: 'NEW-1', name: 'Renamed thing' }] }),
        'Items',
      ),
      'Items',
    );
    expect(updated).to.include({ ItemID: created['ItemID'], Name: 'Renamed thing' });
  });

  it('when an item code is already taken, then Xero answers 400 ValidationException with the element', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createItems(f.tenantId, { items: [{ code: 'DevD', name: 'Clash' }] }));
    expect(failure.statusCode).to.equal(400);
    expectValidXero('Error', failure.body);
    expect(JSON.stringify(failure.body)).to.contain("Item code 'DevD' already exists.");
  });

  it('when the token lacks the settings scope, then GET Accounts is 403 and a read-only scope is enough', async () => {
    f.scopes.splice(0, f.scopes.length, 'accounting.contacts');
    const failure = await sdkFailure(f.xero.accountingApi.getAccounts(f.tenantId));
    expect(failure.statusCode).to.equal(403);
    f.scopes.splice(0, f.scopes.length, 'accounting.settings.read');
    expect((await f.xero.accountingApi.getAccounts(f.tenantId)).response.status).to.equal(200);
  });

  it('when an unknown account id is fetched, then the answer is the 404 text', async () => {
    const raw = await f.call('GET', '/Accounts/00000000-0000-0000-0000-000000000000');
    expect(raw.status).to.equal(404);
    expect(raw.text).to.equal("The resource you're looking for cannot be found");
  });

  it('when an item is deleted, then it is gone from the list and fetching it is 404', async () => {
    const created = firstOf(wireBody(await f.xero.accountingApi.createItems(f.tenantId, { items: [{ code: 'TMP-1', name: 'Temporary' }] }), 'Items'), 'Items');
    const deleted = await f.xero.accountingApi.deleteItem(f.tenantId, String(created['ItemID']));
    expect(deleted.response.status).to.equal(204);
    const failure = await sdkFailure(f.xero.accountingApi.getItem(f.tenantId, String(created['ItemID'])));
    expect(failure.statusCode).to.equal(404);
  });
});
