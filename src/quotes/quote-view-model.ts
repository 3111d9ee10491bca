/** Plain data for the quote list and record pages. */
import type { PaginationView } from '../common/list-query.js';
import type { Choice } from '../common/choice.js';
import {
  amountsView,
  formatDate,
  linesView,
  listFiltersView,
  listPagination,
  sortLinks,
  STATUS_BADGES,
  type AmountsView,
  type DocumentListQuery,
  type DocumentSort,
  type LineLabels,
  type LineView,
  type ListFiltersView,
  type SortLink,
} from '../documents/index.js';
import { currencyColumn, formatAmount, type CurrencyColumn } from '../common/money.js';
import { QUOTE_STATUS_LABELS, QUOTE_STATUSES, type Quote, type QuoteStatus, type QuoteSummary } from './quote.js';

export interface QuoteRowView {
  href: string;
  number: string;
  contactName: string;
  date: string;
  expiry: string;
  reference: string;
  status: string;
  statusClass: string;
  /** The amount alone ("1,234.50"): tables show the currency once (currencyColumn). */
  total: string;
  currency: string;
}

export interface QuoteListView {
  rows: QuoteRowView[];
  money: CurrencyColumn;
  filters: ListFiltersView;
  sorts: Record<DocumentSort, SortLink>;
  pagination: PaginationView;
  empty: 'none-yet' | 'no-matches' | null;
}

export const QUOTE_SORT_LABELS: Record<DocumentSort, string> = { number: 'Number', contact: 'Contact', date: 'Date', total: 'Total', status: 'Status' };

export function quoteRowView(q: QuoteSummary): QuoteRowView {
  return {
    href: `/quotes/${q.id}`,
    number: q.number,
    contactName: q.contactName,
    date: formatDate(q.issueDate),
    expiry: formatDate(q.expiryDate),
    reference: q.reference ?? '',
    status: QUOTE_STATUS_LABELS[q.status],
    statusClass: STATUS_BADGES[q.status] ?? 'badge',
    total: formatAmount(q.total),
    currency: q.currency,
  };
}

export function quoteListView(result: { rows: QuoteSummary[]; total: number }, query: DocumentListQuery, contacts: Choice[]): QuoteListView {
  const filters = listFiltersView(query, QUOTE_STATUS_LABELS, contacts);
  const rows = result.rows.map(quoteRowView);
  return {
    rows,
    money: currencyColumn(rows.map((r) => r.currency)),
    filters,
    sorts: sortLinks('/quotes', query, QUOTE_SORT_LABELS),
    pagination: listPagination('/quotes', query, result.total),
    empty: result.total > 0 ? null : filters.active ? 'no-matches' : 'none-yet',
  };
}

export interface QuoteStatusAction {
  status: QuoteStatus;
  label: string;
}

export interface QuotePageView {
  id: string;
  number: string;
  contact: { name: string; href: string };
  date: string;
  expiry: string;
  project: { name: string; href: string } | null;
  currency: string;
  reference: string;
  notes: string;
  status: string;
  statusClass: string;
  lines: LineView[];
  amounts: AmountsView;
  salesOrder: { number: string; href: string } | null;
  canEdit: boolean;
  canConvert: boolean;
  statusActions: QuoteStatusAction[];
}

const STATUS_ACTION_LABELS: Record<QuoteStatus, string> = {
  draft: 'Back to draft',
  sent: 'Mark as sent',
  accepted: 'Mark as accepted',
  declined: 'Mark as declined',
};

export function quotePageView(quote: Quote, labels: LineLabels): QuotePageView {
  const converted = quote.salesOrder !== null;
  return {
    id: quote.id,
    number: quote.number,
    contact: { name: quote.contactName, href: `/contacts/${quote.contactId}` },
    date: formatDate(quote.issueDate),
    expiry: formatDate(quote.expiryDate),
    project: quote.projectId ? { name: quote.projectName ?? 'Project', href: `/projects/${quote.projectId}` } : null,
    currency: quote.currency,
    reference: quote.reference ?? '',
    notes: quote.notes ?? '',
    status: QUOTE_STATUS_LABELS[quote.status],
    statusClass: STATUS_BADGES[quote.status] ?? 'badge',
    lines: linesView(quote.lines, labels),
    amounts: amountsView(quote),
    salesOrder: quote.salesOrder ? { number: quote.salesOrder.number, href: `/sales-orders/${quote.salesOrder.id}` } : null,
    canEdit: !converted,
    canConvert: !converted && quote.status === 'accepted',
    statusActions: converted ? [] : QUOTE_STATUSES.filter((s) => s !== quote.status).map((s) => ({ status: s, label: STATUS_ACTION_LABELS[s] })),
  };
}
