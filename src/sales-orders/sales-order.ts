/** Sales orders: accepted work for a contact, optionally in a project, later invoiced in Xero. */
import type { DocumentLine, LineAmountTypes } from '../documents/index.js';
import type { InvoiceListState } from './sales-order-invoice-status.js';

export const SALES_ORDER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];

export const SALES_ORDER_STATUS_LABELS: Record<SalesOrderStatus, string> = { open: 'Open', completed: 'Completed', cancelled: 'Cancelled' };

export interface SalesOrderHeader {
  number: string | null;
  contactId: string;
  projectId: string | null;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  lineAmountTypes: LineAmountTypes;
  reference: string | null;
  notes: string | null;
  deliveryAddress: string | null;
  deliveryDate: string | null;
  deliveryInstructions: string | null;
}

/** The Xero invoice this order became, as last seen (filled by the Xero sync). */
export interface XeroInvoiceState {
  invoiceId: string;
  number: string | null;
  status: string | null;
  amountPaid: number | null;
  amountDue: number | null;
  paidDate: string | null;
  url: string | null;
}

export interface SalesOrder extends Omit<SalesOrderHeader, 'number'> {
  id: string;
  number: string;
  contactName: string;
  projectName: string | null;
  quote: { id: string; number: string } | null;
  status: SalesOrderStatus;
  subTotal: number;
  totalTax: number;
  total: number;
  lines: DocumentLine[];
  xeroInvoice: XeroInvoiceState | null;
}

export interface SalesOrderSummary {
  id: string;
  number: string;
  contactId: string;
  contactName: string;
  projectId: string | null;
  issueDate: string;
  reference: string | null;
  currency: string;
  status: SalesOrderStatus;
  subTotal: number;
  total: number;
  /** Its Xero invoice as last seen; null when never sent. */
  invoice: InvoiceListState | null;
}
