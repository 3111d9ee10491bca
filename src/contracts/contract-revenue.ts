/**
 * Pure: what a contract is worth and earns, and its dates. Money is integer cents, quantities and
 * prices × 10,000 (the kit's units); dates are calendar dates `YYYY-MM-DD` computed in UTC.
 *
 * - A year has 52 weekly, 26 fortnightly, 12 monthly, 4 quarterly, 2 half-yearly or 1 annual billing.
 * - Annual contract value (ACV) = the services' amount per period (tax excluded) × periods a year;
 *   annual cost likewise from each line's cost per period (quantity × unit cost); annual gross profit =
 *   ACV − annual cost; margin = its share of ACV (1 dp).
 * - Total contract value (TCV) = amount per period × the invoices the term holds: the billing dates
 *   from the first invoice date up to the end date, stepped the way Xero's repeating invoices step
 *   (monthly steps keep the first date's day, clamped to short months). Open-ended: none.
 * - End date = start + term months − 1 day; renewal date = the day after; notice is due `noticeDays`
 *   before the renewal date.
 */
import { divRound, type LineAmountTypes } from '../documents/index.js';
import type { BillingFrequency, ContractStatus } from './contract.js';

export const PERIODS_PER_YEAR: Record<BillingFrequency, number> = {
  weekly: 52,
  fortnightly: 26,
  monthly: 12,
  quarterly: 4,
  half_yearly: 2,
  annually: 1,
};

/** Xero's Schedule for a frequency (xero-facts §5: annual billing is Period 12, Unit MONTHLY). */
export const XERO_SCHEDULE: Record<BillingFrequency, { period: number; unit: 'WEEKLY' | 'MONTHLY' }> = {
  weekly: { period: 1, unit: 'WEEKLY' },
  fortnightly: { period: 2, unit: 'WEEKLY' },
  monthly: { period: 1, unit: 'MONTHLY' },
  quarterly: { period: 3, unit: 'MONTHLY' },
  half_yearly: { period: 6, unit: 'MONTHLY' },
  annually: { period: 12, unit: 'MONTHLY' },
};

const parts = (date: string): [number, number, number] => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};
const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(Date.UTC(y, m - 1, d + days));
}

/** `date` plus `months`, the day clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return format(Date.UTC(year, month - 1, Math.min(d, daysInMonth(year, month))));
}

/** The n-th billing date after `first` (n = 0 is `first`), as Xero's schedule steps from its start. */
export function billingDate(first: string, frequency: BillingFrequency, n: number): string {
  const { period, unit } = XERO_SCHEDULE[frequency];
  return unit === 'WEEKLY' ? addDays(first, 7 * period * n) : addMonths(first, period * n);
}

/** The last day of a term of `termMonths` from `start`; null when open-ended. */
export function endDateOf(start: string, termMonths: number | null): string | null {
  return termMonths === null ? null : addDays(addMonths(start, termMonths), -1);
}

/** The day the contract renews (or ends): the day after its end date; null when open-ended. */
export function renewalDateOf(endDate: string | null): string | null {
  return endDate === null ? null : addDays(endDate, 1);
}

/** The last day to give notice before the renewal date; null without a renewal date or notice period. */
export function noticeDeadlineOf(renewalDate: string | null, noticeDays: number | null): string | null {
  return renewalDate === null || noticeDays === null ? null : addDays(renewalDate, -noticeDays);
}

/** How many invoices fall on or before `endDate` from `first` (none when `first` is after it); capped at 10,000. */
export function billingsInTerm(first: string, frequency: BillingFrequency, endDate: string): number {
  let n = 0;
  while (n < 10_000 && billingDate(first, frequency, n) <= endDate) n += 1;
  return n;
}

/** The next billing date on or after `today`, or null when the term has none left. */
export function nextBillingDate(first: string, frequency: BillingFrequency, endDate: string | null, today: string): string | null {
  for (let n = 0; n < 10_000; n += 1) {
    const date = billingDate(first, frequency, n);
    if (endDate !== null && date > endDate) return null;
    if (date >= today) return date;
  }
  return null;
}

export interface RevenueLine {
  /** × 10,000. */
  quantity: number;
  /** Cents, as priced by the kit (Xero's rounding). */
  lineAmount: number;
  taxAmount: number;
  /** Cost per billing period of one unit, × 10,000; null when unknown. */
  unitCost: number | null;
}

export interface ContractTerms {
  frequency: BillingFrequency;
  lineAmountTypes: LineAmountTypes;
  firstInvoiceDate: string;
  /** Null: open-ended. */
  endDate: string | null;
}

export interface ContractRevenue {
  /** Cents per billing period, tax excluded. */
  perPeriod: number;
  costPerPeriod: number;
  periodsPerYear: number;
  acv: number;
  annualCost: number;
  annualGrossProfit: number;
  /** Percent with 1 dp; null without revenue. */
  marginPercent: number | null;
  /** Invoices in the term and their value; null when open-ended. */
  billingsInTerm: number | null;
  totalContractValue: number | null;
  /** Lines whose cost is unknown (counted as 0). */
  linesWithoutCost: number;
}

/** Margin as percent with 1 dp, half away from zero; null when there is no revenue. */
export const marginPercentOf = (grossProfit: number, revenue: number): number | null =>
  revenue === 0 ? null : Number(divRound(BigInt(grossProfit) * 1000n, BigInt(revenue))) / 10;

export type AnnualFigures = Pick<ContractRevenue, 'perPeriod' | 'costPerPeriod' | 'periodsPerYear' | 'acv' | 'annualCost' | 'annualGrossProfit'>;

/** What the services bring in and cost a period and a year (the contract row keeps `acv` and `annualCost` for the overview). */
export function annualFigures(lines: readonly RevenueLine[], terms: Pick<ContractTerms, 'frequency' | 'lineAmountTypes'>): AnnualFigures {
  const exTax = (l: RevenueLine) => (terms.lineAmountTypes === 'Inclusive' ? l.lineAmount - l.taxAmount : l.lineAmount);
  const perPeriod = lines.reduce((sum, l) => sum + exTax(l), 0);
  // quantity/10⁴ × cost/10⁴ units → cents: × 100 / 10⁸.
  const costPerPeriod = lines.reduce((sum, l) => sum + (l.unitCost === null ? 0 : Number(divRound(BigInt(l.quantity) * BigInt(l.unitCost), 1_000_000n))), 0);
  const periodsPerYear = PERIODS_PER_YEAR[terms.frequency];
  const acv = perPeriod * periodsPerYear;
  const annualCost = costPerPeriod * periodsPerYear;
  return { perPeriod, costPerPeriod, periodsPerYear, acv, annualCost, annualGrossProfit: acv - annualCost };
}

export function contractRevenue(lines: readonly RevenueLine[], terms: ContractTerms): ContractRevenue {
  const annual = annualFigures(lines, terms);
  const billings = terms.endDate === null ? null : billingsInTerm(terms.firstInvoiceDate, terms.frequency, terms.endDate);
  return {
    ...annual,
    marginPercent: marginPercentOf(annual.annualGrossProfit, annual.acv),
    billingsInTerm: billings,
    totalContractValue: billings === null ? null : annual.perPeriod * billings,
    linesWithoutCost: lines.filter((l) => l.unitCost === null).length,
  };
}

export type AutomaticStatus = { status: 'expired' } | { status: 'renewed'; issueDate: string; endDate: string; renewalDate: string };

/**
 * What an active (or renewed) contract becomes once its end date has passed: without auto-renew it
 * expires; with auto-renew it starts its next term of the same length on its renewal date (as many terms
 * as have passed) and is Renewed. Null when nothing changes (a draft, cancelled or expired contract, an
 * open-ended one, or one still in its term).
 */
export function automaticStatus(
  c: { status: ContractStatus; issueDate: string; termMonths: number | null; endDate: string | null; autoRenew: boolean },
  today: string,
): AutomaticStatus | null {
  if ((c.status !== 'active' && c.status !== 'renewed') || c.endDate === null || c.termMonths === null || c.endDate >= today) return null;
  if (!c.autoRenew) return { status: 'expired' };
  let start = c.issueDate;
  let end: string = c.endDate;
  for (let i = 0; i < 1000 && end < today; i++) {
    start = addDays(end, 1);
    end = endDateOf(start, c.termMonths) ?? end;
  }
  return { status: 'renewed', issueDate: start, endDate: end, renewalDate: addDays(end, 1) };
}
