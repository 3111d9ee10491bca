import { expect } from 'chai';
import type { Item as XeroItem } from 'xero-node';
import { mapXeroItem } from '../../../src/xero-import/xero-item-mapper.js';
import type { ImportedItem } from '../../../src/xero-import/xero-import.js';

const ID = 'beef0000-0000-4000-8000-000000000001';
const xero = (fields: Record<string, unknown>): XeroItem => ({ itemID: ID, code: 'DevD', ...fields }) as XeroItem;

const base: ImportedItem = {
  xeroItemId: ID,
  code: 'DevD',
  name: 'DevD',
  description: null,
  salePrice: null,
  salesAccountCode: null,
  salesTaxType: null,
  costPrice: null,
  purchasesAccountCode: null,
  purchasesTaxType: null,
};

describe('mapXeroItem', () => {
  const cases: Array<{ when: string; input: Record<string, unknown>; expected: Partial<ImportedItem> }> = [
    { when: 'an item has only a code', input: {}, expected: {} },
    {
      when: 'an item is sold and purchased',
      input: {
        name: 'Development work',
        description: 'Developer onsite per day',
        salesDetails: { unitPrice: 650, accountCode: '200', taxType: 'OUTPUT2' },
        purchaseDetails: { unitPrice: 450.5, accountCode: '300', taxType: 'INPUT2' },
      },
      expected: {
        name: 'Development work',
        description: 'Developer onsite per day',
        salePrice: 6_500_000,
        salesAccountCode: '200',
        salesTaxType: 'OUTPUT2',
        costPrice: 4_505_000,
        purchasesAccountCode: '300',
        purchasesTaxType: 'INPUT2',
      },
    },
    { when: 'a unit price has 4 decimal places', input: { salesDetails: { unitPrice: 12.3456 } }, expected: { salePrice: 123_456 } },
    { when: 'a unit price has a fifth decimal of 5', input: { salesDetails: { unitPrice: 1.00005 } }, expected: { salePrice: 10_001 } },
    { when: 'a unit price is 0.1 + 0.2 in binary floating point', input: { salesDetails: { unitPrice: 0.1 + 0.2 } }, expected: { salePrice: 3_000 } },
    { when: 'a unit price is negative', input: { salesDetails: { unitPrice: -2.25 } }, expected: { salePrice: -22_500 } },
    { when: 'a unit price is absurdly large', input: { salesDetails: { unitPrice: 1e15 } }, expected: { salePrice: null } },
    {
      when: 'an item is purchased only and has a purchase description',
      input: { purchaseDescription: 'Bought in', purchaseDetails: { unitPrice: 2.25, accountCode: '300' }, salesDetails: {} },
      expected: { description: 'Bought in', costPrice: 22_500, purchasesAccountCode: '300' },
    },
    { when: 'an item has a name', input: { name: '  Golf balls  ' }, expected: { name: 'Golf balls' } },
  ];

  for (const c of cases) {
    it(`when ${c.when}, then the product gets ${JSON.stringify(c.expected)}`, () => {
      expect(mapXeroItem(xero(c.input))).to.deep.equal({ ok: true, value: { ...base, ...c.expected } });
    });
  }

  it('when an item has no ItemID or no code, then it is left out with the reason', () => {
    expect(mapXeroItem({ code: 'X' } as XeroItem)).to.deep.equal({ ok: false, reason: 'Xero sent it without an ItemID.' });
    expect(mapXeroItem(xero({ code: '' }))).to.deep.equal({ ok: false, reason: 'It has no code in Xero.' });
  });
});
