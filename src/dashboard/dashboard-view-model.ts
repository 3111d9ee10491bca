/** Plain data for the dashboard view. */
import { formatMoney } from '../common/money.js';
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

export interface DashboardView {
  stats: StatView[];
  steps: StepView[] | null;
  stepsDone: number;
  recent: DashboardRecent[];
}

const statView = (stat: DashboardStat): StatView => ({
  label: stat.label,
  count: stat.count,
  values: stat.values.map((v) => formatMoney(v.total, v.currency)),
  href: stat.href,
});

export function dashboardView(data: DashboardData): DashboardView {
  const s = data.steps;
  const steps: StepView[] = [
    {
      label: 'Bring in your Xero settings',
      hint: 'Accounts, tax rates and currencies appear in your forms.',
      href: '/settings/xero',
      action: 'Open Xero settings',
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
    steps: stepsDone === steps.length ? null : steps,
    stepsDone,
    recent: data.recent,
  };
}
