import { expect } from 'chai';
import { validateLines } from '../../../src/documents/line-validation.js';
import { emptyLineDraft, type LineDraft } from '../../../src/documents/lines.js';
import type { LineLookups } from '../../../src/documents/line-lookups.js';

const lookups: LineLookups = {
  baseCurrency: 'AUD',
  currencies: [{ value: 'AUD', label: 'AUD' }],
  accounts: [{ value: '200', label: '200 – Sales' }],
  taxRates: [
    { taxType: 'OUTPUT', label: 'GST (10%)', rate: 100000 },
    { taxType: 'EXEMPT', label: 'Exempt', rate: 0 },
  ],
  tracking: [
    {
      id: 'cat-1',
      name: 'Region',
      options: [
        { value: 'north', label: 'North' },
        { value: 'south', label: 'South' },
      ],
    },
    { id: 'cat-2', name: 'Team', options: [{ value: 'red', label: 'Red' }] },
  ],
  products: [{ id: 'p1', label: 'PIPE – Pipe', description: 'Copper pipe', unitPrice: 125000, costPrice: 50000, accountCode: '200', taxType: 'OUTPUT' }],
};

const line = (overrides: Partial<LineDraft> = {}): LineDraft => ({
  ...emptyLineDraft(),
  description: 'Work',
  quantity: '2',
  unitPrice: '50',
  accountCode: '200',
  taxType: 'OUTPUT',
  ...overrides,
});

describe('line validation', () => {
  it('when lines are valid, then they are priced with Xero totals in scaled integers', () => {
    const result = validateLines([line({ discount: '10' })], lookups, 'Exclusive');
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.priced.lines[0]).to.include({ quantity: 20000, unitPrice: 500000, discountRate: 100000, taxRate: 100000, lineAmount: 9000, taxAmount: 900 });
    expect(result.priced.amounts).to.deep.equal({ lineAmountTypes: 'Exclusive', subTotal: 9000, totalTax: 900, total: 9900 });
  });

  it('when a product is chosen and the line leaves fields blank, then the product fills description, price, account and tax', () => {
    const result = validateLines([line({ productId: 'p1', description: '', unitPrice: '', accountCode: '', taxType: '' })], lookups, 'Exclusive');
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.priced.lines[0]).to.include({
      productId: 'p1',
      description: 'Copper pipe',
      unitPrice: 125000,
      accountCode: '200',
      taxType: 'OUTPUT',
      lineAmount: 2500,
    });
  });

  it("when a product id is not one of the organisation's, then the product field says so", () => {
    const result = validateLines([line({ productId: 'someone-elses' })], lookups, 'Exclusive');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.fieldErrors['lines[0][productId]']).to.equal('Choose a product from the list.');
  });

  it('when amounts are "No tax", then a tax rate is optional and ignored in the totals', () => {
    const result = validateLines([line({ taxType: '' }), line({ taxType: 'OUTPUT' })], lookups, 'NoTax');
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.priced.amounts.totalTax).to.equal(0);
    expect(result.priced.lines.every((l) => l.taxRate === 0)).to.equal(true);
  });

  it('when amounts carry tax and a line has no tax rate, then that line asks for one', () => {
    const result = validateLines([line(), line({ taxType: '' })], lookups, 'Inclusive');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).to.deep.equal(['lines[1][taxType]']);
  });

  it("when the organisation has defaults, then a line left on Default takes its product's account and tax rate, else the defaults (no tax default on a No tax document)", () => {
    const withDefaults: LineLookups = {
      ...lookups,
      accounts: [...lookups.accounts, { value: '260', label: '260 – Other Revenue' }],
      products: [
        ...lookups.products,
        { id: 'p2', label: 'BARE – Bare', description: 'No codes', unitPrice: 10000, costPrice: null, accountCode: null, taxType: null },
      ],
      defaults: { accountCode: '260', taxType: 'EXEMPT' },
    };
    const result = validateLines(
      [
        line({ accountCode: '', taxType: '' }),
        line({ productId: 'p1', accountCode: '', taxType: '' }),
        line({ productId: 'p2', accountCode: '', taxType: '' }),
      ],
      withDefaults,
      'Exclusive',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.priced.lines.map((l) => [l.accountCode, l.taxType, l.taxRate])).to.deep.equal([
      ['260', 'EXEMPT', 0],
      ['200', 'OUTPUT', 100000],
      ['260', 'EXEMPT', 0],
    ]);
    const noTax = validateLines([line({ accountCode: '', taxType: '' })], withDefaults, 'NoTax');
    if (!noTax.ok) throw new Error(JSON.stringify(noTax.fieldErrors));
    expect([noTax.priced.lines[0]!.accountCode, noTax.priced.lines[0]!.taxType]).to.deep.equal(['260', null]);
  });

  it('when two tracking options come from the same category, then the second is refused', () => {
    const result = validateLines([line({ tracking1: 'north', tracking2: 'south' })], lookups, 'Exclusive');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.fieldErrors['lines[0][tracking2]']).to.match(/two different tracking categories/);
  });

  it('when blank rows are among the lines, then they are skipped but keep their numbering for messages', () => {
    const result = validateLines([emptyLineDraft(), line({ quantity: 'x' })], lookups, 'Exclusive');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).to.deep.equal(['lines[1][quantity]']);
  });

  it('when a quantity or price is absurdly large, then it is refused rather than overflowing', () => {
    const result = validateLines([line({ quantity: '99999999999', unitPrice: '99999999999' })], lookups, 'Exclusive');
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.fieldErrors['lines[0][quantity]']).to.match(/at most 1,000,000,000/);
      expect(result.fieldErrors['lines[0][unitPrice]']).to.match(/at most 1,000,000,000/);
    }
  });
});
