/**
 * Invoices (ACCREC sales, ACCPAY bills): creation and update with Xero's status rules, auto numbers,
 * contact linking and server-side totals.
 */
import { randomUUID } from 'node:crypto';
import { reject } from './batch.js';
import { ARCHIVED_CONTACT, contactSummary, markContactRole, resolveDocumentContact } from './contacts-service.js';
import { applyLines, lineAmountTypes, nextDocumentNumber, resolveHeader, stripReadOnly, today } from './documents.js';
import type { ChangeEvent } from './http.js';
import { buildLines, loadLookups, type LedgerLookups } from './line-items.js';
import type { TenantStore } from './store.js';
import { round2 } from './totals.js';
import { addHistory, money, statusChange, SYSTEM_USER } from './history.js';
import { isJsonObject, type JsonObject } from './types.js';
import { msToIso } from './wire.js';

const READ_ONLY = [
  'SubTotal',
  'TotalTax',
  'Total',
  'TotalDiscount',
  'HasAttachments',
  'IsDiscounted',
  'Payments',
  'Prepayments',
  'Overpayments',
  'AmountDue',
  'AmountPaid',
  'AmountCredited',
  'CreditNotes',
  'Attachments',
  'HasErrors',
  'StatusAttributeString',
  'ValidationErrors',
  'Warnings',
  'InvoiceAddresses',
  'CISDeduction',
  'CISRate',
  'RepeatingInvoiceID',
];

export const PAYMENT_LOCK = 'This document cannot be edited as it has a payment or credit note allocated to it.';
export const DATE_LOCK = 'Date cannot be changed on an invoice that has payment or credit notes allocated to it.';
export const SENT_ONLY_APPROVED = 'Only approved invoices can be marked as sent to the contact.';
const CREATABLE = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];
const ALLOWED: Record<string, string[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: [],
  DELETED: [],
};

export interface InvoiceContext {
  nowMs: number;
  baseCurrency: string;
  events: ChangeEvent[];
  unitDp?: 2 | 4;
  lookups?: LedgerLookups;
  /** POST may update a sales invoice found by its InvoiceNumber; PUT only creates. */
  matchByNumber?: boolean;
  /** Set when a repeating invoice generates this invoice. */
  repeatingInvoiceId?: string;
}

async function findExisting(store: TenantStore, input: JsonObject, matchByNumber: boolean): Promise<JsonObject | undefined> {
  const id = input['InvoiceID'];
  if (typeof id === 'string' && id !== '') {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await store.get('Invoices', id) : undefined;
    if (!found) reject(`Invoice with InvoiceID ${id} could not be found.`);
    return found.data;
  }
  const number = input['InvoiceNumber'];
  if (matchByNumber && typeof number === 'string' && number.trim() !== '') {
    const found = await store.findByNumber('Invoices', number.trim());
    if (found && found.data['Type'] === 'ACCREC' && found.status !== 'DELETED') return found.data;
  }
  return undefined;
}

/** Payments and credit notes allocated to it lock an invoice's lines, date and status. */
export function hasAllocations(invoice: JsonObject): boolean {
  return Number(invoice['AmountPaid'] ?? 0) > 0 || Number(invoice['AmountCredited'] ?? 0) > 0;
}

function checkTransition(existing: JsonObject | undefined, status: string, linesChanged: boolean): void {
  if (!existing) {
    if (!CREATABLE.includes(status)) reject('Invoice not of valid status for creation');
    return;
  }
  const from = String(existing['Status']);
  const paid = hasAllocations(existing);
  if (paid && (status === 'VOIDED' || status === 'DELETED' || linesChanged)) reject(PAYMENT_LOCK);
  if (from !== status && !(ALLOWED[from] ?? []).includes(status)) reject('Invoice not of valid status for modification');
  if (from === status && (from === 'VOIDED' || from === 'DELETED')) reject('Invoice not of valid status for modification');
}

export async function saveInvoice(store: TenantStore, raw: JsonObject, ctx: InvoiceContext): Promise<JsonObject> {
  const input = stripReadOnly(raw, READ_ONLY);
  const existing = await findExisting(store, input, ctx.matchByNumber === true);
  const type = String(input['Type'] ?? existing?.['Type'] ?? '');
  if (type !== 'ACCREC' && type !== 'ACCPAY')
    reject(type === '' ? 'Invoice Type must be specified' : `Invoice type ${type} is not supported by this endpoint.`);
  if (existing && existing['Type'] !== type) reject('The invoice Type cannot be changed.');
  const status = String(input['Status'] ?? existing?.['Status'] ?? 'DRAFT');
  checkTransition(existing, status, input['LineItems'] !== undefined);
  if (existing && hasAllocations(existing) && input['Date'] !== undefined && input['Date'] !== existing['Date']) reject(DATE_LOCK);

  const errors: string[] = [];
  const doc: JsonObject = {
    ...(existing ?? { InvoiceID: randomUUID(), AmountPaid: 0, AmountCredited: 0, Payments: [], HasAttachments: false }),
    ...input,
    Type: type,
    Status: status,
  };
  const contact =
    input['Contact'] !== undefined || !existing
      ? await resolveDocumentContact(store, isJsonObject(input['Contact']) ? input['Contact'] : undefined, ctx.nowMs, ctx.events, true)
      : undefined;
  if (contact) {
    const changed = !existing || !isJsonObject(existing['Contact']) || existing['Contact']['ContactID'] !== contact['ContactID'];
    if (changed && contact['ContactStatus'] === 'ARCHIVED') reject(ARCHIVED_CONTACT);
    doc['Contact'] = contactSummary(contact);
  }
  doc['Date'] = input['Date'] ?? existing?.['Date'] ?? today(ctx.nowMs);
  const amountTypes = lineAmountTypes(input['LineAmountTypes'], existing?.['LineAmountTypes']);
  doc['LineAmountTypes'] = amountTypes;
  const lookups = ctx.lookups ?? (await loadLookups(store));
  await resolveHeader(doc, { store, baseCurrency: ctx.baseCurrency, lookups }, errors);
  const built = buildLines(input['LineItems'], existing?.['LineItems'], {
    lookups,
    side: type === 'ACCREC' ? 'sales' : 'purchases',
    amountTypes,
    unitDp: ctx.unitDp ?? 2,
    requireAccount: status !== 'DRAFT' && status !== 'DELETED' && status !== 'VOIDED',
    noDiscounts: type === 'ACCPAY',
  });
  errors.push(...built.errors);
  applyLines(doc, built);
  doc['IsDiscounted'] = built.lines.some((l) => Number(l['DiscountRate'] ?? 0) > 0);

  // Approved invoices need a due date (the sandbox's organisations have no default payment terms).
  if (status === 'AUTHORISED' && !doc['DueDate']) errors.push('The document DueDate field must be specified.');
  if (input['SentToContact'] === true && !['AUTHORISED', 'PAID'].includes(status)) errors.push(SENT_ONLY_APPROVED);
  if (type === 'ACCREC') {
    const number = typeof input['InvoiceNumber'] === 'string' && input['InvoiceNumber'].trim() !== '' ? input['InvoiceNumber'].trim() : undefined;
    if (number) {
      const clash = await store.findByNumber('Invoices', number);
      if (clash && clash.id !== String(doc['InvoiceID']) && clash.status !== 'DELETED' && clash.data['Type'] === 'ACCREC')
        errors.push('Invoice # must be unique.');
      doc['InvoiceNumber'] = number;
    } else if (!existing?.['InvoiceNumber'] && errors.length === 0) {
      doc['InvoiceNumber'] = await nextDocumentNumber(store, 'Invoices', 'INV');
    }
  }
  if (errors.length > 0) reject(...errors);

  const amountPaid = Number(doc['AmountPaid'] ?? 0);
  doc['AmountDue'] = status === 'VOIDED' || status === 'DELETED' ? 0 : round2(Number(doc['Total']) - amountPaid - Number(doc['AmountCredited'] ?? 0));
  if (ctx.repeatingInvoiceId) doc['RepeatingInvoiceID'] = ctx.repeatingInvoiceId;
  doc['UpdatedDateUTC'] = msToIso(ctx.nowMs);
  const id = String(doc['InvoiceID']);
  const meta = { number: typeof doc['InvoiceNumber'] === 'string' ? doc['InvoiceNumber'] : null, status, updatedAt: ctx.nowMs };
  if (existing) await store.update('Invoices', id, doc, meta);
  else await store.insert('Invoices', id, doc, meta);
  if (contact) await markContactRole(store, contact, type === 'ACCREC' ? 'IsCustomer' : 'IsSupplier');
  const who = isJsonObject(doc['Contact']) ? String(doc['Contact']['Name'] ?? '') : '';
  const what = `${String(doc['InvoiceNumber'] ?? (type === 'ACCPAY' ? 'Bill' : 'Invoice'))} ${type === 'ACCPAY' ? 'from' : 'to'} ${who} for ${money(doc['Total'])}.`;
  await addHistory(store, 'Invoices', id, statusChange(existing ? String(existing['Status']) : undefined, status), what, SYSTEM_USER, ctx.nowMs);
  ctx.events.push({ category: 'INVOICE', type: existing ? 'UPDATE' : 'CREATE', resourceId: id, atMs: ctx.nowMs });
  return doc;
}
