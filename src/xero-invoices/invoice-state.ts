/**
 * A Xero invoice as Ledgerside keeps it on the sales order (what the order's panel, list and dashboard
 * show): read from Xero's answer with amounts in integer cents and dates as calendar dates.
 */
import type { Invoice } from 'xero-node';
import { xeroDate } from '../xero-settings/index.js';
import { XERO_INVOICE_STATUS_LABELS } from '../sales-orders/index.js';

/** One vocabulary with the sales orders list (src/sales-orders/sales-order-invoice-status.ts). */
export const INVOICE_STATUS_LABELS = XERO_INVOICE_STATUS_LABELS;

export const statusLabel = (status: string | null): string => (status ? (INVOICE_STATUS_LABELS[status] ?? status) : 'Unknown');

export interface InvoicePayment {
  date: string;
  /** Cents. */
  amount: number;
  reference: string;
}

export interface XeroInvoiceSnapshot {
  invoiceId: string;
  number: string | null;
  status: string | null;
  currency: string | null;
  total: number | null;
  amountPaid: number | null;
  amountCredited: number | null;
  amountDue: number | null;
  dueDate: string | null;
  fullyPaidOn: string | null;
  payments: InvoicePayment[];
  /** Xero's UpdatedDateUTC (ISO). */
  updatedAt: string | null;
}

/** Xero's decimal amount → cents (amounts carry at most 2 dp; the rounding only absorbs binary noise). */
const cents = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 100) : null);
const calendarDate = (value: unknown): string | null => xeroDate(value)?.toISOString().slice(0, 10) ?? null;
const statusText = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));

export function snapshotOf(invoice: Invoice): XeroInvoiceSnapshot {
  const payments = (invoice.payments ?? [])
    .filter((p) => String(p.status ?? 'AUTHORISED') !== 'DELETED')
    .map((p) => ({ date: calendarDate(p.date) ?? '', amount: cents(p.amount) ?? 0, reference: p.reference ?? '' }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    invoiceId: String(invoice.invoiceID ?? '').toLowerCase(),
    number: invoice.invoiceNumber ?? null,
    status: statusText(invoice.status),
    currency: statusText(invoice.currencyCode),
    total: cents(invoice.total),
    amountPaid: cents(invoice.amountPaid),
    amountCredited: cents(invoice.amountCredited),
    amountDue: cents(invoice.amountDue),
    dueDate: calendarDate(invoice.dueDate),
    fullyPaidOn: calendarDate(invoice.fullyPaidOnDate),
    payments,
    updatedAt: xeroDate(invoice.updatedDateUTC)?.toISOString() ?? null,
  };
}

/**
 * Why Xero would not take a change of this invoice's lines, in plain words with what can be done; null
 * when it would. Judged on Xero's own copy, read just before the update.
 */
export function refusalFor(
  s: Pick<XeroInvoiceSnapshot, 'status' | 'amountPaid' | 'amountCredited'>,
): { message: string; advice: string; newInvoice: boolean } | null {
  switch (s.status) {
    case 'DELETED':
      return {
        message: 'This invoice was deleted in Xero, so it can’t be changed.',
        advice: 'Press Create a new invoice on the order to send it as a new invoice.',
        newInvoice: true,
      };
    case 'VOIDED':
      return {
        message: 'This invoice was voided in Xero, so it can’t be changed.',
        advice: 'Press Create a new invoice on the order to send it as a new invoice.',
        newInvoice: true,
      };
    case 'PAID':
      return {
        message: 'This invoice is paid in Xero, so its lines can’t be changed from here.',
        advice: 'Change it in Xero, or raise a credit note.',
        newInvoice: false,
      };
  }
  if ((s.amountPaid ?? 0) > 0)
    return {
      message: 'This invoice has payments in Xero, so its lines can’t be changed from here.',
      advice: 'Change it in Xero, or raise a credit note.',
      newInvoice: false,
    };
  if ((s.amountCredited ?? 0) > 0)
    return {
      message: 'This invoice has a credit note allocated in Xero, so its lines can’t be changed from here.',
      advice: 'Change it in Xero, or remove the allocation first.',
      newInvoice: false,
    };
  return null;
}

/** Days past the due date for an invoice still awaiting payment (0 when not overdue). */
export function overdueDays(s: Pick<XeroInvoiceSnapshot, 'status' | 'dueDate' | 'amountDue'>, today: string): number {
  if (s.status !== 'AUTHORISED' || !s.dueDate || (s.amountDue ?? 0) <= 0 || s.dueDate >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${s.dueDate}T00:00:00Z`)) / 86_400_000);
}
