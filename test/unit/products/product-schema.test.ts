import { expect } from 'chai';
import { formatPrice, parsePrice } from '../../../src/products/index.js';
import { parseProductForm } from '../../../src/products/product-schema.js';
import { productListView, productRecordView } from '../../../src/products/product-view-model.js';
import type { Product } from '../../../src/products/index.js';

describe('product prices, schema and view-models', () => {
  const parses: Array<[string, number | null | undefined]> = [
    ['12.5', 125000],
    ['0.0001', 1],
    ['1,234.56', 12345600],
    [' 7 ', 70000],
    ['', null],
    ['-1', undefined],
    ['1.23456', undefined],
    ['abc', undefined],
    ['1e3', undefined],
    ['9999999999', undefined],
    // Defect 6 of issue 17: commas outside groups of three were dropped ("1,2,3" saved as 123.00).
    ['1,2,3', undefined],
    ['12,34', undefined],
  ];
  for (const [text, expected] of parses) {
    it(`when a price is typed as "${text}", then it parses to ${String(expected)}`, () => {
      const parsed = parsePrice(text);
      expect(parsed.ok ? parsed.value : undefined).to.equal(expected);
    });
  }

  const formats: Array<[number | null, string]> = [
    [125000, '12.50'],
    [123456, '12.3456'],
    [1000, '0.10'],
    [10, '0.001'],
    [0, '0.00'],
    [null, ''],
    [-25000, '-2.50'],
  ];
  for (const [scaled, text] of formats) {
    it(`when ${String(scaled)} is shown, then it reads "${text}"`, () => {
      expect(formatPrice(scaled)).to.equal(text);
    });
  }

  const bad: Array<[string, Record<string, string>, string, RegExp]> = [
    ['the code is missing', { code: ' ', name: 'N' }, 'code', /Enter a code/],
    ['the code is longer than Xero allows', { code: 'x'.repeat(31), name: 'N' }, 'code', /30 characters/],
    ['the name is longer than Xero allows', { code: 'C', name: 'x'.repeat(51) }, 'name', /50 characters/],
    ['the description is absurdly long', { code: 'C', name: 'N', description: 'x'.repeat(4001) }, 'description', /4000 characters/],
    ['a price is negative', { code: 'C', name: 'N', sale_price: '-2' }, 'sale_price', /can't be negative/],
    ['a price has commas out of place', { code: 'C', name: 'N', sale_price: '1,2,3' }, 'sale_price', /must be a number, like 1,234.50/],
    ['the name holds a right-to-left override', { code: 'C', name: 'Invoice\u202Efdp.exe' }, 'name', /text-direction control/],
    ['a price has 5 decimals', { code: 'C', name: 'N', cost_price: '0.00001' }, 'cost_price', /4 decimal places/],
  ];
  for (const [when, body, field, message] of bad) {
    it(`when ${when}, then the ${field} field gets the message`, () => {
      const result = parseProductForm(body);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.fieldErrors[field]).to.match(message);
    });
  }

  it('when the form is valid, then blanks become nulls and prices are scaled', () => {
    const result = parseProductForm({ code: ' W1 ', name: 'Widget', sale_price: '10', sales_account_code: '200' });
    expect(result.ok && result.input).to.deep.equal({
      code: 'W1',
      name: 'Widget',
      description: null,
      salePrice: 100000,
      costPrice: null,
      salesAccountCode: '200',
      purchasesAccountCode: null,
      salesTaxType: null,
      purchasesTaxType: null,
      defaultSupplierId: null,
    });
  });

  const product: Product = {
    id: 'p1',
    code: 'W1',
    name: 'Widget',
    description: null,
    salePrice: 125000,
    costPrice: null,
    salesAccountCode: '200',
    purchasesAccountCode: null,
    salesTaxType: null,
    purchasesTaxType: null,
    defaultSupplierId: null,
    xeroItemId: null,
    archivedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-02T00:00:00Z'),
  };

  it('when a record has empty fields, then the details leave them out (no placeholders)', () => {
    const view = productRecordView({
      product,
      supplier: null,
      labels: { salesAccount: '200 – Sales', purchasesAccount: null, salesTax: null, purchasesTax: null },
    });
    expect(view.details).to.deep.equal([
      { label: 'Code', value: 'W1' },
      { label: 'Sale price', value: '12.50' },
      { label: 'Sales account', value: '200 – Sales' },
    ]);
  });

  it('when the list is empty because of a filter, then it says "no match" rather than "no products"', () => {
    const query = { q: '', page: 1, pageSize: 25, sort: 'code', dir: 'asc' } as const;
    expect(
      productListView({ products: [], total: 0 }, query, { q: '', supplierId: 's1', archived: 'active' }, { options: [], truncated: false }).empty,
    ).to.equal('no-match');
    expect(
      productListView({ products: [], total: 0 }, query, { q: '', supplierId: null, archived: 'active' }, { options: [], truncated: false }).empty,
    ).to.equal('none');
  });
});
