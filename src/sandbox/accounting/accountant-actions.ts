/**
 * What Xero's own users do in Xero's web app (the sandbox's accountant pages): approve, pay, void and
 * delete invoices; add and allocate credit notes; approve, bill and delete purchase orders; archive and
 * edit contacts. Each action goes
 * through the same service the API uses, so it follows exactly the API's rules, writes the same
 * history and announces the same webhook events (a payment sends INVOICE UPDATE). Run each inside
 * `store.transaction`: a refused action (ElementRejected) leaves nothing behind.
 */
import { reject } from './batch.js';
import { allocateCreditNote, creditNoteForInvoice } from './credit-notes-service.js';
import { saveContact } from './contacts-service.js';
import { today } from './documents.js';
import type { ChangeEvent } from './http.js';
import { saveInvoice } from './invoices-service.js';
import { createPayment, deletePayment } from './payments-service.js';
import { PURCHASE_ORDERS, saveSimpleDocument } from './simple-documents.js';
import type { TenantStore } from './store.js';
import { roundTo } from './totals.js';
import { isJsonObject, type JsonObject } from './types.js';

export const COPY_NEEDS_APPROVAL = 'Only an approved purchase order can be copied to a bill.';

export interface ActionContext {
  nowMs: number;
  baseCurrency: string;
  /** Filled with the webhook events to publish once the action has committed. */
  events: ChangeEvent[];
}

export interface PaymentInput {
  /** `YYYY-MM-DD`. */
  date: string;
  amount: number;
  /** The bank (or payments-enabled) account's code. */
  accountCode: string;
  reference: string;
}

// Stored unit amounts are kept as they are (the API's default would round them to 2 dp).
const invoiceCtx = (ctx: ActionContext) => ({ ...ctx, unitDp: 4 as const });

export async function approveInvoice(store: TenantStore, invoiceId: string, ctx: ActionContext): Promise<JsonObject> {
  return saveInvoice(store, { InvoiceID: invoiceId, Status: 'AUTHORISED' }, invoiceCtx(ctx));
}

export async function voidInvoice(store: TenantStore, invoiceId: string, ctx: ActionContext): Promise<JsonObject> {
  return saveInvoice(store, { InvoiceID: invoiceId, Status: 'VOIDED' }, invoiceCtx(ctx));
}

/** Only drafts (and invoices awaiting approval) can be deleted; the service refuses the rest. */
export async function deleteInvoice(store: TenantStore, invoiceId: string, ctx: ActionContext): Promise<JsonObject> {
  return saveInvoice(store, { InvoiceID: invoiceId, Status: 'DELETED' }, invoiceCtx(ctx));
}

export async function recordInvoicePayment(store: TenantStore, invoiceId: string, input: PaymentInput, ctx: ActionContext): Promise<JsonObject> {
  return createPayment(
    store,
    {
      Invoice: { InvoiceID: invoiceId },
      Account: { Code: input.accountCode },
      Amount: input.amount,
      Date: `${input.date}T00:00:00`,
      Reference: input.reference,
    },
    ctx,
  );
}

/** Removes one of this invoice's payments (a payment of another invoice is refused). */
export async function removeInvoicePayment(store: TenantStore, invoiceId: string, paymentId: string, ctx: ActionContext): Promise<JsonObject> {
  const payment = /^[0-9a-f-]{36}$/i.test(paymentId) ? await store.get('Payments', paymentId) : undefined;
  const paidInvoice = isJsonObject(payment?.data['Invoice']) ? String(payment.data['Invoice']['InvoiceID']).toLowerCase() : undefined;
  if (!payment || paidInvoice !== invoiceId.toLowerCase()) reject('This payment is not on this invoice.');
  return deletePayment(store, payment.id, { Status: 'DELETED' }, ctx);
}

const poCtx = (ctx: ActionContext) => ({ ...ctx, unitDp: 4 as const });

export async function approvePurchaseOrder(store: TenantStore, purchaseOrderId: string, ctx: ActionContext): Promise<JsonObject> {
  return saveSimpleDocument(PURCHASE_ORDERS, store, { PurchaseOrderID: purchaseOrderId, Status: 'AUTHORISED' }, poCtx(ctx));
}

export async function deletePurchaseOrder(store: TenantStore, purchaseOrderId: string, ctx: ActionContext): Promise<JsonObject> {
  return saveSimpleDocument(PURCHASE_ORDERS, store, { PurchaseOrderID: purchaseOrderId, Status: 'DELETED' }, poCtx(ctx));
}

/** Xero's "Mark as billed": the approved order is closed without a bill. */
export async function markPurchaseOrderBilled(store: TenantStore, purchaseOrderId: string, ctx: ActionContext): Promise<JsonObject> {
  return saveSimpleDocument(PURCHASE_ORDERS, store, { PurchaseOrderID: purchaseOrderId, Status: 'BILLED' }, poCtx(ctx));
}

const LINE_FIELDS = ['Description', 'Quantity', 'UnitAmount', 'ItemCode', 'AccountCode', 'TaxType', 'Tracking'];

/** A PO line as a bill line: bills take no discounts (Xero's spec), so a discounted unit price is folded in. */
function billLine(line: JsonObject): JsonObject {
  const out = Object.fromEntries(Object.entries(line).filter(([k]) => LINE_FIELDS.includes(k)));
  const rate = line['DiscountRate'];
  if (typeof rate === 'number' && rate !== 0) out['UnitAmount'] = roundTo(Number(out['UnitAmount'] ?? 0) * (1 - rate / 100), 4);
  return out;
}

/**
 * Xero's "Copy to bill" on an approved purchase order: a draft bill (ACCPAY) to the same supplier
 * with the order's lines, currency and amount types, its reference the order's number; the order
 * becomes BILLED.
 */
export async function copyPurchaseOrderToBill(
  store: TenantStore,
  purchaseOrderId: string,
  ctx: ActionContext,
): Promise<{ bill: JsonObject; purchaseOrder: JsonObject }> {
  const found = /^[0-9a-f-]{36}$/i.test(purchaseOrderId) ? await store.get('PurchaseOrders', purchaseOrderId) : undefined;
  if (!found) reject(`Purchase Order ${purchaseOrderId} could not be found.`);
  const po = found.data;
  if (po['Status'] !== 'AUTHORISED') reject(COPY_NEEDS_APPROVAL);
  const lines = (Array.isArray(po['LineItems']) ? po['LineItems'] : []).filter(isJsonObject).map(billLine);
  const contactId = isJsonObject(po['Contact']) ? String(po['Contact']['ContactID']) : '';
  const bill = await saveInvoice(
    store,
    {
      Type: 'ACCPAY',
      Status: 'DRAFT',
      Contact: { ContactID: contactId },
      Date: today(ctx.nowMs),
      LineItems: lines,
      LineAmountTypes: String(po['LineAmountTypes'] ?? 'Exclusive'),
      CurrencyCode: String(po['CurrencyCode'] ?? ctx.baseCurrency),
      Reference: String(po['PurchaseOrderNumber'] ?? ''),
    },
    invoiceCtx(ctx),
  );
  const purchaseOrder = await markPurchaseOrderBilled(store, found.id, ctx);
  return { bill, purchaseOrder };
}

/**
 * "Add credit note" on an invoice: a credit note for its contact with its lines (or one line of
 * `amount`), approved and allocated to the invoice for what it can cover (CREDITNOTE and INVOICE events).
 */
export async function addCreditNote(
  store: TenantStore,
  invoiceId: string,
  input: { date?: string; amount?: number },
  ctx: ActionContext,
): Promise<{ creditNote: JsonObject; allocation?: JsonObject }> {
  return creditNoteForInvoice(store, invoiceId, {
    ...ctx,
    ...(input.date ? { date: `${input.date}T00:00:00` } : {}),
    ...(input.amount !== undefined ? { amount: input.amount } : {}),
  });
}

/** Applies `amount` of an approved credit note to an approved invoice of the same contact. */
export async function allocateCreditNoteToInvoice(
  store: TenantStore,
  creditNoteId: string,
  input: { invoiceId: string; amount: number; date: string },
  ctx: ActionContext,
): Promise<JsonObject> {
  return allocateCreditNote(store, creditNoteId, { Invoice: { InvoiceID: input.invoiceId }, Amount: input.amount, Date: `${input.date}T00:00:00` }, ctx);
}

export async function archiveContact(store: TenantStore, contactId: string, ctx: ActionContext): Promise<JsonObject> {
  return saveContact(store, { ContactID: contactId, ContactStatus: 'ARCHIVED' }, ctx.nowMs, ctx.events);
}

export async function editContactNameAndEmail(
  store: TenantStore,
  contactId: string,
  input: { name: string; email: string },
  ctx: ActionContext,
): Promise<JsonObject> {
  return saveContact(store, { ContactID: contactId, Name: input.name, EmailAddress: input.email }, ctx.nowMs, ctx.events);
}

export interface AddressInput {
  /** Xero's "Postal address" (POBOX) or "Street address" (STREET). */
  type: 'POBOX' | 'STREET';
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

/** Xero's address editor on a contact: replaces the address of that type, keeps the other. */
export async function editContactAddress(store: TenantStore, contactId: string, input: AddressInput, ctx: ActionContext): Promise<JsonObject> {
  const found = /^[0-9a-f-]{36}$/i.test(contactId) ? await store.get('Contacts', contactId) : undefined;
  if (!found) reject(`The contact with ContactID ${contactId} could not be found.`);
  const others = (Array.isArray(found.data['Addresses']) ? found.data['Addresses'] : []).filter(isJsonObject).filter((a) => a['AddressType'] !== input.type);
  const address: JsonObject = {
    AddressType: input.type,
    AddressLine1: input.line1,
    AddressLine2: input.line2 ?? '',
    AddressLine3: '',
    AddressLine4: '',
    City: input.city,
    Region: input.region ?? '',
    PostalCode: input.postalCode,
    Country: input.country,
  };
  return saveContact(store, { ContactID: found.id, Addresses: [...others, address] }, ctx.nowMs, ctx.events);
}
