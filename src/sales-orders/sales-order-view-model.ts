/** Plain data for the sales order list and record pages. */
import type { PaginationView } from '../common/list-query.js';
import type { Choice } from '../common/choice.js';
import {
  amountsView,
  documentBulkView,
  formatDate,
  linesView,
  listFiltersView,
  listPagination,
  sortLinks,
  STATUS_BADGES,
  type AmountsView,
  type DocumentBulkView,
  type DocumentListQuery,
  type DocumentSort,
  type LineLabels,
  type LineView,
  type ListFiltersView,
  type SortLink,
} from '../documents/index.js';
import { currencyColumn, formatAmount, formatMoney, type CurrencyColumn } from '../common/money.js';
import { todayIso } from '../common/dates.js';
import { INVOICE_LIST_FILTER, invoiceListCell, XERO_INVOICE_STATUS_LABELS } from './sales-order-invoice-status.js';
import { SALES_ORDER_STATUS_LABELS, SALES_ORDER_STATUSES, type SalesOrder, type SalesOrderStatus, type SalesOrderSummary } from './sales-order.js';

export interface SalesOrderRowView {
  id: string;
  href: string;
  number: string;
  contactName: string;
  date: string;
  reference: string;
  status: string;
  statusClass: string;
  /** Amounts alone ("1,234.50"): tables show the currency once (currencyColumn). */
  subTotal: string;
  total: string;
  currency: string;
  /** Its Xero invoice: "Not sent", Xero's status, or "Overdue". */
  invoice: { label: string; badge: string };
}

export const SALES_ORDER_SORT_LABELS: Record<DocumentSort, string> = { number: 'Number', contact: 'Contact', date: 'Date', total: 'Total', status: 'Status' };

export function salesOrderRowView(o: SalesOrderSummary): SalesOrderRowView {
  return {
    id: o.id,
    href: `/sales-orders/${o.id}`,
    number: o.number,
    contactName: o.contactName,
    date: formatDate(o.issueDate),
    reference: o.reference ?? '',
    status: SALES_ORDER_STATUS_LABELS[o.status],
    statusClass: STATUS_BADGES[o.status] ?? 'badge',
    subTotal: formatAmount(o.subTotal),
    total: formatAmount(o.total),
    currency: o.currency,
    invoice: invoiceListCell(o.invoice, todayIso()),
  };
}

export interface SalesOrderListView {
  rows: SalesOrderRowView[];
  money: CurrencyColumn;
  filters: ListFiltersView;
  sorts: Record<DocumentSort, SortLink>;
  pagination: PaginationView;
  /** Send to Xero in bulk (ticked rows, all matching, all not yet sent). */
  bulk: DocumentBulkView;
  empty: 'none-yet' | 'no-matches' | null;
}

export function salesOrderListView(result: { rows: SalesOrderSummary[]; total: number }, query: DocumentListQuery, contacts: Choice[]): SalesOrderListView {
  const filters = listFiltersView(query, SALES_ORDER_STATUS_LABELS, contacts, [INVOICE_LIST_FILTER]);
  const rows = result.rows.map(salesOrderRowView);
  return {
    rows,
    money: currencyColumn(rows.map((r) => r.currency)),
    filters,
    sorts: sortLinks('/sales-orders', query, SALES_ORDER_SORT_LABELS),
    pagination: listPagination('/sales-orders', query, result.total),
    bulk: documentBulkView('sales_order', query, result.total),
    empty: result.total > 0 ? null : filters.active ? 'no-matches' : 'none-yet',
  };
}

export interface XeroInvoiceView {
  number: string;
  status: string;
  amountPaid: string;
  amountDue: string;
  paidDate: string;
  url: string | null;
}

export interface SalesOrderPageView {
  id: string;
  number: string;
  contact: { name: string; href: string };
  project: { name: string; href: string } | null;
  quote: { number: string; href: string } | null;
  date: string;
  dueDate: string;
  currency: string;
  reference: string;
  notes: string;
  status: string;
  statusClass: string;
  delivery: { address: string; date: string; instructions: string } | null;
  lines: LineView[];
  amounts: AmountsView;
  xeroInvoice: XeroInvoiceView | null;
  canEdit: boolean;
  canDelete: boolean;
  /** Each status the order can move to; `confirmHref` when the change asks first (Cancel order). */
  statusActions: { status: SalesOrderStatus; label: string; confirmHref: string | null }[];
}

const ACTION_LABELS: Record<SalesOrderStatus, string> = { open: 'Reopen', completed: 'Mark as completed', cancelled: 'Cancel order' };

export function salesOrderPageView(order: SalesOrder, labels: LineLabels): SalesOrderPageView {
  const inv = order.xeroInvoice;
  const hasDelivery = order.deliveryAddress || order.deliveryDate || order.deliveryInstructions;
  return {
    id: order.id,
    number: order.number,
    contact: { name: order.contactName, href: `/contacts/${order.contactId}` },
    project: order.projectId ? { name: order.projectName ?? 'Project', href: `/projects/${order.projectId}` } : null,
    quote: order.quote ? { number: order.quote.number, href: `/quotes/${order.quote.id}` } : null,
    date: formatDate(order.issueDate),
    dueDate: formatDate(order.dueDate),
    currency: order.currency,
    reference: order.reference ?? '',
    notes: order.notes ?? '',
    status: SALES_ORDER_STATUS_LABELS[order.status],
    statusClass: STATUS_BADGES[order.status] ?? 'badge',
    delivery: hasDelivery
      ? { address: order.deliveryAddress ?? '', date: formatDate(order.deliveryDate), instructions: order.deliveryInstructions ?? '' }
      : null,
    lines: linesView(order.lines, labels),
    amounts: amountsView(order),
    xeroInvoice: inv
      ? {
          number: inv.number ?? 'Invoice',
          status: inv.status ? (XERO_INVOICE_STATUS_LABELS[inv.status] ?? inv.status) : '',
          amountPaid: inv.amountPaid === null ? '' : formatMoney(inv.amountPaid, order.currency),
          amountDue: inv.amountDue === null ? '' : formatMoney(inv.amountDue, order.currency),
          paidDate: formatDate(inv.paidDate),
          url: inv.url && /^https?:\/\//.test(inv.url) ? inv.url : null,
        }
      : null,
    // Editing an invoiced order is fine: sending it again updates the same invoice while Xero allows it.
    canEdit: true,
    canDelete: !inv,
    statusActions: SALES_ORDER_STATUSES.filter((s) => s !== order.status).map((s) => ({
      status: s,
      label: ACTION_LABELS[s],
      confirmHref: s === 'cancelled' ? `/sales-orders/${order.id}/status?to=cancelled` : null,
    })),
  };
}
