/**
 * Stored documents (Xero's PascalCase JSON) → plain view-models for the accountant pages. Pure: the
 * pages never read a record's JSON themselves.
 */
import { isJsonObject, type Json, type JsonObject } from '../types.js';

const text = (v: Json | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const amount = (v: Json | undefined): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
const objects = (v: Json | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

/** Xero's words for invoice statuses, as its web app shows them. */
export const INVOICE_STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Awaiting approval',
  AUTHORISED: 'Awaiting payment',
  PAID: 'Paid',
  VOIDED: 'Voided',
  DELETED: 'Deleted',
};

export const PURCHASE_ORDER_STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Awaiting approval',
  AUTHORISED: 'Approved',
  BILLED: 'Billed',
  DELETED: 'Deleted',
};

export interface LineView {
  description: string;
  itemCode: string;
  quantity: number;
  unitAmount: number;
  discountRate: number | undefined;
  accountCode: string;
  taxType: string;
  taxAmount: number;
  lineAmount: number;
}

export interface ContactRef {
  id: string;
  name: string;
}

export interface InvoiceRow {
  id: string;
  type: 'ACCREC' | 'ACCPAY';
  typeLabel: string;
  number: string;
  contact: ContactRef;
  reference: string;
  date: string;
  dueDate: string;
  currency: string;
  total: number;
  paid: number;
  credited: number;
  due: number;
  status: string;
  statusLabel: string;
}

export interface PaymentView {
  id: string;
  date: string;
  amount: number;
  reference: string;
}

export interface CreditView {
  id: string;
  number: string;
  date: string;
  amount: number;
}

export interface InvoiceDetail extends InvoiceRow {
  lineAmountTypes: string;
  lines: LineView[];
  subTotal: number;
  totalTax: number;
  payments: PaymentView[];
  credits: CreditView[];
  repeatingInvoiceId: string;
  fullyPaidOn: string;
  /** Which of Xero's actions apply in this state (the services decide; this only shows buttons). */
  can: { approve: boolean; delete: boolean; void: boolean; pay: boolean; credit: boolean };
}

function contactOf(doc: JsonObject): ContactRef {
  const c = isJsonObject(doc['Contact']) ? doc['Contact'] : {};
  return { id: text(c['ContactID']), name: text(c['Name']) };
}

export function toInvoiceRow(doc: JsonObject): InvoiceRow {
  const status = text(doc['Status']);
  const type = doc['Type'] === 'ACCPAY' ? 'ACCPAY' : 'ACCREC';
  return {
    id: text(doc['InvoiceID']),
    type,
    typeLabel: type === 'ACCPAY' ? 'Bill' : 'Sales invoice',
    number: text(doc['InvoiceNumber']),
    contact: contactOf(doc),
    reference: text(doc['Reference']),
    date: text(doc['Date']),
    dueDate: text(doc['DueDate']),
    currency: text(doc['CurrencyCode']),
    total: amount(doc['Total']),
    paid: amount(doc['AmountPaid']),
    credited: amount(doc['AmountCredited']),
    due: amount(doc['AmountDue']),
    status,
    statusLabel: INVOICE_STATUS_LABELS[status] ?? status,
  };
}

export function toLines(doc: JsonObject): LineView[] {
  return objects(doc['LineItems']).map((l) => ({
    description: text(l['Description']),
    itemCode: text(l['ItemCode']),
    quantity: amount(l['Quantity']),
    unitAmount: amount(l['UnitAmount']),
    discountRate: typeof l['DiscountRate'] === 'number' && l['DiscountRate'] > 0 ? l['DiscountRate'] : undefined,
    accountCode: text(l['AccountCode']),
    taxType: text(l['TaxType']),
    taxAmount: amount(l['TaxAmount']),
    lineAmount: amount(l['LineAmount']),
  }));
}

export function toInvoiceDetail(doc: JsonObject): InvoiceDetail {
  const row = toInvoiceRow(doc);
  const open = row.status === 'DRAFT' || row.status === 'SUBMITTED';
  return {
    ...row,
    lineAmountTypes: text(doc['LineAmountTypes']),
    lines: toLines(doc),
    subTotal: amount(doc['SubTotal']),
    totalTax: amount(doc['TotalTax']),
    payments: objects(doc['Payments']).map((p) => ({
      id: text(p['PaymentID']),
      date: text(p['Date']),
      amount: amount(p['Amount']),
      reference: text(p['Reference']),
    })),
    credits: objects(doc['CreditNotes']).map((c) => ({
      id: text(c['CreditNoteID']),
      number: text(c['CreditNoteNumber']),
      date: text(c['Date']),
      amount: amount(c['AppliedAmount'] ?? c['Total']),
    })),
    repeatingInvoiceId: text(doc['RepeatingInvoiceID']),
    fullyPaidOn: text(doc['FullyPaidOnDate']),
    can: {
      approve: open,
      delete: open,
      void: row.status === 'AUTHORISED' && row.paid === 0 && row.credited === 0,
      pay: row.status === 'AUTHORISED',
      credit: row.status === 'AUTHORISED',
    },
  };
}

export interface PurchaseOrderRow {
  id: string;
  number: string;
  contact: ContactRef;
  reference: string;
  date: string;
  deliveryDate: string;
  currency: string;
  total: number;
  status: string;
  statusLabel: string;
}

export interface PurchaseOrderDetail extends PurchaseOrderRow {
  lineAmountTypes: string;
  lines: LineView[];
  subTotal: number;
  totalTax: number;
  deliveryAddress: string;
  attentionTo: string;
  can: { approve: boolean; bill: boolean; delete: boolean };
}

export function toPurchaseOrderRow(doc: JsonObject): PurchaseOrderRow {
  const status = text(doc['Status']);
  return {
    id: text(doc['PurchaseOrderID']),
    number: text(doc['PurchaseOrderNumber']),
    contact: contactOf(doc),
    reference: text(doc['Reference']),
    date: text(doc['Date']),
    deliveryDate: text(doc['DeliveryDate']),
    currency: text(doc['CurrencyCode']),
    total: amount(doc['Total']),
    status,
    statusLabel: PURCHASE_ORDER_STATUS_LABELS[status] ?? status,
  };
}

export function toPurchaseOrderDetail(doc: JsonObject): PurchaseOrderDetail {
  const row = toPurchaseOrderRow(doc);
  return {
    ...row,
    lineAmountTypes: text(doc['LineAmountTypes']),
    lines: toLines(doc),
    subTotal: amount(doc['SubTotal']),
    totalTax: amount(doc['TotalTax']),
    deliveryAddress: text(doc['DeliveryAddress']),
    attentionTo: text(doc['AttentionTo']),
    can: {
      approve: row.status === 'DRAFT' || row.status === 'SUBMITTED',
      bill: row.status === 'AUTHORISED',
      delete: row.status === 'DRAFT' || row.status === 'SUBMITTED' || row.status === 'AUTHORISED',
    },
  };
}

export interface RepeatingInvoiceRow {
  id: string;
  type: 'ACCREC' | 'ACCPAY';
  contact: ContactRef;
  reference: string;
  schedule: string;
  nextDate: string;
  endDate: string;
  currency: string;
  total: number;
  status: string;
}

export interface RepeatingInvoiceDetail extends RepeatingInvoiceRow {
  startDate: string;
  dueTerms: string;
  lineAmountTypes: string;
  lines: LineView[];
  subTotal: number;
  totalTax: number;
  /** Generated invoices are saved as drafts or approved, like the template. */
  saveAs: string;
}

const DUE_TERMS: Record<string, (n: number) => string> = {
  DAYSAFTERBILLDATE: (n) => `${n} day(s) after the invoice date`,
  DAYSAFTERBILLMONTH: (n) => `${n} day(s) after the end of the invoice month`,
  OFCURRENTMONTH: (n) => `on day ${n} of the invoice month`,
  OFFOLLOWINGMONTH: (n) => `on day ${n} of the following month`,
};

export function scheduleText(schedule: JsonObject): string {
  const period = amount(schedule['Period']) || 1;
  const unit = schedule['Unit'] === 'WEEKLY' ? 'week' : 'month';
  return period === 1 ? `Every ${unit}` : `Every ${period} ${unit}s`;
}

export function toRepeatingInvoiceRow(doc: JsonObject): RepeatingInvoiceRow {
  const schedule = isJsonObject(doc['Schedule']) ? doc['Schedule'] : {};
  return {
    id: text(doc['RepeatingInvoiceID']),
    type: doc['Type'] === 'ACCPAY' ? 'ACCPAY' : 'ACCREC',
    contact: contactOf(doc),
    reference: text(doc['Reference']),
    schedule: scheduleText(schedule),
    nextDate: text(schedule['NextScheduledDate']),
    endDate: text(schedule['EndDate']),
    currency: text(doc['CurrencyCode']),
    total: amount(doc['Total']),
    status: text(doc['Status']),
  };
}

export function toRepeatingInvoiceDetail(doc: JsonObject): RepeatingInvoiceDetail {
  const schedule = isJsonObject(doc['Schedule']) ? doc['Schedule'] : {};
  const dueType = text(schedule['DueDateType']);
  const due = amount(schedule['DueDate']);
  return {
    ...toRepeatingInvoiceRow(doc),
    startDate: text(schedule['StartDate']),
    dueTerms: (DUE_TERMS[dueType] ?? ((n: number) => `${n} (${dueType})`))(due),
    lineAmountTypes: text(doc['LineAmountTypes']),
    lines: toLines(doc),
    subTotal: amount(doc['SubTotal']),
    totalTax: amount(doc['TotalTax']),
    saveAs: doc['Status'] === 'AUTHORISED' ? 'Approved' : 'Draft',
  };
}

export interface ContactRow {
  id: string;
  name: string;
  email: string;
  status: string;
  roles: string;
}

export interface ContactDetail extends ContactRow {
  firstName: string;
  lastName: string;
  contactNumber: string;
  accountNumber: string;
  phone: string;
  city: string;
  updated: string;
}

export function toContactRow(doc: JsonObject): ContactRow {
  const roles = [doc['IsCustomer'] === true ? 'Customer' : '', doc['IsSupplier'] === true ? 'Supplier' : ''].filter((r) => r !== '');
  return { id: text(doc['ContactID']), name: text(doc['Name']), email: text(doc['EmailAddress']), status: text(doc['ContactStatus']), roles: roles.join(', ') };
}

export function toContactDetail(doc: JsonObject): ContactDetail {
  const phone = objects(doc['Phones']).find((p) => p['PhoneType'] === 'DEFAULT');
  const address = objects(doc['Addresses']).find((a) => text(a['City']) !== '');
  return {
    ...toContactRow(doc),
    firstName: text(doc['FirstName']),
    lastName: text(doc['LastName']),
    contactNumber: text(doc['ContactNumber']),
    accountNumber: text(doc['AccountNumber']),
    phone: [phone?.['PhoneAreaCode'], phone?.['PhoneNumber']]
      .map((v) => text(v))
      .filter((v) => v !== '')
      .join(' '),
    city: text(address?.['City']),
    updated: text(doc['UpdatedDateUTC']),
  };
}

export interface QuoteDetail {
  number: string;
  status: string;
  contact: ContactRef;
  date: string;
  expiryDate: string;
  currency: string;
  lineAmountTypes: string;
  lines: LineView[];
  subTotal: number;
  totalTax: number;
  total: number;
}

export function toQuoteDetail(doc: JsonObject): QuoteDetail {
  const upper = text(doc['LineAmountTypes']).toUpperCase();
  return {
    number: text(doc['QuoteNumber']),
    status: text(doc['Status']),
    contact: contactOf(doc),
    date: text(doc['Date']),
    expiryDate: text(doc['ExpiryDate']),
    currency: text(doc['CurrencyCode']),
    lineAmountTypes: upper === 'INCLUSIVE' ? 'Inclusive' : upper === 'NOTAX' ? 'NoTax' : 'Exclusive',
    lines: toLines(doc),
    subTotal: amount(doc['SubTotal']),
    totalTax: amount(doc['TotalTax']),
    total: amount(doc['Total']),
  };
}

export const CREDIT_NOTE_STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Awaiting approval',
  AUTHORISED: 'Awaiting payment',
  PAID: 'Paid',
  VOIDED: 'Voided',
  DELETED: 'Deleted',
};

export interface CreditNoteDetail {
  id: string;
  type: 'ACCRECCREDIT' | 'ACCPAYCREDIT';
  typeLabel: string;
  number: string;
  contact: ContactRef;
  reference: string;
  date: string;
  currency: string;
  status: string;
  statusLabel: string;
  lineAmountTypes: string;
  lines: LineView[];
  subTotal: number;
  totalTax: number;
  total: number;
  remainingCredit: number;
  allocations: { date: string; amount: number; invoiceId: string; invoiceNumber: string }[];
}

export function toCreditNoteDetail(doc: JsonObject): CreditNoteDetail {
  const status = text(doc['Status']);
  const type = doc['Type'] === 'ACCPAYCREDIT' ? 'ACCPAYCREDIT' : 'ACCRECCREDIT';
  return {
    id: text(doc['CreditNoteID']),
    type,
    typeLabel: type === 'ACCPAYCREDIT' ? 'Bill credit note' : 'Credit note',
    number: text(doc['CreditNoteNumber']),
    contact: contactOf(doc),
    reference: text(doc['Reference']),
    date: text(doc['Date']),
    currency: text(doc['CurrencyCode']),
    status,
    statusLabel: status === 'PAID' ? 'Fully applied' : (CREDIT_NOTE_STATUS_LABELS[status] ?? status),
    lineAmountTypes: text(doc['LineAmountTypes']),
    lines: toLines(doc),
    subTotal: amount(doc['SubTotal']),
    totalTax: amount(doc['TotalTax']),
    total: amount(doc['Total']),
    remainingCredit: amount(doc['RemainingCredit']),
    allocations: objects(doc['Allocations']).map((a) => {
      const inv = isJsonObject(a['Invoice']) ? a['Invoice'] : {};
      return { date: text(a['Date']), amount: amount(a['Amount']), invoiceId: text(inv['InvoiceID']), invoiceNumber: text(inv['InvoiceNumber']) };
    }),
  };
}
