/**
 * The "Contracts" overview, pure: per currency the active contracts' ACV, annual cost, annual gross
 * profit and margin; contracts renewing (or ending) within 30, 60 and 90 days; and a bar chart of
 * annual gross profit by customer, drawn on the server as SVG geometry the template writes out (no
 * script, nothing from elsewhere).
 */
import { currencyColumn, formatAmount, type CurrencyColumn } from '../common/money.js';
import { formatDate } from '../documents/index.js';
import type { CurrencyTotals, CustomerProfit, RenewingContract } from './contract-overview-repository.js';
import { marginPercentOf } from './contract-revenue.js';

export interface CurrencyFigures {
  currency: string;
  activeCount: number;
  acv: string;
  annualCost: string;
  annualGrossProfit: string;
  margin: string;
}

export interface RenewalRow {
  href: string;
  number: string;
  title: string;
  contactName: string;
  renewalDate: string;
  days: number;
  renewal: string;
  /** The amount alone; the table shows the currency once, or per row when they differ. */
  acv: string;
  currency: string;
}

export interface ChartBar {
  label: string;
  value: string;
  /** Geometry in the SVG's user units. */
  x: number;
  y: number;
  width: number;
  height: number;
  textY: number;
  valueX: number;
  negative: boolean;
}

export interface GpChart {
  currency: string;
  title: string;
  width: number;
  height: number;
  labelWidth: number;
  zeroX: number;
  bars: ChartBar[];
  /** The same figures as a table, for screen readers and for reading exact values. */
  rows: { label: string; value: string }[];
}

export interface ContractsOverview {
  figures: CurrencyFigures[];
  renewing: { within: 30 | 60 | 90; count: number }[];
  renewals: RenewalRow[];
  renewalsMoney: CurrencyColumn;
  chart: GpChart | null;
  empty: boolean;
}

const CHART = { width: 720, labelWidth: 220, valueWidth: 120, barHeight: 26, gap: 10, top: 10, maxBars: 10 };

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The chart's bars (at most this many): the customers of the most gross profit, the rest in one bar. */
export const CHART_BARS = CHART.maxBars;

/**
 * `top`: the customers of the most annual gross profit, most first (up to CHART_BARS of them);
 * `customerCount`: how many customers the currency has; `totalGp`: their gross profit together.
 */
export function gpChart(currency: string, top: readonly { label: string; gp: number }[], customerCount: number, totalGp: number): GpChart | null {
  if (top.length === 0) return null;
  const shown = customerCount <= CHART.maxBars ? [...top] : top.slice(0, CHART.maxBars - 1);
  if (customerCount > CHART.maxBars) {
    const restGp = totalGp - shown.reduce((s, b) => s + b.gp, 0);
    shown.push({ label: `${customerCount - shown.length} other customers`, gp: restGp });
  }
  const max = Math.max(0, ...shown.map((b) => b.gp));
  const min = Math.min(0, ...shown.map((b) => b.gp));
  const plot = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const span = max - min || 1;
  const zeroX = CHART.labelWidth + Math.round((-min / span) * plot);
  const bars = shown.map((b, i) => {
    const length = Math.max(1, Math.round((Math.abs(b.gp) / span) * plot));
    const y = CHART.top + i * (CHART.barHeight + CHART.gap);
    const negative = b.gp < 0;
    return {
      label: b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label,
      value: formatAmount(b.gp),
      x: negative ? zeroX - length : zeroX,
      y,
      width: length,
      height: CHART.barHeight,
      textY: y + CHART.barHeight / 2 + 5,
      valueX: (negative ? zeroX : zeroX + length) + 8,
      negative,
    };
  });
  return {
    currency,
    title: `Annual gross profit by customer (${currency})`,
    width: CHART.width,
    height: CHART.top * 2 + shown.length * (CHART.barHeight + CHART.gap),
    labelWidth: CHART.labelWidth,
    zeroX,
    bars,
    rows: shown.map((b) => ({ label: b.label, value: formatAmount(b.gp) })),
  };
}

/** What the overview is made of, summed in the database (contract-overview-repository.ts). */
export interface OverviewFigures {
  totals: readonly CurrencyTotals[];
  /** The chart currency's customers of the most gross profit (up to CHART_BARS), most first. */
  topCustomers: readonly CustomerProfit[];
  /** Contracts renewing or ending within 90 days of today. */
  renewing: readonly RenewingContract[];
}

/** The currency the chart shows: the base currency when it has active contracts, else the first listed. */
export function chartCurrencyOf(totals: readonly CurrencyTotals[], baseCurrency: string): string | null {
  if (totals.some((t) => t.currency === baseCurrency)) return baseCurrency;
  return sortedTotals(totals, baseCurrency)[0]?.currency ?? null;
}

const sortedTotals = (totals: readonly CurrencyTotals[], baseCurrency: string): CurrencyTotals[] =>
  [...totals].sort((a, b) => (a.currency === baseCurrency ? -1 : b.currency === baseCurrency ? 1 : a.currency.localeCompare(b.currency)));

export function contractsOverview(input: OverviewFigures, today: string, baseCurrency: string): ContractsOverview {
  const figures = sortedTotals(input.totals, baseCurrency).map((t) => {
    const gp = t.acv - t.annualCost;
    const margin = marginPercentOf(gp, t.acv);
    return {
      currency: t.currency,
      activeCount: t.activeCount,
      acv: formatAmount(t.acv),
      annualCost: formatAmount(t.annualCost),
      annualGrossProfit: formatAmount(gp),
      margin: margin === null ? '—' : `${margin.toFixed(1)}%`,
    };
  });
  const renewals = [...input.renewing]
    .sort((a, b) => (a.renewalDate + a.number).localeCompare(b.renewalDate + b.number))
    .map((c) => ({
      href: `/contracts/${c.id}`,
      number: c.number,
      title: c.title,
      contactName: c.contactName,
      renewalDate: formatDate(c.renewalDate),
      days: daysBetween(today, c.renewalDate),
      renewal: c.autoRenew ? 'Renews automatically' : 'Ends unless renewed',
      acv: formatAmount(c.acv),
      currency: c.currency,
    }));
  // One chart, in the base currency when it has contracts (figures in two currencies are not added up).
  const chartCurrency = chartCurrencyOf(input.totals, baseCurrency);
  const chartTotals = input.totals.find((t) => t.currency === chartCurrency);
  return {
    figures,
    renewing: ([30, 60, 90] as const).map((within) => ({ within, count: renewals.filter((r) => r.days <= within).length })),
    renewals,
    renewalsMoney: currencyColumn(renewals.map((r) => r.currency)),
    chart:
      chartCurrency && chartTotals ? gpChart(chartCurrency, input.topCustomers, chartTotals.customerCount, chartTotals.acv - chartTotals.annualCost) : null,
    empty: input.totals.length === 0,
  };
}
