import { expect } from 'chai';
import {
  lineItemFingerprint,
  lineItemProblems,
  lineItemToWire,
  mapLineItem,
  mapLineItems,
  matchLineItemIds,
  sentLineItems,
  type DocumentLineForXero,
  type LineMappingContext,
  type TrackingOptionForXero,
} from '../../../../src/xero/mappers/line-items.js';
import { documentTotals, type LineAmountTypes } from '../../../../src/documents/totals.js';
import { buildLines, type LedgerLookups } from '../../../../src/sandbox/accounting/line-items.js';
import type { JsonObject } from '../../../../src/sandbox/accounting/types.js';

const REGION: TrackingOptionForXero = { categoryId: 'cat-region', categoryName: 'Region', optionId: 'opt-north', optionName: 'North' };
const SOUTH: TrackingOptionForXero = { categoryId: 'cat-region', categoryName: 'Region', optionId: 'opt-south', optionName: 'South' };
const TEAM: TrackingOptionForXero = { categoryId: 'cat-team', categoryName: 'Team', optionId: 'opt-build', optionName: 'Build' };

const ctx = (over: Partial<LineMappingContext> = {}): LineMappingContext => ({
  side: 'sales',
  lineAmountTypes: 'Exclusive',
  defaultAccountCode: '200',
  defaultTaxType: 'OUTPUT2',
  trackingOptions: new Map([REGION, SOUTH, TEAM].map((o) => [o.optionId, o])),
  defaultTracking: [],
  ...over,
});

const line = (over: Partial<DocumentLineForXero> = {}): DocumentLineForXero => ({
  description: 'Consulting',
  quantity: 15_000,
  unitPrice: 1_234_567,
  discountRate: 0,
  accountCode: null,
  taxType: null,
  trackingOptionIds: [],
  product: null,
  ...over,
});

describe('line items mapper', () => {
  it('when a plain line is mapped, then the wire has the 4 dp decimals and the organisation defaults', () => {
    expect(lineItemToWire(mapLineItem(line(), ctx()))).to.deep.equal({
      Description: 'Consulting',
      Quantity: 1.5,
      UnitAmount: 123.4567,
      AccountCode: '200',
      TaxType: 'OUTPUT2',
    });
  });

  it('when the line, its product and the organisation each have codes, then the line wins, then the product', () => {
    const product = { xeroItemCode: 'WIDGET', accountCode: '210', taxType: 'INPUT2' };
    expect(lineItemToWire(mapLineItem(line({ accountCode: '220', taxType: 'ZERORATED', product }), ctx()))).to.include({
      ItemCode: 'WIDGET',
      AccountCode: '220',
      TaxType: 'ZERORATED',
    });
    expect(lineItemToWire(mapLineItem(line({ product }), ctx()))).to.include({ AccountCode: '210', TaxType: 'INPUT2' });
    const unlinked = lineItemToWire(mapLineItem(line({ product: { xeroItemCode: null, accountCode: null, taxType: null } }), ctx()));
    expect(unlinked).to.include({ AccountCode: '200', TaxType: 'OUTPUT2' });
    expect(unlinked).not.to.have.property('ItemCode');
  });

  it('when amounts are NoTax, then no TaxType is sent; a discount goes as DiscountRate', () => {
    const wire = lineItemToWire(mapLineItem(line({ discountRate: 125_000 }), ctx({ lineAmountTypes: 'NoTax' })));
    expect(wire).not.to.have.property('TaxType');
    expect(wire).to.include({ DiscountRate: 12.5 });
  });

  it('when a line has tracking, then both names and ids go, and the default fills only an empty category', () => {
    const wire = lineItemToWire(mapLineItem(line({ trackingOptionIds: ['opt-south', null] }), ctx({ defaultTracking: [REGION, TEAM] })));
    expect(wire['Tracking']).to.deep.equal([
      { TrackingCategoryID: 'cat-region', TrackingOptionID: 'opt-south', Name: 'Region', Option: 'South' },
      { TrackingCategoryID: 'cat-team', TrackingOptionID: 'opt-build', Name: 'Team', Option: 'Build' },
    ]);
  });

  it('when a line updates a line Xero has, then it carries its LineItemID and clears a lost discount and tracking', () => {
    expect(lineItemToWire(mapLineItem(line(), ctx(), 'li-1'))).to.deep.equal({
      LineItemID: 'li-1',
      Description: 'Consulting',
      Quantity: 1.5,
      UnitAmount: 123.4567,
      AccountCode: '200',
      TaxType: 'OUTPUT2',
      DiscountRate: 0,
      Tracking: [],
    });
  });

  it('when lines are checked, then a missing account, tax rate, archived tracking option and doubled category are named by line', () => {
    const problems = lineItemProblems(
      [line(), line({ trackingOptionIds: ['gone'] }), line({ trackingOptionIds: ['opt-north', 'opt-south'] })],
      ctx({ defaultAccountCode: null, defaultTaxType: null }),
      { requireAccount: true },
    );
    expect(problems.map((p) => p.message)).to.deep.equal([
      'Line 1 has no account: choose one on the line, its product or the Xero settings page.',
      'Line 1 has no tax rate: choose one on the line, its product or the Xero settings page.',
      'Line 2 has no account: choose one on the line, its product or the Xero settings page.',
      'Line 2 has no tax rate: choose one on the line, its product or the Xero settings page.',
      'Line 2 has a tracking option that is no longer active in Xero: choose another.',
      'Line 3 has no account: choose one on the line, its product or the Xero settings page.',
      'Line 3 has no tax rate: choose one on the line, its product or the Xero settings page.',
      'Line 3 has two options of the same tracking category: keep one.',
    ]);
    expect(lineItemProblems([line()], ctx(), { requireAccount: true })).to.deep.equal([]);
  });

  describe('matching LineItemIDs on a re-send', () => {
    const c = ctx();
    const a = line({ description: 'A' });
    const b = line({ description: 'B' });
    const cc = line({ description: 'C' });
    const sent = sentLineItems([{ lineItemID: 'id-a' }, { lineItemID: 'id-b' }, { lineItemID: 'id-c' }], mapLineItems([a, b, cc], c));
    const fps = (lines: DocumentLineForXero[]) => mapLineItems(lines, c).map(lineItemFingerprint);

    it('when nothing changed, then every line keeps its id', () => {
      expect(matchLineItemIds(sent, fps([a, b, cc]))).to.deep.equal(['id-a', 'id-b', 'id-c']);
    });
    it('when one line changed and one was removed, then the changed line updates its place and the removed one is left out', () => {
      expect(matchLineItemIds(sent, fps([a, line({ description: 'B, longer' })]))).to.deep.equal(['id-a', 'id-b']);
      expect(matchLineItemIds(sent, fps([a, cc]))).to.deep.equal(['id-a', 'id-c']);
    });
    it('when lines were reordered and one added, then unchanged lines keep their ids and the new one has none', () => {
      expect(matchLineItemIds(sent, fps([cc, a, b, line({ description: 'D' })]))).to.deep.equal(['id-c', 'id-a', 'id-b', null]);
    });
    it('when an update carries a LineItemID, then its fingerprint is the same as the new line it was', () => {
      expect(lineItemFingerprint(mapLineItem(a, c, 'id-a'))).to.equal(lineItemFingerprint(mapLineItem(a, c)));
    });
  });

  describe('totals match what the sandbox (Xero) computes from the mapped lines', () => {
    const rates: Record<string, number> = { OUTPUT2: 15, ZERO: 0, GST: 10, ODD: 8.875 };
    const lookups: LedgerLookups = {
      accounts: new Map([['200', { Code: '200', Status: 'ACTIVE', AccountID: 'acc-200', TaxType: 'OUTPUT2' }]]),
      taxRates: new Map(
        Object.entries(rates).map(([t, r]): [string, JsonObject] => [
          t,
          { TaxType: t, Status: 'ACTIVE', EffectiveRate: r, CanApplyToRevenue: true, CanApplyToExpenses: true },
        ]),
      ),
      items: new Map(),
      tracking: [],
      currencies: new Set(['NZD']),
    };
    const cases: Array<[string, LineAmountTypes, DocumentLineForXero[]]> = [
      ['exclusive', 'Exclusive', [line(), line({ quantity: 30_000, unitPrice: 3_333_333, taxType: 'ODD' })]],
      ['inclusive', 'Inclusive', [line({ unitPrice: 1_150_000 }), line({ quantity: 7, unitPrice: 99_995, taxType: 'GST' })]],
      ['no tax', 'NoTax', [line(), line({ quantity: 1, unitPrice: 5 })]],
      ['discounted', 'Exclusive', [line({ discountRate: 125_000 }), line({ discountRate: 333_300, unitPrice: 100_005, taxType: 'GST' })]],
    ];
    for (const [name, types, lines] of cases) {
      it(`when an ${name} document is mapped, then the sandbox's totals equal the document's to the cent`, () => {
        const ours = documentTotals(
          lines.map((l) => ({
            quantity: l.quantity,
            unitPrice: l.unitPrice,
            discountRate: l.discountRate,
            taxRate: types === 'NoTax' ? 0 : rates[l.taxType ?? 'OUTPUT2']! * 10_000,
          })),
          types,
        );
        const wire = mapLineItems(lines, ctx({ lineAmountTypes: types })).map((i) => lineItemToWire(i) as JsonObject);
        const built = buildLines(wire, undefined, { lookups, side: 'sales', amountTypes: types, requireAccount: true, unitDp: 4 });
        expect(built.errors).to.deep.equal([]);
        expect([built.totals.SubTotal, built.totals.TotalTax, built.totals.Total]).to.deep.equal([ours.subTotal / 100, ours.totalTax / 100, ours.total / 100]);
      });
    }
  });
});
