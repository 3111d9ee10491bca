import { expect } from 'chai';
import { projectTotals, salesDocumentFigures, type DocumentForTotals, type LineForTotals } from '../../../src/projects/project-totals.js';

/** One sales document kind's figures, summed as the project page sums them. */
const totalsOf = (docs: DocumentForTotals[], lines: LineForTotals[], costs: Map<string, number>) => projectTotals([salesDocumentFigures(docs, lines, costs)]);

describe('project totals', () => {
  it('when orders have product lines with cost prices, then revenue, cost, gross profit and margin follow', () => {
    const totals = totalsOf(
      [
        { id: 'a', currency: 'AUD', status: 'open', subTotal: 30000 },
        { id: 'b', currency: 'AUD', status: 'completed', subTotal: 10000 },
      ],
      [
        { documentId: 'a', productId: 'p', quantity: 40000 },
        { documentId: 'b', productId: 'p', quantity: 15000 },
      ],
      new Map([['p', 100000]]),
    );
    expect(totals.byCurrency).to.deep.equal([
      { currency: 'AUD', revenue: 40000, cost: 5500, committed: 0, estimated: 5500, grossProfit: 34500, marginPercent: 86.3 },
    ]);
    expect(totals.linesWithoutCost).to.equal(0);
  });

  it('when an order is cancelled, then neither its revenue nor its cost counts', () => {
    const totals = totalsOf(
      [{ id: 'a', currency: 'AUD', status: 'cancelled', subTotal: 30000 }],
      [{ documentId: 'a', productId: 'p', quantity: 10000 }],
      new Map([['p', 1]]),
    );
    expect(totals.byCurrency).to.deep.equal([]);
  });

  it('when lines are free text or products have no cost price, then they are counted as missing cost', () => {
    const totals = totalsOf(
      [{ id: 'a', currency: 'NZD', status: 'open', subTotal: 500 }],
      [
        { documentId: 'a', productId: null, quantity: 10000 },
        { documentId: 'a', productId: 'unknown', quantity: 10000 },
      ],
      new Map(),
    );
    expect(totals.linesWithoutCost).to.equal(2);
    expect(totals.byCurrency[0]).to.include({ revenue: 500, cost: 0, grossProfit: 500, marginPercent: 100 });
  });

  it('when orders are in two currencies, then each currency is summed on its own', () => {
    const totals = totalsOf(
      [
        { id: 'a', currency: 'NZD', status: 'open', subTotal: 100 },
        { id: 'b', currency: 'AUD', status: 'open', subTotal: 200 },
      ],
      [],
      new Map(),
    );
    expect(totals.byCurrency.map((t) => [t.currency, t.revenue])).to.deep.equal([
      ['AUD', 200],
      ['NZD', 100],
    ]);
  });

  it('when a cost has a fraction of a cent, then it is rounded half away from zero per line', () => {
    // 0.5 × 0.01 = 0.005 → 0.01
    const totals = totalsOf(
      [{ id: 'a', currency: 'AUD', status: 'open', subTotal: 0 }],
      [{ documentId: 'a', productId: 'p', quantity: 5000 }],
      new Map([['p', 100]]),
    );
    expect(totals.byCurrency[0]).to.include({ cost: 1, marginPercent: null });
  });
});

describe('project totals across contributions', () => {
  it('when two contributions report the same currency, then their revenue and cost are summed before the margin', () => {
    const totals = projectTotals([
      { byCurrency: [{ currency: 'AUD', revenue: 10000, cost: 2000 }], linesWithoutCost: 1 },
      {
        byCurrency: [
          { currency: 'AUD', revenue: 0, cost: 3000 },
          { currency: 'NZD', revenue: 500, cost: 0 },
        ],
        linesWithoutCost: 2,
      },
    ]);
    expect(totals.byCurrency).to.deep.equal([
      { currency: 'AUD', revenue: 10000, cost: 5000, committed: 0, estimated: 5000, grossProfit: 5000, marginPercent: 50 },
      { currency: 'NZD', revenue: 500, cost: 0, committed: 0, estimated: 0, grossProfit: 500, marginPercent: 100 },
    ]);
    expect(totals.linesWithoutCost).to.equal(3);
  });

  it('when purchase orders commit cost and some lines are already ordered, then committed and estimated cost are apart and both reduce the profit', () => {
    const docs: DocumentForTotals[] = [{ id: 'so1', currency: 'AUD', status: 'open', subTotal: 100000 }];
    const lines: LineForTotals[] = [
      { documentId: 'so1', lineId: 'l1', productId: 'p1', quantity: 20000 },
      { documentId: 'so1', lineId: 'l2', productId: 'p2', quantity: 10000 },
    ];
    const costs = new Map([
      ['p1', 150000],
      ['p2', 200000],
    ]);
    const sales = salesDocumentFigures(docs, lines, costs, new Set(['l1']));
    const totals = projectTotals([sales, { byCurrency: [{ currency: 'AUD', revenue: 0, cost: 0, committed: 31000 }], linesWithoutCost: 0 }]);
    // Estimated: only l2 (1 × 20.00); committed: the purchase order's 310.00.
    expect(totals.byCurrency).to.deep.equal([
      { currency: 'AUD', revenue: 100000, cost: 33000, committed: 31000, estimated: 2000, grossProfit: 67000, marginPercent: 67 },
    ]);
  });
});
