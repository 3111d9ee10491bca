/**
 * The "Contracts" overview, pure: per currency the active contracts' ACV, annual cost, annual gross
 * profit and margin; contracts renewing (or ending) within 30, 60 and 90 days; and a bar chart of
 * annual gross profit by customer, drawn on the server as SVG geometry the template writes out (no
 * script, nothing from elsewhere).
 */
import { addDaysIso } from '../common/dates.js';
import { currencyColumn, formatAmount, type CurrencyColumn } from '../common/money.js';
import { formatDate } from '../documents/index.js';
import { contractRevenue, marginPercentOf } from './contract-revenue.js';
import type { RevenueContract } from './contract.js';

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

export function gpChart(currency: string, byCustomer: { label: string; gp: number }[]): GpChart | null {
  if (byCustomer.length === 0) return null;
  const sorted = [...byCustomer].sort((a, b) => b.gp - a.gp || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, CHART.maxBars - 1);
  const rest = sorted.slice(CHART.maxBars - 1);
  if (rest.length === 1 && rest[0]) shown.push(rest[0]);
  else if (rest.length > 1) shown.push({ label: `${rest.length} other customers`, gp: rest.reduce((s, r) => s + r.gp, 0) });
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

/** `contracts`: the organisation's active contracts (the ones billing now). */
export function contractsOverview(contracts: readonly RevenueContract[], today: string, baseCurrency: string): ContractsOverview {
  const active = contracts.filter((c) => c.status === 'active' || c.status === 'renewed');
  const sums = new Map<string, { count: number; acv: number; cost: number }>();
  const gpByCustomer = new Map<string, Map<string, { label: string; gp: number }>>();
  const renewals: (RenewalRow & { sortKey: string })[] = [];
  for (const c of active) {
    const r = contractRevenue(c.lines, {
      frequency: c.billingFrequency,
      lineAmountTypes: c.lineAmountTypes,
      firstInvoiceDate: c.firstInvoiceDate,
      endDate: c.endDate,
    });
    const sum = sums.get(c.currency) ?? { count: 0, acv: 0, cost: 0 };
    sums.set(c.currency, { count: sum.count + 1, acv: sum.acv + r.acv, cost: sum.cost + r.annualCost });
    const customers = gpByCustomer.get(c.currency) ?? new Map<string, { label: string; gp: number }>();
    const entry = customers.get(c.contactId) ?? { label: c.contactName, gp: 0 };
    customers.set(c.contactId, { label: entry.label, gp: entry.gp + r.annualGrossProfit });
    gpByCustomer.set(c.currency, customers);
    if (c.renewalDate && c.renewalDate > today && c.renewalDate <= addDaysIso(today, 90)) {
      renewals.push({
        sortKey: c.renewalDate + c.number,
        href: `/contracts/${c.id}`,
        number: c.number,
        title: c.title,
        contactName: c.contactName,
        renewalDate: formatDate(c.renewalDate),
        days: daysBetween(today, c.renewalDate),
        renewal: c.autoRenew ? 'Renews automatically' : 'Ends unless renewed',
        acv: formatAmount(r.acv),
        currency: c.currency,
      });
    }
  }
  const figures = [...sums.entries()]
    .sort(([a], [b]) => (a === baseCurrency ? -1 : b === baseCurrency ? 1 : a.localeCompare(b)))
    .map(([currency, s]) => {
      const gp = s.acv - s.cost;
      const margin = marginPercentOf(gp, s.acv);
      return {
        currency,
        activeCount: s.count,
        acv: formatAmount(s.acv),
        annualCost: formatAmount(s.cost),
        annualGrossProfit: formatAmount(gp),
        margin: margin === null ? '—' : `${margin.toFixed(1)}%`,
      };
    });
  // One chart, in the base currency when it has contracts (figures in two currencies are not added up).
  const chartCurrency = gpByCustomer.has(baseCurrency) ? baseCurrency : figures[0]?.currency;
  const customers = chartCurrency ? gpByCustomer.get(chartCurrency) : undefined;
  renewals.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  return {
    figures,
    renewing: ([30, 60, 90] as const).map((within) => ({ within, count: renewals.filter((r) => r.days <= within).length })),
    renewals: renewals.map(({ sortKey: _sortKey, ...row }) => row),
    renewalsMoney: currencyColumn(renewals.map((r) => r.currency)),
    chart: chartCurrency && customers ? gpChart(chartCurrency, [...customers.values()]) : null,
    empty: contracts.length === 0,
  };
}
