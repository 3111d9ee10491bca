import { expect } from 'chai';
import { documentTotals, lineTotals, roundTo } from '../../../src/sandbox/accounting/totals.js';
import type { LineAmountType } from '../../../src/sandbox/accounting/types.js';

describe('sandbox accounting totals', () => {
  const cases: {
    name: string;
    types: LineAmountType;
    lines: { q: number; u: number; d?: number; r: number }[];
    expected: { sub: number; tax: number; total: number; discount: number };
  }[] = [
    { name: 'exclusive 10% on whole amounts', types: 'Exclusive', lines: [{ q: 2, u: 100, r: 10 }], expected: { sub: 200, tax: 20, total: 220, discount: 0 } },
    {
      name: 'exclusive tax rounds half away from zero per line',
      types: 'Exclusive',
      lines: [
        { q: 1, u: 0.05, r: 10 },
        { q: 1, u: 0.05, r: 10 },
      ],
      expected: { sub: 0.1, tax: 0.02, total: 0.12, discount: 0 },
    },
    {
      name: 'exclusive half-cent edge 1.005',
      types: 'Exclusive',
      lines: [{ q: 1, u: 10.05, r: 10 }],
      expected: { sub: 10.05, tax: 1.01, total: 11.06, discount: 0 },
    },
    {
      name: 'inclusive 10% extracts tax per line',
      types: 'Inclusive',
      lines: [
        { q: 1, u: 110, r: 10 },
        { q: 3, u: 33.33, r: 10 },
      ],
      expected: { sub: 190.9, tax: 19.09, total: 209.99, discount: 0 },
    },
    { name: 'inclusive 15% NZ GST', types: 'Inclusive', lines: [{ q: 1, u: 115, r: 15 }], expected: { sub: 100, tax: 15, total: 115, discount: 0 } },
    {
      name: 'exclusive 20% UK VAT with a 12.5% discount',
      types: 'Exclusive',
      lines: [{ q: 3, u: 19.99, d: 12.5, r: 20 }],
      expected: { sub: 52.47, tax: 10.49, total: 62.96, discount: 7.5 },
    },
    { name: 'no tax ignores rates', types: 'NoTax', lines: [{ q: 1.5, u: 33.333, r: 10 }], expected: { sub: 50, tax: 0, total: 50, discount: 0 } },
    {
      name: 'US 8.25% sales tax on cents',
      types: 'Exclusive',
      lines: [{ q: 7, u: 1.99, r: 8.25 }],
      expected: { sub: 13.93, tax: 1.15, total: 15.08, discount: 0 },
    },
    {
      name: 'negative lines (credits) round symmetrically',
      types: 'Exclusive',
      lines: [{ q: 1, u: -0.05, r: 10 }],
      expected: { sub: -0.05, tax: -0.01, total: -0.06, discount: 0 },
    },
  ];
  for (const c of cases) {
    it(`when lines are ${c.name}, then subtotal, tax, total and discount are Xero's`, () => {
      const lines = c.lines.map((l) => lineTotals({ Quantity: l.q, UnitAmount: l.u, DiscountRate: l.d, taxRate: l.r }, c.types));
      const totals = documentTotals(lines, c.types);
      expect(totals).to.deep.equal({ SubTotal: c.expected.sub, TotalTax: c.expected.tax, Total: c.expected.total, TotalDiscount: c.expected.discount });
    });
  }

  it('when binary artefacts sit on a half cent, then roundTo still rounds up', () => {
    expect(roundTo(1.005, 2)).to.equal(1.01);
    expect(roundTo(2.675, 2)).to.equal(2.68);
    expect(roundTo(-1.005, 2)).to.equal(-1.01);
    expect(roundTo(0.0001, 2)).to.equal(0);
  });
});
