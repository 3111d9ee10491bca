/** Plain data for the purchase order list, record and create pages, and the rows other pages show. */
import { paginationView, type PaginationView } from '../common/list-query.js';
import type { Choice } from '../common/choice.js';
import {
  amountsView,
  documentBulkView,
  formatDate,
  linesView,
  listFiltersView,
  sortLinks,
  STATUS_BADGES,
  type AmountsView,
  type DocumentBulkView,
  type DocumentSort,
  type LineLabels,
  type LineView,
  type ListFiltersView,
  type SortLink,
} from '../documents/index.js';
import { currencyColumn, formatAmount, formatQuantity, type CurrencyColumn } from '../common/money.js';
import type { PurchaseOrderListQuery } from './purchase-order-repository.js';
import {
  PURCHASE_ORDER_STATUS_LABELS,
  PURCHASE_ORDER_STATUSES,
  type PurchaseOrder,
  type PurchaseOrderStatus,
  type PurchaseOrderSummary,
} from './purchase-order.js';

const BADGES: Record<PurchaseOrderStatus, string> = {
  draft: STATUS_BADGES.draft ?? 'badge',
  ordered: 'badge badge-info',
  received: 'badge badge-info',
  billed: 'badge badge-ok',
  cancelled: STATUS_BADGES.cancelled ?? 'badge badge-bad',
};

/** Xero's purchase-order statuses as Xero names them. */
const XERO_STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Awaiting approval',
  AUTHORISED: 'Approved',
  BILLED: 'Billed',
  DELETED: 'Deleted in Xero',
};
export const xeroStatusLabel = (status: string | null): string => (status ? (XERO_STATUS_LABELS[status] ?? status) : '');

/** "Not sent", or "Sent · Approved" (Xero's status). */
export function xeroColumn(po: Pick<PurchaseOrderSummary, 'sentToXero' | 'xeroStatus' | 'xeroNumber'>): string {
  if (!po.sentToXero) return 'Not sent';
  const status = xeroStatusLabel(po.xeroStatus);
  return status ? `Sent · ${status}` : 'Sent';
}

export interface PurchaseOrderRowView {
  id: string;
  href: string;
  number: string;
  contactName: string;
  date: string;
  deliveryDate: string;
  reference: string;
  status: string;
  statusClass: string;
  /** Amounts alone ("1,234.50"): tables show the currency once (currencyColumn). */
  subTotal: string;
  total: string;
  currency: string;
  xero: string;
}

export function purchaseOrderRowView(o: PurchaseOrderSummary): PurchaseOrderRowView {
  return {
    id: o.id,
    href: `/purchase-orders/${o.id}`,
    number: o.number,
    contactName: o.contactName,
    date: formatDate(o.issueDate),
    deliveryDate: formatDate(o.deliveryDate),
    reference: o.reference ?? '',
    status: PURCHASE_ORDER_STATUS_LABELS[o.status],
    statusClass: BADGES[o.status],
    subTotal: formatAmount(o.subTotal),
    total: formatAmount(o.total),
    currency: o.currency,
    xero: xeroColumn(o),
  };
}

export interface PurchaseOrderListView {
  rows: PurchaseOrderRowView[];
  money: CurrencyColumn;
  filters: ListFiltersView;
  extraFilters: { name: string; label: string; value: string; options: Choice[] }[];
  sorts: Record<DocumentSort, SortLink>;
  pagination: PaginationView;
  /** Send to Xero in bulk (ticked rows, all matching, all not yet sent). */
  bulk: DocumentBulkView;
  empty: 'none-yet' | 'no-matches' | null;
}

const SORT_LABELS: Record<DocumentSort, string> = { number: 'Number', contact: 'Supplier', date: 'Date', total: 'Total', status: 'Status' };

/** The list's own query parameters, kept by sort and page links. */
function extraParams(query: PurchaseOrderListQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.projectId) params.projectId = query.projectId;
  if (query.salesOrderId) params.salesOrderId = query.salesOrderId;
  if (query.xero) params.xero = query.xero;
  return params;
}

export function purchaseOrderListView(
  result: { rows: PurchaseOrderSummary[]; total: number },
  query: PurchaseOrderListQuery,
  suppliers: Choice[],
  projects: Choice[],
): PurchaseOrderListView {
  const base = listFiltersView(query, PURCHASE_ORDER_STATUS_LABELS, suppliers);
  const extras = extraParams(query);
  const filters: ListFiltersView = {
    ...base,
    contactOptions: [{ value: '', label: 'Any supplier' }, ...suppliers],
    active: base.active || Object.keys(extras).length > 0,
  };
  const suffix = new URLSearchParams(extras).toString();
  const sorts = Object.fromEntries(
    Object.entries(sortLinks('/purchase-orders', query, SORT_LABELS)).map(([k, link]) => [k, { ...link, href: suffix ? `${link.href}&${suffix}` : link.href }]),
  ) as Record<DocumentSort, SortLink>;
  const params: Record<string, string> = { ...extras, sort: query.sort, dir: query.dir };
  for (const key of ['q', 'status', 'contactId', 'from', 'to'] as const) if (query[key]) params[key] = query[key];
  return {
    rows: result.rows.map(purchaseOrderRowView),
    money: currencyColumn(result.rows.map((r) => r.currency)),
    filters,
    extraFilters: [
      { name: 'projectId', label: 'Project', value: query.projectId, options: [{ value: '', label: 'Any project' }, ...projects] },
      {
        name: 'xero',
        label: 'Sent to Xero',
        value: query.xero,
        options: [
          { value: '', label: 'Sent or not' },
          { value: 'sent', label: 'Sent to Xero' },
          { value: 'not', label: 'Not sent yet' },
        ],
      },
    ],
    sorts,
    pagination: paginationView('/purchase-orders', params, query.page, query.pageSize, result.total),
    bulk: documentBulkView('purchase_order', query, result.total, extras),
    empty: result.total > 0 ? null : filters.active ? 'no-matches' : 'none-yet',
  };
}

export interface PurchaseOrderPageView {
  id: string;
  number: string;
  supplier: { name: string; href: string };
  project: { name: string; href: string } | null;
  salesOrder: { number: string; href: string } | null;
  date: string;
  deliveryDate: string;
  currency: string;
  reference: string;
  notes: string;
  status: string;
  statusClass: string;
  delivery: { address: string; attention: string; telephone: string; instructions: string } | null;
  lines: LineView[];
  amounts: AmountsView;
  canEdit: boolean;
  canDelete: boolean;
  statusActions: { status: PurchaseOrderStatus; label: string }[];
}

const ACTION_LABELS: Record<PurchaseOrderStatus, string> = {
  draft: 'Back to draft',
  ordered: 'Mark as ordered',
  received: 'Mark as received',
  billed: 'Mark as billed',
  cancelled: 'Cancel purchase order',
};

export function purchaseOrderPageView(po: PurchaseOrder, labels: LineLabels): PurchaseOrderPageView {
  const hasDelivery = po.deliveryAddress || po.attentionTo || po.telephone || po.deliveryInstructions;
  return {
    id: po.id,
    number: po.number,
    supplier: { name: po.contactName, href: `/contacts/${po.contactId}` },
    project: po.projectId ? { name: po.projectName ?? 'Project', href: `/projects/${po.projectId}` } : null,
    salesOrder: po.salesOrder ? { number: po.salesOrder.number, href: `/sales-orders/${po.salesOrder.id}` } : null,
    date: formatDate(po.issueDate),
    deliveryDate: formatDate(po.deliveryDate),
    currency: po.currency,
    reference: po.reference ?? '',
    notes: po.notes ?? '',
    status: PURCHASE_ORDER_STATUS_LABELS[po.status],
    statusClass: BADGES[po.status],
    delivery: hasDelivery
      ? { address: po.deliveryAddress ?? '', attention: po.attentionTo ?? '', telephone: po.telephone ?? '', instructions: po.deliveryInstructions ?? '' }
      : null,
    lines: linesView(po.lines, labels),
    amounts: amountsView(po),
    canEdit: po.status !== 'billed',
    canDelete: !po.xero,
    statusActions: PURCHASE_ORDER_STATUSES.filter((s) => s !== po.status).map((s) => ({ status: s, label: ACTION_LABELS[s] })),
  };
}

/** The "Create purchase orders" page. */
export interface CreatePageView {
  salesOrder: { id: string; number: string; href: string; contactName: string };
  rows: {
    index: number;
    lineId: string;
    number: number;
    description: string;
    orderedQuantity: string;
    orderedOn: string;
    tick: boolean;
    supplierId: string;
    quantity: string;
    unitCost: string;
    errors: { supplierId?: string; quantity?: string; unitCost?: string; row?: string };
  }[];
  supplierOptions: Choice[];
  supplierFinder: { show: boolean; search: string; hint: string };
  formError: string | null;
  currency: string;
}

export function createPageView(
  data: {
    salesOrder: { id: string; number: string; contactName: string; currency: string };
    lines: { id: string; line: { description: string; quantity: number }; orderedOn: string[] }[];
    rows: { lineId: string; tick: boolean; supplierId: string; quantity: string; unitCost: string }[];
  },
  suppliers: { options: Choice[]; finder: { show: boolean; search: string; hint: string } },
  errors: Record<string, string> = {},
  formError: string | null = null,
): CreatePageView {
  return {
    salesOrder: {
      id: data.salesOrder.id,
      number: data.salesOrder.number,
      href: `/sales-orders/${data.salesOrder.id}`,
      contactName: data.salesOrder.contactName,
    },
    rows: data.lines.map((l, index) => {
      const row = data.rows[index] ?? { lineId: l.id, tick: false, supplierId: '', quantity: '', unitCost: '' };
      const err = (field: string) => errors[`lines[${index}][${field}]`];
      const e: CreatePageView['rows'][number]['errors'] = {};
      for (const f of ['supplierId', 'quantity', 'unitCost', 'row'] as const) {
        const m = err(f);
        if (m) e[f] = m;
      }
      return {
        index,
        lineId: l.id,
        number: index + 1,
        description: l.line.description,
        orderedQuantity: formatQuantity(l.line.quantity),
        orderedOn: l.orderedOn.length ? `Already ordered on ${l.orderedOn.join(', ')}` : '',
        tick: row.tick,
        supplierId: row.supplierId,
        quantity: row.quantity,
        unitCost: row.unitCost,
        errors: e,
      };
    }),
    supplierOptions: suppliers.options,
    supplierFinder: suppliers.finder,
    formError,
    currency: data.salesOrder.currency,
  };
}
