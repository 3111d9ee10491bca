/**
 * Pure: a contract → a Xero repeating invoice (ACCREC template), as a function of (contract, lines,
 * contact, defaults) only. The Schedule comes from the contract: its billing frequency as Period/Unit
 * (weekly 1 WEEKLY … annually 12 MONTHLY, given by the caller), StartDate = the first invoice date (or
 * a later one when a template replaces another mid-term), EndDate = the term's end (none when
 * open-ended), DueDate/DueDateType = the contract's payment terms. Reference = the contract number.
 * Status: the organisation's default invoice status; a repeating invoice is DRAFT or AUTHORISED only,
 * so "awaiting approval" (SUBMITTED) makes a DRAFT template. Lines: the shared line mapper.
 */
import { createHash } from 'node:crypto';
import { ObjectSerializer, type RepeatingInvoice } from 'xero-node';
import type { XeroPaymentTermsType } from './contact-for-xero.js';
import { lineItemFingerprint, mapLineItems, type DocumentLineForXero, type LineMappingContext, type XeroLineAmountTypes } from './line-items.js';

export interface ContractForXero {
  number: string;
  /** Xero's Schedule for the billing frequency: Period and Unit. */
  schedule: { period: number; unit: 'WEEKLY' | 'MONTHLY' };
  firstInvoiceDate: string;
  /** The term's last day; null: open-ended. */
  endDate: string | null;
  paymentTerms: { days: number; type: XeroPaymentTermsType };
  currency: string;
  lineAmountTypes: XeroLineAmountTypes;
  lines: DocumentLineForXero[];
}

export interface RepeatingInvoiceDefaultsForXero {
  /** The organisation's default invoice status. */
  status: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED';
  brandingThemeId: string | null;
  lines: Omit<LineMappingContext, 'side' | 'lineAmountTypes'>;
}

export interface RepeatingInvoicePayload {
  repeatingInvoice: RepeatingInvoice;
  /** Fingerprint of what the contract asks of Xero (a replacement's later StartDate left out): equal → nothing to send. */
  fingerprint: string;
}

export const repeatingInvoiceStatus = (status: RepeatingInvoiceDefaultsForXero['status']): 'DRAFT' | 'AUTHORISED' =>
  status === 'AUTHORISED' ? 'AUTHORISED' : 'DRAFT';

export function repeatingInvoicePayload(
  contract: ContractForXero,
  contactId: string,
  defaults: RepeatingInvoiceDefaultsForXero,
  options: { startDate?: string } = {},
): RepeatingInvoicePayload {
  const ctx: LineMappingContext = { ...defaults.lines, side: 'sales', lineAmountTypes: contract.lineAmountTypes };
  const lineItems = mapLineItems(contract.lines, ctx);
  const schedule = (startDate: string) => ({
    period: contract.schedule.period,
    unit: contract.schedule.unit,
    dueDate: contract.paymentTerms.days,
    dueDateType: contract.paymentTerms.type,
    startDate,
    ...(contract.endDate ? { endDate: contract.endDate } : {}),
  });
  const header = (startDate: string) => ({
    type: 'ACCREC',
    contact: { contactID: contactId },
    schedule: schedule(startDate),
    lineAmountTypes: contract.lineAmountTypes,
    reference: contract.number,
    currencyCode: contract.currency,
    ...(defaults.brandingThemeId ? { brandingThemeID: defaults.brandingThemeId } : {}),
    status: repeatingInvoiceStatus(defaults.status),
  });
  // xero-node's enums are string-valued at run time; the serializer writes them as Xero's text.
  const repeatingInvoice = { ...header(options.startDate ?? contract.firstInvoiceDate), lineItems } as unknown as RepeatingInvoice;
  const canonical = JSON.stringify([
    repeatingInvoiceToWire(header(contract.firstInvoiceDate) as unknown as RepeatingInvoice),
    lineItems.map(lineItemFingerprint),
  ]);
  return { repeatingInvoice, fingerprint: `xr1:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}` };
}

/** The JSON xero-node puts on the wire for a repeating invoice (PascalCase), for tests and logs. */
export function repeatingInvoiceToWire(repeatingInvoice: RepeatingInvoice): Record<string, unknown> {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(repeatingInvoice, 'RepeatingInvoice'))) as Record<string, unknown>;
}
