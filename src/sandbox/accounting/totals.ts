/**
 * Xero's arithmetic for documents with line items: line amounts after discount, tax per line rounded
 * to 2 dp (extracted from the amount when lines are tax-inclusive), then sums. Pure and table-tested.
 */
import type { LineAmountType } from './types.js';

/** Rounds half away from zero to `dp` places, immune to binary artefacts such as 1.005 * 100. */
export function roundTo(value: number, dp: number): number {
  const factor = 10 ** dp;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.round(scaled) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

export const round2 = (value: number): number => roundTo(value, 2);

export interface LineInput {
  Quantity: number;
  UnitAmount: number;
  DiscountRate?: number | undefined;
  /** Percentage, e.g. 10 for 10% GST. */
  taxRate: number;
}

export interface LineTotals {
  LineAmount: number;
  TaxAmount: number;
  /** Discount given on the line, before tax. */
  discount: number;
}

export function lineTotals(line: LineInput, amountTypes: LineAmountType): LineTotals {
  const gross = roundTo(line.Quantity * line.UnitAmount, 6);
  // Xero rounds quantity × price × (100 − discount)/100 once (LineAmount in the spec), not the discount first.
  const lineAmount = round2(roundTo((gross * (100 - (line.DiscountRate ?? 0))) / 100, 6));
  const discount = round2(gross - lineAmount);
  let tax = 0;
  if (amountTypes === 'Exclusive') tax = round2((lineAmount * line.taxRate) / 100);
  else if (amountTypes === 'Inclusive') tax = round2((lineAmount * line.taxRate) / (100 + line.taxRate));
  return { LineAmount: lineAmount, TaxAmount: tax, discount };
}

export interface DocumentTotals {
  SubTotal: number;
  TotalTax: number;
  Total: number;
  TotalDiscount: number;
}

export function documentTotals(lines: LineTotals[], amountTypes: LineAmountType): DocumentTotals {
  const sumAmounts = round2(lines.reduce((sum, l) => sum + l.LineAmount, 0));
  const totalTax = round2(lines.reduce((sum, l) => sum + l.TaxAmount, 0));
  const totalDiscount = round2(lines.reduce((sum, l) => sum + l.discount, 0));
  const subTotal = amountTypes === 'Inclusive' ? round2(sumAmounts - totalTax) : sumAmounts;
  return { SubTotal: subTotal, TotalTax: totalTax, Total: round2(subTotal + totalTax), TotalDiscount: totalDiscount };
}
