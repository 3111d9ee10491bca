/**
 * Money and quantities as people type and read them. Parsing turns "1,234.50" or "12.3456" into
 * scaled integers (never floats) and explains what is wrong in words fit for a form; formatting shows
 * cents with their currency code at 2 dp.
 */
export type ParseResult = { ok: true; value: number } | { ok: false; error: string };

export interface DecimalOptions {
  /** Decimal places kept: the value is returned × 10^dp. */
  dp: number;
  /** Refuse values below zero (default true). */
  allowNegative?: boolean;
  /** Largest absolute value in whole units (default 1,000,000,000). */
  max?: number;
  /** Name used in messages, e.g. "Quantity". */
  label?: string;
}

// Digits with optional thousands separators in groups of three, or plain digits; optional fraction.
const DECIMAL = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/** Parses user-typed decimals: "1,234.50", "12.3456", "-3", ".5". Spaces and a leading currency sign are tolerated. */
export function parseDecimal(raw: unknown, options: DecimalOptions): ParseResult {
  const label = options.label ?? 'The value';
  const max = options.max ?? 1_000_000_000;
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, error: `${label} is required.` };
  const text = String(raw)
    .trim()
    .replace(/\s+/g, '')
    .replace(/^([+-]?)\$/, '$1');
  if (text === '') return { ok: false, error: `${label} is required.` };
  if (text.length > 30) return { ok: false, error: `${label} is too long to be a number.` };
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) {
    return { ok: false, error: `${label} must be a number, like 1,234.50.` };
  }
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > options.dp) {
    return { ok: false, error: `${label} can have at most ${options.dp} decimal place${options.dp === 1 ? '' : 's'}.` };
  }
  const digits = whole.replace(/,/g, '');
  const wholeValue = BigInt(digits);
  if (wholeValue > BigInt(max) || (wholeValue === BigInt(max) && /[1-9]/.test(fraction))) {
    return { ok: false, error: `${label} must be at most ${groupThousands(String(max))}.` };
  }
  const scaled = wholeValue * 10n ** BigInt(options.dp) + BigInt(fraction.padEnd(options.dp, '0') || '0');
  const negative = sign === '-' && scaled !== 0n;
  if (negative && !(options.allowNegative ?? false)) return { ok: false, error: `${label} can't be negative.` };
  return { ok: true, value: Number(negative ? -scaled : scaled) };
}

/** "1,234.50" → 123450 cents. */
export const parseMoney = (raw: unknown, label?: string, allowNegative = false): ParseResult =>
  parseDecimal(raw, { dp: 2, allowNegative, ...(label ? { label } : {}) });

/** "12.3456" → 123456 (× 10,000). */
export const parseScaled4 = (raw: unknown, label?: string, allowNegative = false): ParseResult =>
  parseDecimal(raw, { dp: 4, allowNegative, ...(label ? { label } : {}) });

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Integer scaled by 10^dp → "1,234.50" with exactly `minDp`..`dp` decimals (trailing zeros beyond minDp dropped). */
export function formatScaled(value: number | bigint, dp: number, minDp = dp, group = true): string {
  const big = BigInt(value);
  const negative = big < 0n;
  const abs = negative ? -big : big;
  const factor = 10n ** BigInt(dp);
  const whole = (abs / factor).toString();
  let fraction = (abs % factor).toString().padStart(dp, '0');
  while (fraction.length > minDp && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const body = (group ? groupThousands(whole) : whole) + (fraction ? `.${fraction}` : '');
  return negative ? `-${body}` : body;
}

/** 123450, "AUD" → "AUD 1,234.50". */
export function formatMoney(cents: number, currency: string): string {
  return `${currency} ${formatScaled(cents, 2)}`.trim();
}

/** 123450 → "1,234.50" (no currency; for table cells that show the currency once). */
export const formatAmount = (cents: number): string => formatScaled(cents, 2);

/** Quantity or unit price × 10,000 → "2", "12.5", "12.3456"; unit prices keep at least 2 dp. */
export const formatQuantity = (scaled: number): string => formatScaled(scaled, 4, 0);
export const formatUnitPrice = (scaled: number): string => formatScaled(scaled, 4, 2);
/** Percent × 10,000 → "12.5". */
export const formatPercent = (scaled: number): string => formatScaled(scaled, 4, 0);

/** Values to put back in a form input: no thousands separators so they re-parse as typed. */
export const inputQuantity = (scaled: number): string => formatScaled(scaled, 4, 0, false);
export const inputUnitPrice = (scaled: number): string => formatScaled(scaled, 4, 2, false);
export const inputMoney = (cents: number): string => formatScaled(cents, 2, 2, false);

/**
 * How a table shows its currency: once, beside the amount headings, when every row shares it; in one
 * Currency column, a row at a time, when they differ. Amount cells then show plain figures
 * (formatAmount), never "AUD" in every cell.
 */
export interface CurrencyColumn {
  /** The one currency of every row (shown in the headings), or null when rows differ or there are none. */
  shared: string | null;
  /** Rows differ: the table has a Currency column. */
  perRow: boolean;
}

export function currencyColumn(currencies: Iterable<string>): CurrencyColumn {
  const distinct = new Set(currencies);
  if (distinct.size > 1) return { shared: null, perRow: true };
  const [only] = distinct;
  return { shared: only ?? null, perRow: false };
}
