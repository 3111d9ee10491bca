/**
 * Table cases for document totals, written in the units people read (decimal strings) and the
 * expected results in cents. The same table runs through Ledgerside's totals and the sandbox's.
 */
import type { LineAmountTypes } from '../../../src/sales/totals.js';

export interface CaseLine {
  quantity: string;
  unitPrice: string;
  discount?: string;
  taxRate: string;
}

export interface TotalsCase {
  name: string;
  types: LineAmountTypes;
  lines: CaseLine[];
  expected: { lineAmounts: number[]; taxAmounts: number[]; subTotal: number; totalTax: number; total: number };
  /** Set when the sandbox is known to compute this case differently; says why. */
}


export const TOTALS_CASES: TotalsCase[] = [
  { name: 'exclusive, one line', types: 'Exclusive', lines: [{ quantity: '2', unitPrice: '100', taxRate: '10' }],
    expected: { lineAmounts: [20000], taxAmounts: [2000], subTotal: 20000, totalTax: 2000, total: 22000 } },
  { name: 'inclusive, tax contained in the amount', types: 'Inclusive', lines: [{ quantity: '1', unitPrice: '110', taxRate: '10' }],
    expected: { lineAmounts: [11000], taxAmounts: [1000], subTotal: 10000, totalTax: 1000, total: 11000 } },
  { name: 'no tax ignores the rate', types: 'NoTax', lines: [{ quantity: '3', unitPrice: '19.99', taxRate: '10' }],
    expected: { lineAmounts: [5997], taxAmounts: [0], subTotal: 5997, totalTax: 0, total: 5997 } },
  { name: 'exclusive with a discount', types: 'Exclusive', lines: [{ quantity: '4', unitPrice: '25', discount: '10', taxRate: '15' }],
    expected: { lineAmounts: [9000], taxAmounts: [1350], subTotal: 9000, totalTax: 1350, total: 10350 } },
  { name: 'half a cent in the line amount rounds up', types: 'Exclusive', lines: [{ quantity: '1', unitPrice: '0.125', taxRate: '10' }],
    expected: { lineAmounts: [13], taxAmounts: [1], subTotal: 13, totalTax: 1, total: 14 } },
  { name: 'half a cent of exclusive tax rounds up', types: 'Exclusive', lines: [{ quantity: '1', unitPrice: '0.05', taxRate: '10' }],
    expected: { lineAmounts: [5], taxAmounts: [1], subTotal: 5, totalTax: 1, total: 6 } },
  { name: 'half a cent of inclusive tax rounds up', types: 'Inclusive', lines: [{ quantity: '1', unitPrice: '0.09', taxRate: '20' }],
    expected: { lineAmounts: [9], taxAmounts: [2], subTotal: 7, totalTax: 2, total: 9 } },
  { name: 'a negative half cent rounds away from zero', types: 'Exclusive', lines: [{ quantity: '1', unitPrice: '-0.125', taxRate: '0' }],
    expected: { lineAmounts: [-13], taxAmounts: [0], subTotal: -13, totalTax: 0, total: -13 } },
  { name: 'inclusive tax is rounded per line, not on the document', types: 'Inclusive',
    lines: [{ quantity: '1', unitPrice: '10', taxRate: '15' }, { quantity: '1', unitPrice: '10', taxRate: '15' }, { quantity: '1', unitPrice: '10', taxRate: '15' }],
    expected: { lineAmounts: [1000, 1000, 1000], taxAmounts: [130, 130, 130], subTotal: 2610, totalTax: 390, total: 3000 } },
  { name: 'exclusive tax is rounded per line, not on the document', types: 'Exclusive',
    lines: [{ quantity: '1', unitPrice: '0.05', taxRate: '10' }, { quantity: '1', unitPrice: '0.05', taxRate: '10' }, { quantity: '1', unitPrice: '0.05', taxRate: '10' }],
    expected: { lineAmounts: [5, 5, 5], taxAmounts: [1, 1, 1], subTotal: 15, totalTax: 3, total: 18 } },
  { name: 'four-decimal quantity lands on a half cent', types: 'Exclusive', lines: [{ quantity: '2.5', unitPrice: '19.99', taxRate: '10' }],
    expected: { lineAmounts: [4998], taxAmounts: [500], subTotal: 4998, totalTax: 500, total: 5498 } },
  { name: 'a fractional tax rate (8.875%)', types: 'Exclusive', lines: [{ quantity: '1', unitPrice: '100', taxRate: '8.875' }],
    expected: { lineAmounts: [10000], taxAmounts: [888], subTotal: 10000, totalTax: 888, total: 10888 } },
  { name: 'large amounts stay exact', types: 'Exclusive', lines: [{ quantity: '1000', unitPrice: '99999.9999', taxRate: '10' }],
    expected: { lineAmounts: [9999999990], taxAmounts: [999999999], subTotal: 9999999990, totalTax: 999999999, total: 10999999989 } },
  { name: 'a 100% discount leaves nothing', types: 'Exclusive', lines: [{ quantity: '3', unitPrice: '50', discount: '100', taxRate: '10' }],
    expected: { lineAmounts: [0], taxAmounts: [0], subTotal: 0, totalTax: 0, total: 0 } },
  { name: 'inclusive at a zero rate', types: 'Inclusive', lines: [{ quantity: '2', unitPrice: '12.34', taxRate: '0' }],
    expected: { lineAmounts: [2468], taxAmounts: [0], subTotal: 2468, totalTax: 0, total: 2468 } },
  { name: 'inclusive with a discount and mixed rates', types: 'Inclusive',
    lines: [{ quantity: '2', unitPrice: '57.50', discount: '10', taxRate: '15' }, { quantity: '1', unitPrice: '20', taxRate: '0' }],
    expected: { lineAmounts: [10350, 2000], taxAmounts: [1350, 0], subTotal: 11000, totalTax: 1350, total: 12350 } },
  { name: 'a discount that leaves a fraction of a cent', types: 'Exclusive', lines: [{ quantity: '7', unitPrice: '3.3333', discount: '12.5', taxRate: '15' }],
    expected: { lineAmounts: [2042], taxAmounts: [306], subTotal: 2042, totalTax: 306, total: 2348 } },
  { name: 'a discount that lands on a half cent', types: 'Exclusive', lines: [{ quantity: '1', unitPrice: '0.25', discount: '50', taxRate: '0' }],
    expected: { lineAmounts: [13], taxAmounts: [0], subTotal: 13, totalTax: 0, total: 13 } },
];
