import { expect } from 'chai';
import { Account, AccountType, BrandingTheme, CurrencyCode, TaxRate, TrackingCategory, TrackingOption } from 'xero-node';
import {
  accountRow,
  brandingThemeRow,
  currencyRow,
  itemRow,
  mapAll,
  taxRateRow,
  toScaled4,
  trackingCategoryRow,
  xeroDate,
} from '../../../src/xero-settings/xero-settings-mappers.js';
import { refreshMessage, xeroSettingsPageView } from '../../../src/xero-settings/xero-settings-view-model.js';

describe('xero settings mappers', () => {
  const scaled: Array<[unknown, number | null]> = [
    [12.5, 125000],
    [0.0001, 1],
    [1.00005, 10001],
    [99.99995, 1000000],
    [-2.34565, -23457],
    ['19.9', 199000],
    [0, 0],
    [null, null],
    [undefined, null],
    ['abc', null],
    [1e-7, 0],
  ];
  for (const [input, expected] of scaled) {
    it(`when a unit price is ${String(input)}, then it is stored as ${String(expected)} (4 dp, half away from zero)`, () => {
      expect(toScaled4(input)).to.equal(expected);
    });
  }

  const dates: Array<[unknown, string | null]> = [
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
    ['/Date(1573755038314+0000)/', '2019-11-14T18:10:38.314Z'],
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['not a date', null],
    [undefined, null],
  ];
  for (const [input, expected] of dates) {
    it(`when Xero sends the date ${String(input)}, then it reads as ${String(expected)}`, () => {
      expect(xeroDate(input)?.toISOString() ?? null).to.equal(expected);
    });
  }

  it("when an account comes from the SDK, then its enums are stored as Xero's text", () => {
    const row = accountRow({
      accountID: 'a1',
      code: '200',
      name: 'Sales',
      type: AccountType.REVENUE,
      _class: Account.ClassEnum.REVENUE,
      status: Account.StatusEnum.ARCHIVED,
      taxType: 'OUTPUT2',
      enablePaymentsToAccount: true,
      updatedDateUTC: new Date('2026-01-01T00:00:00Z'),
    });
    expect(row).to.deep.equal({
      accountId: 'a1',
      code: '200',
      name: 'Sales',
      type: 'REVENUE',
      class: 'REVENUE',
      taxType: 'OUTPUT2',
      status: 'ARCHIVED',
      enablePayments: true,
      updatedDateUtc: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('when records lack the ids or names a cache row needs, then they are skipped', () => {
    expect(mapAll([{ name: 'No id' }, { accountID: 'a2', name: 'Ok', type: AccountType.BANK }], accountRow).map((r) => r.accountId)).to.deep.equal(['a2']);
    expect(taxRateRow({ name: 'No type' })).to.equal(null);
    expect(itemRow({ code: '', itemID: 'x' })).to.equal(null);
    expect(currencyRow({ description: 'None' })).to.equal(null);
    expect(brandingThemeRow({ brandingThemeID: 'b' })).to.equal(null);
  });

  it('when a tax rate comes from the SDK, then its rates are decimal text, never floats in the database', () => {
    expect(
      taxRateRow({ taxType: 'OUTPUT2', name: 'GST', effectiveRate: 8.875, displayTaxRate: 8.875, status: TaxRate.StatusEnum.ACTIVE, canApplyToRevenue: true }),
    ).to.deep.equal({
      taxType: 'OUTPUT2',
      name: 'GST',
      effectiveRate: '8.875',
      displayTaxRate: '8.875',
      status: 'ACTIVE',
      canApplyToRevenue: true,
      canApplyToExpenses: false,
      canApplyToAssets: false,
      canApplyToLiabilities: false,
    });
  });

  it('when an item has sales and purchase details, then both sides map with 4 dp prices', () => {
    expect(
      itemRow({
        itemID: 'i1',
        code: 'W1',
        name: 'Widget',
        isSold: true,
        isPurchased: true,
        salesDetails: { unitPrice: 10, accountCode: '200', taxType: 'OUTPUT2' },
        purchaseDetails: { unitPrice: 4.1234, accountCode: '310', taxType: 'INPUT2' },
      }),
    ).to.deep.include({
      salesUnitPrice: 100000,
      salesAccountCode: '200',
      salesTaxType: 'OUTPUT2',
      purchaseUnitPrice: 41234,
      purchaseAccountCode: '310',
      purchaseTaxType: 'INPUT2',
      description: null,
    });
  });

  it("when a tracking category lists options without their category id, then they take the category's", () => {
    const row = trackingCategoryRow({
      trackingCategoryID: 'tc',
      name: 'Region',
      status: TrackingCategory.StatusEnum.ACTIVE,
      options: [{ trackingOptionID: 'o1', name: 'North', status: TrackingOption.StatusEnum.ARCHIVED }, { name: 'No id' }],
    });
    expect(row?.options).to.deep.equal([{ trackingOptionId: 'o1', trackingCategoryId: 'tc', name: 'North', status: 'ARCHIVED' }]);
  });

  it('when currencies and themes come from the SDK, then codes and sort order are kept', () => {
    expect(currencyRow({ code: CurrencyCode.NZD, description: 'New Zealand Dollar' })).to.deep.equal({ code: 'NZD', description: 'New Zealand Dollar' });
    expect(brandingThemeRow({ brandingThemeID: 'b1', name: 'Standard', sortOrder: 3, type: BrandingTheme.TypeEnum.INVOICE })).to.deep.include({
      sortOrder: 3,
      type: 'INVOICE',
    });
  });

  it('when a refresh finishes, then the message says what came back, marking incremental kinds as changes', () => {
    expect(
      refreshMessage([
        { kind: 'accounts', fetched: 2, mode: 'incremental' },
        { kind: 'tax_rates', fetched: 12, mode: 'full' },
      ]),
    ).to.equal('Refreshed from Xero: 2 accounts changed, 12 tax rates.');
  });

  it('when nothing was ever refreshed, then the page view says so and shows "Never"', () => {
    const view = xeroSettingsPageView([{ kind: 'accounts', label: 'Accounts', count: 0, lastRefreshedAt: null }], true);
    expect(view).to.deep.equal({ sourceConfigured: true, neverRefreshed: true, rows: [{ label: 'Accounts', count: 0, lastRefreshed: 'Never' }] });
  });
});
