import { expect } from 'chai';
import { mappingProblems, mappingStop } from '../../../src/xero-sync/index.js';
import type { MappingSnapshot } from '../../../src/xero-settings/index.js';

const all = new Set(['accounts', 'tax_rates', 'items', 'currencies', 'tracking_categories', 'branding_themes'] as const);

const snapshot = (o: Partial<MappingSnapshot> = {}): MappingSnapshot => ({
  refreshed: all,
  accounts: [
    { key: '200', name: 'Sales', status: 'ACTIVE' },
    { key: '205', name: 'Old Sales', status: 'ARCHIVED' },
  ],
  taxRates: [
    { key: 'OUTPUT2', name: '15% GST on Income', status: 'ACTIVE' },
    { key: 'OLDRATE', name: 'Old 12.5% GST', status: 'DELETED' },
  ],
  items: [{ key: 'WIDGET', name: 'Widget', status: 'ACTIVE' }],
  trackingCategories: [
    {
      key: 'tc-region',
      name: 'Region',
      status: 'ACTIVE',
      options: [
        { key: 'tc-north', name: 'North', status: 'ACTIVE' },
        { key: 'tc-west', name: 'West', status: 'ARCHIVED' },
      ],
    },
    { key: 'tc-old', name: 'Old Category', status: 'ARCHIVED', options: [{ key: 'tc-x', name: 'X', status: 'ACTIVE' }] },
  ],
  brandingThemes: [{ key: 'bt-1', name: 'Standard', status: 'ACTIVE' }],
  currencies: [{ key: 'NZD', name: 'New Zealand Dollar', status: 'ACTIVE' }],
  ...o,
});

describe('pre-send mapping check (pure)', () => {
  it('when everything a record uses is active in the cache (tracking by name or id, empty values skipped), then there is no problem', () => {
    expect(
      mappingProblems(
        {
          accountCodes: ['200', null, '', { value: '200', where: 'line 2' }],
          taxTypes: ['OUTPUT2', undefined],
          itemCodes: ['WIDGET'],
          tracking: [
            { category: 'Region', option: 'north' },
            { category: 'tc-region', option: 'tc-north' },
          ],
          brandingThemeId: 'bt-1',
          currencies: ['nzd'],
        },
        snapshot(),
      ),
    ).to.deep.equal([]);
  });

  it('when an account is archived, then the problem names its code and name and says how to fix it', () => {
    const problems = mappingProblems({ accountCodes: ['205'] }, snapshot());
    expect(problems).to.deep.equal([
      {
        kind: 'account',
        value: '205',
        message: 'Account 205 Old Sales is archived in Xero.',
        fix: 'Choose another account on the line or change the default on the Xero settings page',
      },
    ]);
    const stop = mappingStop(problems);
    expect(stop.message).to.equal('Account 205 Old Sales is archived in Xero.');
    expect(stop.advice).to.equal('Choose another account on the line or change the default on the Xero settings page, then press Retry.');
  });

  it('when several uses are missing or not active, then each is named once, in order, with where it is used', () => {
    const problems = mappingProblems(
      {
        accountCodes: [{ value: '999', where: 'line 1' }, '205', '205'],
        taxTypes: [{ value: 'OLDRATE', where: 'line 3', fix: 'Choose another tax rate on line 3' }],
        itemCodes: ['GONE'],
        tracking: [
          { category: 'Region', option: 'West' },
          { category: 'Region', option: 'East' },
          { category: 'Old Category', option: 'X' },
          { category: 'Colour', option: 'Red', where: 'the default tracking' },
        ],
        brandingThemeId: { value: 'bt-9' },
        currencies: ['EUR'],
      },
      snapshot(),
    );
    expect(problems.map((p) => p.message)).to.deep.equal([
      "Account 999 (line 1) is not among this organisation's accounts in Xero (it may have been deleted there).",
      'Account 205 Old Sales is archived in Xero.',
      'Tax rate OLDRATE Old 12.5% GST (line 3) is deleted in Xero.',
      "Item GONE is not among this organisation's items in Xero (it may have been deleted there).",
      "Branding theme bt-9 is not among this organisation's branding themes in Xero (it may have been deleted there).",
      'Tracking option West of Region is archived in Xero.',
      'Tracking option East of Region is not among its options in Xero.',
      'Tracking category Old Category is archived in Xero.',
      "Tracking category Colour (the default tracking) is not among this organisation's tracking categories in Xero.",
      "Currency EUR is not one of this organisation's currencies in Xero.",
    ]);
    expect(problems[2]!.fix).to.equal('Choose another tax rate on line 3');
    expect(mappingStop(problems).advice).to.match(/^Choose another account on the line .*, then press Retry\.$/);
  });

  it('when a kind of the cache was never read from Xero, then the check says so instead of calling the code missing; currencies are then not checked', () => {
    const problems = mappingProblems(
      { accountCodes: ['200'], itemCodes: ['NEW'], tracking: [{ category: 'Region', option: 'North' }], currencies: ['EUR'] },
      snapshot({ refreshed: new Set(['accounts', 'tax_rates']), items: [], trackingCategories: [], currencies: [] }),
    );
    expect(problems).to.deep.equal([
      {
        kind: 'item',
        value: 'NEW',
        message: "Ledgerside has not read this organisation's items from Xero yet, so item NEW cannot be checked.",
        fix: 'Press Refresh from Xero on the Xero settings page',
      },
      {
        kind: 'tracking',
        value: 'Region/North',
        message: "Ledgerside has not read this organisation's tracking categories from Xero yet, so tracking category Region cannot be checked.",
        fix: 'Press Refresh from Xero on the Xero settings page',
      },
    ]);
  });
});
