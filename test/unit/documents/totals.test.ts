import { expect } from 'chai';
import { divRound, documentTotals, lineTotals, type TotalsLine } from '../../../src/documents/totals.js';
import { parseScaled4 } from '../../../src/common/money.js';
import * as sandbox from '../../../src/sandbox/accounting/totals.js';
import { TOTALS_CASES, type CaseLine } from '../../fixtures/totals-cases.js';

function scaled(text: string | undefined): number {
  const parsed = parseScaled4(text ?? '0', 'case value', true);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const toLine = (line: CaseLine): TotalsLine => ({
  quantity: scaled(line.quantity),
  unitPrice: scaled(line.unitPrice),
  discountRate: scaled(line.discount),
  taxRate: scaled(line.taxRate),
});

const cents = (value: number) => Math.round(value * 100);

/** The same case through the sandbox's float arithmetic, in cents. */
function sandboxTotals(lines: CaseLine[], types: 'Exclusive' | 'Inclusive' | 'NoTax') {
  const computed = lines.map((l) =>
    sandbox.lineTotals(
      { Quantity: Number(l.quantity), UnitAmount: Number(l.unitPrice), DiscountRate: Number(l.discount ?? 0), taxRate: Number(l.taxRate) },
      types,
    ),
  );
  const doc = sandbox.documentTotals(computed, types);
  return {
    lineAmounts: computed.map((l) => cents(l.LineAmount)),
    taxAmounts: computed.map((l) => cents(l.TaxAmount)),
    subTotal: cents(doc.SubTotal),
    totalTax: cents(doc.TotalTax),
    total: cents(doc.Total),
  };
}

describe('totals (Xero arithmetic in integers)', () => {
  for (const c of TOTALS_CASES) {
    it(`when a document is ${c.name}, then the totals are Xero's`, () => {
      const result = documentTotals(c.lines.map(toLine), c.types);
      expect({
        lineAmounts: result.lines.map((l) => l.lineAmount),
        taxAmounts: result.lines.map((l) => l.taxAmount),
        subTotal: result.subTotal,
        totalTax: result.totalTax,
        total: result.total,
      }).to.deep.equal(c.expected);
    });
  }

  for (const c of TOTALS_CASES) {
    it(`when the sandbox computes "${c.name}", then its totals equal Ledgerside's`, () => {
      expect(sandboxTotals(c.lines, c.types)).to.deep.equal(c.expected);
    });
  }

  it('when dividing with a remainder of exactly half, then it rounds away from zero in both directions', () => {
    expect(divRound(5n, 2n)).to.equal(3n);
    expect(divRound(-5n, 2n)).to.equal(-3n);
    expect(divRound(5n, -2n)).to.equal(-3n);
    expect(divRound(7n, 3n)).to.equal(2n);
    expect(divRound(-7n, 3n)).to.equal(-2n);
  });

  it('when a scaled value is not an integer, then the totals refuse it rather than drift', () => {
    expect(() => lineTotals({ quantity: 1.5, unitPrice: 10000, taxRate: 0 }, 'Exclusive')).to.throw(RangeError, /quantity/);
  });

  it('when a document has no lines, then every total is zero', () => {
    expect(documentTotals([], 'Inclusive')).to.deep.equal({ lines: [], subTotal: 0, totalTax: 0, total: 0 });
  });
});
