/**
 * Contracts: recurring work for a customer, billed every period through a Xero repeating invoice.
 * Made from a sales order in one click or from scratch; its services are the kit's lines with a cost.
 */
import type { DocumentLine, LineAmountTypes } from '../documents/index.js';

export const CONTRACT_STATUSES = ['draft', 'active', 'expired', 'cancelled', 'renewed'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  expired: 'Expired',
  cancelled: 'Cancelled',
  renewed: 'Renewed',
};

export const BILLING_FREQUENCIES = ['weekly', 'fortnightly', 'monthly', 'quarterly', 'half_yearly', 'annually'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];
export const BILLING_FREQUENCY_LABELS: Record<BillingFrequency, string> = {
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  half_yearly: 'Half-yearly',
  annually: 'Annually',
};

/** Xero's due-date rules for repeating invoices (Schedule.DueDateType). */
export const PAYMENT_TERMS_TYPES = ['DAYSAFTERBILLDATE', 'DAYSAFTERBILLMONTH', 'OFCURRENTMONTH', 'OFFOLLOWINGMONTH'] as const;
export type PaymentTermsType = (typeof PAYMENT_TERMS_TYPES)[number];
export const PAYMENT_TERMS_LABELS: Record<PaymentTermsType, string> = {
  DAYSAFTERBILLDATE: 'day(s) after the invoice date',
  DAYSAFTERBILLMONTH: 'day(s) after the end of the invoice month',
  OFCURRENTMONTH: 'of the invoice month',
  OFFOLLOWINGMONTH: 'of the month after the invoice',
};

export interface ContractHeader {
  number: string | null;
  contactId: string;
  title: string;
  salesOrderId: string | null;
  projectId: string | null;
  /** The start date. */
  issueDate: string;
  /** Null: open-ended. */
  termMonths: number | null;
  billingFrequency: BillingFrequency;
  firstInvoiceDate: string;
  paymentTermsDays: number;
  paymentTermsType: PaymentTermsType;
  autoRenew: boolean;
  noticeDays: number | null;
  currency: string;
  lineAmountTypes: LineAmountTypes;
  reference: string | null;
  notes: string | null;
}

/** A services line: the kit's line plus its cost per billing period (× 10,000; null = unknown). */
export interface ContractLine extends DocumentLine {
  unitCost: number | null;
}

export interface Contract extends Omit<ContractHeader, 'number'> {
  id: string;
  number: string;
  contactName: string;
  salesOrderNumber: string | null;
  projectName: string | null;
  endDate: string | null;
  renewalDate: string | null;
  status: ContractStatus;
  subTotal: number;
  totalTax: number;
  total: number;
  lines: ContractLine[];
}

export interface ContractSummary {
  id: string;
  number: string;
  title: string;
  contactId: string;
  contactName: string;
  issueDate: string;
  endDate: string | null;
  renewalDate: string | null;
  billingFrequency: BillingFrequency;
  reference: string | null;
  currency: string;
  status: ContractStatus;
  subTotal: number;
  total: number;
}
