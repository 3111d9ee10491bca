/** Plain data for the dashboard view. */
import { currencyColumn, formatMoney, type CurrencyColumn } from '../common/money.js';
import type { DashboardData } from './dashboard-service.js';
import type { DashboardRecent, DashboardStat } from './dashboard-sources.js';

export interface StatView {
  label: string;
  count: number;
  values: string[];
  href: string;
}

export interface StepView {
  label: string;
  hint: string;
  href: string;
  action: string;
  done: boolean;
}

/** One bar of the pipeline chart: an open-work figure in the organisation's base currency. */
export interface PipelineBar {
  label: string;
  amount: string;
  /** Share of the largest bar, 0–100 (an SVG width, never an inline style: the CSP forbids those). */
  percent: number;
  href: string;
}

export interface DashboardView {
  stats: StatView[];
  /** The open work in the base currency, as bars; null while there is none. */
  pipeline: { currency: string; bars: PipelineBar[] } | null;
  steps: StepView[] | null;
  stepsDone: number;
  recent: (DashboardRecent & { money: CurrencyColumn })[];
}

const statView = (stat: DashboardStat): StatView => ({
  label: stat.label,
  count: stat.count,
  values: stat.values.map((v) => formatMoney(v.total, v.currency)),
  href: stat.href,
});

function pipelineView(stats: DashboardStat[], currency: string): DashboardView['pipeline'] {
  const figures = stats.flatMap((s) => {
    const value = s.values.find((v) => v.currency === currency);
    return value && value.total > 0 ? [{ label: s.label, total: value.total, href: s.href }] : [];
  });
  if (figures.length === 0) return null;
  const largest = Math.max(...figures.map((f) => f.total));
  return {
    currency,
    bars: figures.map((f) => ({ label: f.label, amount: formatMoney(f.total, ''), percent: Math.max(2, Math.round((f.total / largest) * 100)), href: f.href })),
  };
}

export function dashboardView(data: DashboardData, baseCurrency = 'AUD'): DashboardView {
  const s = data.steps;
  const steps: StepView[] = [
    {
      label: 'Your Xero settings arrive',
      hint: 'Accounts, tax rates and currencies load by themselves after connecting; nothing to do.',
      href: '/settings/xero',
      action: 'See Xero settings',
      done: s.settingsRefreshed,
    },
    {
      label: 'Import your contacts and items from Xero',
      hint: 'Or add a contact by hand.',
      href: '/import/xero',
      action: 'Import from Xero',
      done: s.hasContacts,
    },
    { label: 'Create your first quote', hint: 'Price up work for a customer.', href: '/quotes/new', action: 'New quote', done: s.hasQuotes },
    {
      label: 'Turn an accepted quote into a sales order',
      hint: 'Mark the quote accepted, then choose "Create sales order".',
      href: '/quotes',
      action: 'Open quotes',
      done: s.hasSalesOrders,
    },
    {
      label: 'Group the work in a project',
      hint: 'See revenue, cost and gross profit together.',
      href: '/projects/new',
      action: 'New project',
      done: s.hasProjects,
    },
  ];
  const stepsDone = steps.filter((step) => step.done).length;
  return {
    stats: data.stats.map(statView),
    pipeline: pipelineView(data.stats, baseCurrency),
    steps: stepsDone === steps.length ? null : steps,
    stepsDone,
    recent: data.recent.map((card) => ({ ...card, money: currencyColumn(card.rows.map((r) => r.currency)) })),
  };
}
