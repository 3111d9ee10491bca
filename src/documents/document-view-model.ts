/**
 * View-model pieces shared by quote and sales order pages: list filters and sort links, status badges,
 * and a stored document's lines and totals formatted for reading.
 */
import { formatCalendarDate } from '../common/dates.js';
import { paginationView, type PaginationView } from '../common/list-query.js';
import { listParams, type DocumentListFilter, type DocumentListQuery, type DocumentSort } from './document-list.js';
import type { DocumentLine } from './lines.js';
import { formatAmount, formatPercent, formatQuantity, formatUnitPrice } from '../common/money.js';
import type { Choice } from '../common/choice.js';
import type { LineLabels } from './line-lookups.js';
import { LINE_AMOUNT_TYPE_LABELS } from './document-schema.js';
import type { LineAmountTypes } from './totals.js';

export interface SortLink {
  label: string;
  href: string;
  current: 'ascending' | 'descending' | null;
}

export function sortLinks(base: string, query: DocumentListQuery, labels: Record<DocumentSort, string>): Record<DocumentSort, SortLink> {
  const params = listParams(query);
  const entries = (Object.keys(labels) as DocumentSort[]).map((sort) => {
    const current = query.sort === sort;
    const dir = current ? (query.dir === 'asc' ? 'desc' : 'asc') : sort === 'date' || sort === 'total' ? 'desc' : 'asc';
    const href = `${base}?${new URLSearchParams({ ...params, sort, dir }).toString()}`;
    return [sort, { label: labels[sort], href, current: current ? (query.dir === 'asc' ? 'ascending' : 'descending') : null }] as const;
  });
  return Object.fromEntries(entries) as Record<DocumentSort, SortLink>;
}

export interface ListFiltersView {
  q: string;
  status: string;
  contactId: string;
  from: string;
  to: string;
  statusOptions: Choice[];
  contactOptions: Choice[];
  /** The kind's own filters as more dropdowns (`extraFilters` of views/documents/list-filters.ejs). */
  extra: { name: string; label: string; value: string; options: Choice[] }[];
  active: boolean;
}

export function listFiltersView(
  query: DocumentListQuery,
  statuses: Record<string, string>,
  contacts: Choice[],
  filters: readonly DocumentListFilter[] = [],
): ListFiltersView {
  const extra = filters.map((f) => ({
    name: f.name,
    label: f.label,
    value: query.extra[f.name] ?? '',
    options: [{ value: '', label: f.anyLabel }, ...f.choices],
  }));
  return {
    q: query.q,
    status: query.status,
    contactId: query.contactId,
    from: query.from,
    to: query.to,
    statusOptions: [{ value: '', label: 'Any status' }, ...Object.entries(statuses).map(([value, label]) => ({ value, label }))],
    contactOptions: [{ value: '', label: 'Any customer' }, ...contacts],
    extra,
    active: Boolean(query.q || query.status || query.contactId || query.from || query.to || extra.some((f) => f.value)),
  };
}

export function listPagination(base: string, query: DocumentListQuery, total: number): PaginationView {
  return paginationView(base, listParams(query), query.page, query.pageSize, total);
}

export const STATUS_BADGES: Record<string, string> = {
  draft: 'badge',
  sent: 'badge badge-info',
  accepted: 'badge badge-ok',
  declined: 'badge badge-bad',
  open: 'badge badge-info',
  completed: 'badge badge-ok',
  cancelled: 'badge badge-bad',
  active: 'badge badge-ok',
  on_hold: 'badge badge-warn',
};

export interface LineView {
  number: number;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  account: string;
  taxRate: string;
  tracking: string;
  taxAmount: string;
  amount: string;
}

export interface AmountsView {
  lineAmountTypes: string;
  subTotal: string;
  totalTax: string;
  /** Amounts alone; the totals box names the currency once ("Total AUD"). */
  total: string;
  currency: string;
}

const labelOf = (choices: Choice[], value: string | null): string => (value ? (choices.find((c) => c.value === value)?.label ?? value) : '');

export function linesView(lines: DocumentLine[], labels: LineLabels): LineView[] {
  return lines.map((line, i) => ({
    number: i + 1,
    description: line.description,
    quantity: formatQuantity(line.quantity),
    unitPrice: formatUnitPrice(line.unitPrice),
    discount: line.discountRate ? `${formatPercent(line.discountRate)}%` : '',
    account: labelOf(labels.accounts, line.accountCode),
    taxRate: labelOf(labels.taxRates, line.taxType),
    tracking: [line.trackingOption1Id, line.trackingOption2Id]
      .filter((v): v is string => v !== null)
      .map((id) => labelOf(labels.trackingOptions, id))
      .join(', '),
    taxAmount: formatAmount(line.taxAmount),
    amount: formatAmount(line.lineAmount),
  }));
}

export function amountsView(doc: { lineAmountTypes: LineAmountTypes; subTotal: number; totalTax: number; total: number; currency: string }): AmountsView {
  return {
    lineAmountTypes: LINE_AMOUNT_TYPE_LABELS[doc.lineAmountTypes],
    subTotal: formatAmount(doc.subTotal),
    totalTax: formatAmount(doc.totalTax),
    total: formatAmount(doc.total),
    currency: doc.currency,
  };
}

/** "2026-11-26" → "26 Nov 2026": the app's one date format (src/common/dates.ts). */
export const formatDate = (iso: string | null): string => formatCalendarDate(iso);
