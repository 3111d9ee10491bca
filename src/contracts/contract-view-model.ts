/** Plain data for the contract list and record pages. */
import type { PaginationView } from '../common/list-query.js';
import type { Choice } from '../common/choice.js';
import { currencyColumn, formatAmount, formatMoney, formatUnitPrice, type CurrencyColumn } from '../common/money.js';
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
import { todayIso } from '../common/dates.js';
import type { ContractFileSummary } from './contract-files.js';
import { contractRevenue, nextBillingDate, noticeDeadlineOf } from './contract-revenue.js';
import {
  BILLING_FREQUENCY_LABELS,
  CONTRACT_STATUS_LABELS,
  CONTRACT_STATUSES,
  PAYMENT_TERMS_LABELS,
  type Contract,
  type ContractStatus,
  type ContractSummary,
} from './contract.js';

export const CONTRACT_BADGES: Record<ContractStatus, string> = {
  draft: STATUS_BADGES.draft ?? 'badge',
  active: STATUS_BADGES.active ?? 'badge',
  expired: 'badge badge-warn',
  cancelled: STATUS_BADGES.cancelled ?? 'badge',
  renewed: 'badge badge-info',
};

export interface ContractRowView {
  href: string;
  number: string;
  title: string;
  contactName: string;
  start: string;
  end: string;
  frequency: string;
  status: string;
  statusClass: string;
  /** The amount alone; tables show the currency once (currencyColumn). */
  perPeriod: string;
  currency: string;
}

const SORT_LABELS: Record<DocumentSort, string> = { number: 'Number', contact: 'Customer', date: 'Start', total: 'Per period', status: 'Status' };

export function contractRowView(c: ContractSummary): ContractRowView {
  return {
    href: `/contracts/${c.id}`,
    number: c.number,
    title: c.title,
    contactName: c.contactName,
    start: formatDate(c.issueDate),
    end: c.endDate ? formatDate(c.endDate) : 'Open-ended',
    frequency: BILLING_FREQUENCY_LABELS[c.billingFrequency],
    status: CONTRACT_STATUS_LABELS[c.status],
    statusClass: CONTRACT_BADGES[c.status],
    perPeriod: formatAmount(c.total),
    currency: c.currency,
  };
}

export interface ContractListView {
  rows: ContractRowView[];
  money: CurrencyColumn;
  filters: ListFiltersView;
  sorts: Record<DocumentSort, SortLink>;
  pagination: PaginationView;
  empty: 'none-yet' | 'no-matches' | null;
}

export function contractListView(result: { rows: ContractSummary[]; total: number }, query: DocumentListQuery, contacts: Choice[]): ContractListView {
  const filters = listFiltersView(query, CONTRACT_STATUS_LABELS, contacts);
  return {
    rows: result.rows.map(contractRowView),
    money: currencyColumn(result.rows.map((r) => r.currency)),
    filters,
    sorts: sortLinks('/contracts', query, SORT_LABELS),
    pagination: listPagination('/contracts', query, result.total),
    empty: result.total > 0 ? null : filters.active ? 'no-matches' : 'none-yet',
  };
}

export interface ServiceLineView extends LineView {
  costPerPeriod: string;
}

export interface ContractPageView {
  id: string;
  number: string;
  title: string;
  contact: { name: string; href: string };
  salesOrder: { number: string; href: string } | null;
  project: { name: string; href: string } | null;
  start: string;
  term: string;
  end: string;
  frequency: string;
  firstInvoice: string;
  nextInvoice: string;
  paymentTerms: string;
  renewal: string;
  renewalDate: string;
  noticeBy: string;
  currency: string;
  reference: string;
  notes: string;
  status: string;
  statusClass: string;
  lines: ServiceLineView[];
  amounts: AmountsView;
  revenue: { perPeriod: string; acv: string; annualCost: string; annualGrossProfit: string; margin: string; tcv: string; costNote: string };
  canEdit: boolean;
  canDelete: boolean;
  statusActions: { status: ContractStatus; label: string }[];
}

const ACTION_LABELS: Record<ContractStatus, string> = {
  draft: 'Back to draft',
  active: 'Activate',
  expired: 'Mark as expired',
  cancelled: 'Cancel contract',
  renewed: 'Mark as renewed',
};

export function paymentTermsText(days: number, type: Contract['paymentTermsType']): string {
  if (type === 'OFCURRENTMONTH' || type === 'OFFOLLOWINGMONTH') return `Due on day ${days} ${PAYMENT_TERMS_LABELS[type]}`;
  return `Due ${days} ${PAYMENT_TERMS_LABELS[type]}`;
}

export function contractPageView(c: Contract, labels: LineLabels, today = todayIso()): ContractPageView {
  const revenue = contractRevenue(c.lines, {
    frequency: c.billingFrequency,
    lineAmountTypes: c.lineAmountTypes,
    firstInvoiceDate: c.firstInvoiceDate,
    endDate: c.endDate,
  });
  const money = (cents: number) => formatMoney(cents, c.currency);
  const next =
    c.status === 'active' || c.status === 'renewed' || c.status === 'draft' ? nextBillingDate(c.firstInvoiceDate, c.billingFrequency, c.endDate, today) : null;
  const lines = linesView(c.lines, labels);
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    contact: { name: c.contactName, href: `/contacts/${c.contactId}` },
    salesOrder: c.salesOrderId ? { number: c.salesOrderNumber ?? 'Sales order', href: `/sales-orders/${c.salesOrderId}` } : null,
    project: c.projectId ? { name: c.projectName ?? 'Project', href: `/projects/${c.projectId}` } : null,
    start: formatDate(c.issueDate),
    term: c.termMonths === null ? 'Open-ended' : `${c.termMonths} month${c.termMonths === 1 ? '' : 's'}`,
    end: c.endDate ? formatDate(c.endDate) : 'Open-ended',
    frequency: BILLING_FREQUENCY_LABELS[c.billingFrequency],
    firstInvoice: formatDate(c.firstInvoiceDate),
    nextInvoice: next ? formatDate(next) : '—',
    paymentTerms: paymentTermsText(c.paymentTermsDays, c.paymentTermsType),
    renewal: c.autoRenew ? 'Renews automatically' : 'Ends unless renewed',
    renewalDate: c.renewalDate ? formatDate(c.renewalDate) : '—',
    noticeBy: formatDate(noticeDeadlineOf(c.renewalDate, c.noticeDays)) || '—',
    currency: c.currency,
    reference: c.reference ?? '',
    notes: c.notes ?? '',
    status: CONTRACT_STATUS_LABELS[c.status],
    statusClass: CONTRACT_BADGES[c.status],
    lines: lines.map((l, i) => {
      const cost = c.lines[i]?.unitCost;
      return { ...l, costPerPeriod: cost === null || cost === undefined ? '—' : formatUnitPrice(cost) };
    }),
    amounts: amountsView(c),
    revenue: {
      perPeriod: money(revenue.perPeriod),
      acv: money(revenue.acv),
      annualCost: money(revenue.annualCost),
      annualGrossProfit: money(revenue.annualGrossProfit),
      margin: revenue.marginPercent === null ? '—' : `${revenue.marginPercent.toFixed(1)}%`,
      tcv: revenue.totalContractValue === null ? 'Open-ended' : `${money(revenue.totalContractValue)} (${revenue.billingsInTerm ?? 0} invoices)`,
      costNote: revenue.linesWithoutCost
        ? `${revenue.linesWithoutCost} line${revenue.linesWithoutCost === 1 ? ' has' : 's have'} no cost (a product without a cost price, or no product): counted as ${formatAmount(0)}.`
        : '',
    },
    canEdit: c.status !== 'cancelled' && c.status !== 'expired',
    canDelete: c.status === 'draft',
    statusActions: CONTRACT_STATUSES.filter((s) => s !== c.status).map((s) => ({ status: s, label: ACTION_LABELS[s] })),
  };
}

export interface ContractFilesView {
  uploadAction: string;
  generateAction: string;
  rows: { name: string; kind: string; size: string; added: string; href: string; deleteHref: string }[];
}

const sizeText = (bytes: number): string =>
  bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function contractFilesView(contractId: string, files: ContractFileSummary[]): ContractFilesView {
  const base = `/contracts/${contractId}`;
  return {
    uploadAction: `${base}/files`,
    generateAction: `${base}/generate`,
    rows: files.map((f) => ({
      name: f.fileName,
      kind: f.source === 'generated' ? `Contract document, version ${f.version ?? 1}` : 'Upload',
      size: sizeText(f.sizeBytes),
      added: `${formatDate(f.createdAt.slice(0, 10))}${f.addedByName ? ` by ${f.addedByName}` : ''}`,
      href: `${base}/files/${f.id}`,
      deleteHref: `${base}/files/${f.id}/delete`,
    })),
  };
}
