/**
 * Pure: a sales order → a Xero sales invoice (ACCREC), as a function of (order, lines, contact,
 * defaults) only, so a bulk sender can build many at once. No CurrencyRate is ever sent (Xero takes its
 * own rate for the day). Status only on a create (an update leaves Xero's status alone); InvoiceNumber
 * only when the organisation numbers invoices with the order's number (else Xero's own sequence).
 */
import { createHash } from 'node:crypto';
import { ObjectSerializer, type Invoice } from 'xero-node';
import { invoiceDueDate, type DueDateRuleSetting, type PaymentTermsSetting } from './invoice-due-date.js';
import { lineItemFingerprint, mapLineItems, type DocumentLineForXero, type LineMappingContext, type XeroLineAmountTypes } from './line-items.js';

export interface SalesOrderForXero {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  lineAmountTypes: XeroLineAmountTypes;
  /** The customer's reference (the order's Reference field), if any. */
  reference: string | null;
  /** The order's page in Ledgerside (absolute URL): Xero shows it as a link back. */
  url: string;
  lines: DocumentLineForXero[];
}

export interface InvoiceContactForXero {
  /** Xero's ContactID (after ensureContact). */
  contactId: string;
  paymentTerms: PaymentTermsSetting | null;
}

export interface InvoiceDefaultsForXero {
  status: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED';
  brandingThemeId: string | null;
  dueDate: DueDateRuleSetting;
  invoiceNumbering: 'xero' | 'sales_order';
  /** Everything the lines need but the ledger side and amount types (taken from the order). */
  lines: Omit<LineMappingContext, 'side' | 'lineAmountTypes'>;
}

/** Xero's Reference: the order number, then the customer's reference when there is one ("SO-0001 / PO 4471"). */
export function invoiceReference(orderNumber: string, customerReference: string | null): string {
  const extra = customerReference?.trim();
  return extra && extra !== orderNumber ? `${orderNumber} / ${extra}` : orderNumber;
}

/** The order number an invoice's Reference starts with (the webhook's fallback when no InvoiceID is stored). */
export const orderNumberOfReference = (reference: string | null | undefined): string | null => reference?.split(' / ')[0]?.trim() || null;

export interface InvoicePayload {
  invoice: Invoice;
  /** Fingerprint of what Xero keeps (lines without ids, header without status): equal → nothing to send. */
  fingerprint: string;
}

/**
 * The invoice for an order. `update`: the stored InvoiceID and the LineItemID per line (from
 * `matchLineItemIds`); without it, a create with the organisation's default status.
 */
export function salesInvoicePayload(
  order: SalesOrderForXero,
  contact: InvoiceContactForXero,
  defaults: InvoiceDefaultsForXero,
  update?: { invoiceId: string; lineItemIds: ReadonlyArray<string | null> },
): InvoicePayload {
  const ctx: LineMappingContext = { ...defaults.lines, side: 'sales', lineAmountTypes: order.lineAmountTypes };
  const lineItems = mapLineItems(order.lines, ctx, update?.lineItemIds ?? []);
  const header = {
    type: 'ACCREC',
    contact: { contactID: contact.contactId },
    date: order.issueDate,
    dueDate: invoiceDueDate({ invoiceDate: order.issueDate, documentDueDate: order.dueDate, contactTerms: contact.paymentTerms, rule: defaults.dueDate }),
    lineAmountTypes: order.lineAmountTypes,
    reference: invoiceReference(order.number, order.reference),
    currencyCode: order.currency,
    url: order.url,
    ...(defaults.brandingThemeId ? { brandingThemeID: defaults.brandingThemeId } : {}),
    ...(defaults.invoiceNumbering === 'sales_order' ? { invoiceNumber: order.number } : {}),
  };
  // xero-node's enums are string-valued at run time; the serializer writes them as Xero's text.
  const invoice = {
    ...(update ? { invoiceID: update.invoiceId } : {}),
    ...header,
    lineItems,
    ...(update ? {} : { status: defaults.status }),
  } as unknown as Invoice;
  const canonical = JSON.stringify([invoiceToWire({ ...header } as unknown as Invoice), lineItems.map(lineItemFingerprint)]);
  return { invoice, fingerprint: `xi1:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}` };
}

/** The JSON xero-node puts on the wire for an invoice (PascalCase), for tests and logs. */
export function invoiceToWire(invoice: Invoice): Record<string, unknown> {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(invoice, 'Invoice'))) as Record<string, unknown>;
}
