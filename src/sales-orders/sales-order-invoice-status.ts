/**
 * A sales order's Xero invoice as its list shows and filters it: not sent, or Xero's status as last seen
 * (kept on the order by src/xero-invoices), with "overdue" for an invoice awaiting payment past its due
 * date. The filter's values are the ones the dashboard links to (`/sales-orders?invoice=awaiting`).
 */
import type { Knex } from 'knex';
import type { DocumentListFilter } from '../documents/index.js';
import { todayIso } from '../common/dates.js';

/** Xero's invoice statuses in the words Xero's own screens use. */
export const XERO_INVOICE_STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Awaiting approval',
  AUTHORISED: 'Awaiting payment',
  PAID: 'Paid',
  VOIDED: 'Voided',
  DELETED: 'Deleted',
};

/** Their badges, the same on the list and the order's Xero panel (others: a plain badge). */
export const XERO_INVOICE_STATUS_BADGES: Record<string, string> = {
  PAID: 'badge badge-ok',
  AUTHORISED: 'badge badge-warn',
  VOIDED: 'badge badge-bad',
  DELETED: 'badge badge-bad',
};

/** What the list reads of an order's invoice (null: never sent). */
export interface InvoiceListState {
  status: string | null;
  amountDue: number | null;
  dueDate: string | null;
}

/** Awaiting payment: approved in Xero with money still due (overdue ones included, as on the dashboard). */
function whereAwaiting(builder: Knex.QueryBuilder, table: string): void {
  builder.where(`${table}.xero_invoice_status`, 'AUTHORISED').where(`${table}.xero_amount_due`, '>', 0);
}

export const INVOICE_LIST_FILTER: DocumentListFilter = {
  name: 'invoice',
  label: 'Xero invoice',
  anyLabel: 'Any invoice status',
  choices: [
    { value: 'not-sent', label: 'Not sent' },
    { value: 'awaiting', label: 'Awaiting payment' },
    { value: 'overdue', label: 'Overdue' },
    { value: 'paid', label: 'Paid' },
  ],
  apply(builder, table, value) {
    if (value === 'not-sent') builder.whereNull(`${table}.xero_invoice_id`);
    else if (value === 'awaiting') whereAwaiting(builder, table);
    else if (value === 'overdue') {
      whereAwaiting(builder, table);
      builder.where(`${table}.xero_due_date`, '<', todayIso());
    } else if (value === 'paid') builder.where(`${table}.xero_invoice_status`, 'PAID');
  },
};

/** The list's cell: a label and a badge; "Overdue" when awaiting payment past the due date. */
export function invoiceListCell(invoice: InvoiceListState | null, today: string): { label: string; badge: string } {
  if (!invoice) return { label: 'Not sent', badge: 'badge' };
  const { status } = invoice;
  if (status === 'AUTHORISED' && (invoice.amountDue ?? 0) > 0 && invoice.dueDate !== null && invoice.dueDate < today) {
    return { label: 'Overdue', badge: 'badge badge-bad' };
  }
  const label = status ? (XERO_INVOICE_STATUS_LABELS[status] ?? status) : 'Sent';
  const badge = (status && XERO_INVOICE_STATUS_BADGES[status]) ?? 'badge';
  return { label, badge };
}
