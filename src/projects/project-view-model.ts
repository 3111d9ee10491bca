/** Plain data for the project list, form and record pages. */
import { paginationView, type PaginationView } from '../common/list-query.js';
import type { Choice } from '../common/choice.js';
import type { SearchPickerView } from '../common/search-picker.js';
import { contactPickerView, type ContactChoices } from '../contacts/index.js';
import { currencyColumn, formatAmount, formatMoney, type CurrencyColumn } from '../common/money.js';
import { formatDate, STATUS_BADGES } from '../documents/index.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import type { ProjectSection } from './project-contributions.js';
import { projectListParams, PROJECT_SORTS, type ProjectListQuery, type ProjectSort } from './project-list.js';
import type { ProjectListPage } from './project-service.js';
import type { ProjectTotals } from './project-totals.js';
import { PROJECT_STATUS_LABELS, type Project } from './project.js';

const statusOptions = (): Choice[] => Object.entries(PROJECT_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export interface ProjectListView {
  rows: { href: string; name: string; customer: string; status: string; statusClass: string; dates: string; budget: string; counts: number[] }[];
  /** Budgets are in the base currency: shown once, in the Budget heading. */
  money: CurrencyColumn;
  /** One count column per contribution ('Sales orders'). */
  countHeadings: string[];
  filters: { q: string; status: string; contactId: string; statusOptions: Choice[]; contactOptions: Choice[]; active: boolean };
  sorts: Record<ProjectSort, { label: string; href: string; current: 'ascending' | 'descending' | null }>;
  pagination: PaginationView;
  empty: 'none-yet' | 'no-matches' | null;
}

const SORT_LABELS: Record<ProjectSort, string> = { name: 'Name', customer: 'Customer', status: 'Status', start: 'Start' };

export const dateRange = (start: string | null, end: string | null): string =>
  start && end ? `${formatDate(start)} – ${formatDate(end)}` : start ? `From ${formatDate(start)}` : end ? `Until ${formatDate(end)}` : '';

export function projectListView(result: ProjectListPage, query: ProjectListQuery, contacts: Choice[], baseCurrency: string): ProjectListView {
  const params = projectListParams(query);
  const active = Boolean(query.q || query.status || query.contactId);
  const sorts = Object.fromEntries(
    PROJECT_SORTS.map((sort) => {
      const current = query.sort === sort;
      const dir = current && query.dir === 'asc' ? 'desc' : 'asc';
      return [
        sort,
        {
          label: SORT_LABELS[sort],
          href: `/projects?${new URLSearchParams({ ...params, sort, dir }).toString()}`,
          current: current ? (query.dir === 'asc' ? ('ascending' as const) : ('descending' as const)) : null,
        },
      ];
    }),
  ) as ProjectListView['sorts'];
  return {
    rows: result.rows.map((p) => ({
      href: `/projects/${p.id}`,
      name: p.name,
      customer: p.contactName ?? '',
      status: PROJECT_STATUS_LABELS[p.status],
      statusClass: STATUS_BADGES[p.status] ?? 'badge',
      dates: dateRange(p.startDate, p.endDate),
      budget: p.budget === null ? '' : formatAmount(p.budget),
      counts: p.counts,
    })),
    money: currencyColumn([baseCurrency]),
    countHeadings: result.countHeadings,
    filters: {
      q: query.q,
      status: query.status,
      contactId: query.contactId,
      statusOptions: [{ value: '', label: 'Any status' }, ...statusOptions()],
      contactOptions: [{ value: '', label: 'Any customer' }, ...contacts],
      active,
    },
    sorts,
    pagination: paginationView('/projects', params, query.page, query.pageSize, result.total),
    empty: result.total > 0 ? null : active ? 'no-matches' : 'none-yet',
  };
}

export interface ProjectFormView {
  values: FormValues;
  errors: FieldErrors;
  formError: string | null;
  contactPicker: SearchPickerView;
  statusOptions: Choice[];
}

export function projectFormView(values: FormValues, contacts: ContactChoices, errors: FieldErrors = {}, formError: string | null = null): ProjectFormView {
  const contactPicker = contactPickerView(contacts, values.contactId ?? '', 'No customer');
  return { values: { ...values, contactId: contactPicker.value }, errors, formError, contactPicker, statusOptions: statusOptions() };
}

export interface ProjectPageView {
  id: string;
  name: string;
  customer: { name: string; href: string } | null;
  status: string;
  statusClass: string;
  dates: string;
  budget: string;
  description: string;
  /** One per contribution (sales orders now), in page order. */
  sections: (ProjectSection & { money: CurrencyColumn })[];
  /** One row per currency (a Currency column), amounts without it. */
  totals: { currency: string; revenue: string; committed: string; estimated: string; cost: string; grossProfit: string; margin: string; budgetUsed: string }[];
  linesWithoutCost: number;
}

export function projectPageView(project: Project, sections: ProjectSection[], totals: ProjectTotals, baseCurrency: string): ProjectPageView {
  return {
    id: project.id,
    name: project.name,
    customer: project.contactId ? { name: project.contactName ?? 'Customer', href: `/contacts/${project.contactId}` } : null,
    status: PROJECT_STATUS_LABELS[project.status],
    statusClass: STATUS_BADGES[project.status] ?? 'badge',
    dates: dateRange(project.startDate, project.endDate),
    budget: project.budget === null ? '' : formatMoney(project.budget, baseCurrency),
    description: project.description ?? '',
    sections: sections.map((s) => ({ ...s, money: currencyColumn(s.rows.map((r) => r.currency)) })),
    totals: totals.byCurrency.map((t) => ({
      currency: t.currency,
      revenue: formatAmount(t.revenue),
      committed: formatAmount(t.committed),
      estimated: formatAmount(t.estimated),
      cost: formatAmount(t.cost),
      grossProfit: formatAmount(t.grossProfit),
      margin: t.marginPercent === null ? '—' : `${t.marginPercent.toFixed(1)}%`,
      budgetUsed: project.budget && t.currency === baseCurrency ? `${(Math.round((t.revenue * 1000) / project.budget) / 10).toFixed(1)}% of budget` : '',
    })),
    linesWithoutCost: totals.linesWithoutCost,
  };
}
