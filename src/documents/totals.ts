/**
 * Xero's arithmetic for sales documents, in integers so there is no float drift:
 *   line amount = quantity × unit price × (100 − discount %) / 100, rounded to 2 dp
 *     (xero_accounting.yaml, LineItem.LineAmount);
 *   tax per line, rounded to 2 dp: Exclusive adds amount × rate, Inclusive extracts
 *     amount × rate / (1 + rate), NoTax has none;
 *   sub-total, total tax and total are sums of the rounded line figures.
 * Rounding is half away from zero, like Xero. Quantities and unit prices are integers scaled by
 * 10,000 (4 dp), percentages (discount, tax rate) are integers scaled by 10,000 too (12.5% = 125000),
 * amounts are integer cents.
 */
export const LINE_AMOUNT_TYPES = ['Exclusive', 'Inclusive', 'NoTax'] as const;
export type LineAmountTypes = (typeof LINE_AMOUNT_TYPES)[number];

/** A stored value read back: anything unknown reads as the default, Exclusive. */
export const lineAmountTypesOf = (v: unknown): LineAmountTypes => LINE_AMOUNT_TYPES.find((t) => t === v) ?? 'Exclusive';

const S = 10_000n;
/** 100% in the percentage scale. */
const HUNDRED_PERCENT = 100n * S;

export interface TotalsLine {
  /** Quantity × 10,000. */
  quantity: number;
  /** Unit price × 10,000. */
  unitPrice: number;
  /** Discount percent × 10,000 (0 when none). */
  discountRate?: number;
  /** Tax rate percent × 10,000 (10% GST = 100000). */
  taxRate: number;
}

export interface LineTotals {
  /** Cents, after discount; tax-inclusive when the document is Inclusive (as Xero shows it). */
  lineAmount: number;
  taxAmount: number;
}

export interface DocumentTotals {
  lines: LineTotals[];
  subTotal: number;
  totalTax: number;
  total: number;
}

/** The same figures as exact integers (cents), for any size of input: nothing is lost, nothing throws. */
export interface ExactTotals {
  lines: { lineAmount: bigint; taxAmount: bigint }[];
  subTotal: bigint;
  totalTax: bigint;
  total: bigint;
}

/**
 * The largest line amount, sub-total, tax or total a document may have: 999,999,999,999.99 (just
 * under a trillion), in cents. Far inside JavaScript's safe integers (2^53 cents is about 90 trillion),
 * so every stored and summed amount is exact on both dialects; forms refuse more, next to the field.
 */
export const MAX_AMOUNT_CENTS = 99_999_999_999_999n;

/** n / d rounded half away from zero (d ≠ 0). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return negative ? -q : q;
}

function toInt(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is too large`);
  return n;
}

function requireInteger(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer (scaled), got ${value}`);
  return BigInt(value);
}

export function lineTotals(line: TotalsLine, types: LineAmountTypes): LineTotals {
  const exact = exactLineTotals(line, types);
  return { lineAmount: toInt(exact.lineAmount, 'line amount'), taxAmount: toInt(exact.taxAmount, 'tax amount') };
}

function exactLineTotals(line: TotalsLine, types: LineAmountTypes): { lineAmount: bigint; taxAmount: bigint } {
  const quantity = requireInteger(line.quantity, 'quantity');
  const unitPrice = requireInteger(line.unitPrice, 'unit price');
  const discount = requireInteger(line.discountRate ?? 0, 'discount rate');
  const rate = requireInteger(line.taxRate, 'tax rate');
  // quantity/S × price/S × (100% − discount)/100% in units; × 100 for cents.
  const amount = divRound(quantity * unitPrice * (HUNDRED_PERCENT - discount) * 100n, S * S * HUNDRED_PERCENT);
  let tax = 0n;
  if (types === 'Exclusive') tax = divRound(amount * rate, HUNDRED_PERCENT);
  else if (types === 'Inclusive') tax = divRound(amount * rate, HUNDRED_PERCENT + rate);
  return { lineAmount: amount, taxAmount: tax };
}

/** Xero's totals in exact integers: sums never lose a cent, however large (BigInt). */
export function exactDocumentTotals(lines: readonly TotalsLine[], types: LineAmountTypes): ExactTotals {
  const computed = lines.map((line) => exactLineTotals(line, types));
  const sumAmounts = computed.reduce((sum, l) => sum + l.lineAmount, 0n);
  const totalTax = computed.reduce((sum, l) => sum + l.taxAmount, 0n);
  // Inclusive line amounts already contain their tax.
  const subTotal = types === 'Inclusive' ? sumAmounts - totalTax : sumAmounts;
  return { lines: computed, subTotal, totalTax, total: subTotal + totalTax };
}

/** Whether an amount is within MAX_AMOUNT_CENTS either way. */
export const withinAmountLimit = (cents: bigint): boolean => cents <= MAX_AMOUNT_CENTS && cents >= -MAX_AMOUNT_CENTS;

/** Totals as numbers, for documents already validated (within MAX_AMOUNT_CENTS); a RangeError past safe integers. */
export function documentTotals(lines: readonly TotalsLine[], types: LineAmountTypes): DocumentTotals {
  const exact = exactDocumentTotals(lines, types);
  return {
    lines: exact.lines.map((l) => ({ lineAmount: toInt(l.lineAmount, 'line amount'), taxAmount: toInt(l.taxAmount, 'tax amount') })),
    subTotal: toInt(exact.subTotal, 'sub-total'),
    totalTax: toInt(exact.totalTax, 'total tax'),
    total: toInt(exact.total, 'total'),
  };
}
