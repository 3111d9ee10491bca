/**
 * What Xero's own users do in its web app, for the sandbox's accountant pages: each action runs in one
 * transaction through the same service functions (and so the same rules) as the API, and publishes
 * the same webhook events once it has committed. Refusals carry Xero's messages (ActionRefused).
 */
import type { Knex } from 'knex';
import type { SandboxClock } from '../contracts.js';
import { ElementRejected } from './batch.js';
import { saveContact } from './contacts-service.js';
import { allocateCreditNote, creditNoteForInvoice, findCreditNote } from './credit-notes-service.js';
import type { ChangeEvent, ChangeSink } from './http.js';
import { saveInvoice } from './invoices-service.js';
import { getOrganisationRow, type OrganisationRow } from './organisations.js';
import { createPayment, deletePayment } from './payments-service.js';
import { copyPurchaseOrderToBill } from './purchase-orders-service.js';
import { PURCHASE_ORDERS, saveSimpleDocument } from './simple-documents.js';
import { TenantStore } from './store.js';
import type { Collection, JsonObject } from './types.js';
import { parseDateInput } from './wire.js';

/** The action broke one of Xero's rules; `messages` are what Xero would say. */
export class ActionRefused extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
  }
}

/** The organisation or the record is not there (a page answers 404). */
export class RecordNotFound extends Error {}

export interface AccountantActionsDeps {
  db: Knex;
  clock: SandboxClock;
  changes: ChangeSink;
  /** Public Accounting API base for the events' resourceUrl (e.g. `http://localhost:3001/api.xro/2.0`). */
  apiBase?: string;
}

export interface PaymentInput {
  /** `YYYY-MM-DD` */
  date: string;
  amount: number;
  /** A BANK account's code or one with payments enabled (e.g. `090`). */
  accountCode: string;
  reference?: string;
}

export interface AccountantActions {
  approveInvoice(tenantId: string, invoiceId: string): Promise<JsonObject>;
  voidInvoice(tenantId: string, invoiceId: string): Promise<JsonObject>;
  /** DRAFT or SUBMITTED only, as Xero. */
  deleteDraftInvoice(tenantId: string, invoiceId: string): Promise<JsonObject>;
  /** Part or full; sends INVOICE UPDATE; PAID when nothing is left due. Returns the Payment. */
  recordPayment(tenantId: string, invoiceId: string, payment: PaymentInput): Promise<JsonObject>;
  removePayment(tenantId: string, paymentId: string): Promise<JsonObject>;
  /** "Add credit note": the invoice's lines (or one line of `amount`), approved and allocated to it. */
  addCreditNote(tenantId: string, invoiceId: string, options?: { date?: string; amount?: number }): Promise<{ creditNote: JsonObject; allocation?: JsonObject }>;
  allocateCreditNote(tenantId: string, creditNoteId: string, allocation: { invoiceId: string; amount: number; date: string }): Promise<JsonObject>;
  approvePurchaseOrder(tenantId: string, purchaseOrderId: string): Promise<JsonObject>;
  /** Creates the draft ACCPAY bill from the PO's lines and sets the PO to BILLED. */
  copyPurchaseOrderToBill(tenantId: string, purchaseOrderId: string): Promise<{ bill: JsonObject; purchaseOrder: JsonObject }>;
  /** "Mark as billed" without a bill. */
  markPurchaseOrderBilled(tenantId: string, purchaseOrderId: string): Promise<JsonObject>;
  deletePurchaseOrder(tenantId: string, purchaseOrderId: string): Promise<JsonObject>;
  archiveContact(tenantId: string, contactId: string): Promise<JsonObject>;
  editContact(tenantId: string, contactId: string, changes: { name?: string; emailAddress?: string }): Promise<JsonObject>;
}

interface Work {
  store: TenantStore;
  org: OrganisationRow;
  nowMs: number;
  events: ChangeEvent[];
}

function dateOf(value: string, label = 'Date'): string {
  const date = parseDateInput(value);
  if (!date) throw new ActionRefused([`${label} must be a valid date (YYYY-MM-DD).`]);
  return date;
}

export function createAccountantActions(deps: AccountantActionsDeps): AccountantActions {
  async function act<T>(tenantId: string, record: [Collection, string] | undefined, work: (w: Work) => Promise<T>): Promise<T> {
    const org = await getOrganisationRow(deps.db, tenantId);
    if (!org) throw new RecordNotFound('organisation');
    const root = new TenantStore(deps.db, org.tenant_id);
    if (record) {
      const [collection, id] = record;
      const found = /^[0-9a-f-]{36}$/i.test(id) ? await root.get(collection, id) : undefined;
      if (!found) throw new RecordNotFound(collection);
    }
    const events: ChangeEvent[] = [];
    const nowMs = deps.clock.now();
    try {
      const result = await root.transaction((store) => work({ store, org, nowMs, events }));
      if (events.length > 0) deps.changes.publish(org.tenant_id, events, deps.apiBase);
      return result;
    } catch (error) {
      if (error instanceof ElementRejected) throw new ActionRefused(error.messages);
      throw error;
    }
  }
  const invoiceStatus = (tenantId: string, invoiceId: string, Status: string) => act(tenantId, ['Invoices', invoiceId], (w) =>
    saveInvoice(w.store, { InvoiceID: invoiceId, Status }, { nowMs: w.nowMs, baseCurrency: w.org.base_currency, events: w.events }));
  const poStatus = (tenantId: string, purchaseOrderId: string, Status: string) => act(tenantId, ['PurchaseOrders', purchaseOrderId], (w) =>
    saveSimpleDocument(PURCHASE_ORDERS, w.store, { PurchaseOrderID: purchaseOrderId, Status }, { nowMs: w.nowMs, baseCurrency: w.org.base_currency, events: w.events, unitDp: 4 }));

  return {
    approveInvoice: (tenantId, invoiceId) => invoiceStatus(tenantId, invoiceId, 'AUTHORISED'),
    voidInvoice: (tenantId, invoiceId) => invoiceStatus(tenantId, invoiceId, 'VOIDED'),
    deleteDraftInvoice: (tenantId, invoiceId) => invoiceStatus(tenantId, invoiceId, 'DELETED'),
    recordPayment: (tenantId, invoiceId, payment) => {
      const date = dateOf(payment.date);
      return act(tenantId, ['Invoices', invoiceId], (w) => createPayment(w.store, {
        Invoice: { InvoiceID: invoiceId }, Account: { Code: payment.accountCode }, Amount: payment.amount, Date: date,
        ...(payment.reference ? { Reference: payment.reference } : {}),
      }, { nowMs: w.nowMs, events: w.events }));
    },
    removePayment: (tenantId, paymentId) => act(tenantId, ['Payments', paymentId], (w) =>
      deletePayment(w.store, paymentId, { Status: 'DELETED' }, { nowMs: w.nowMs, events: w.events })),
    addCreditNote: (tenantId, invoiceId, options = {}) => {
      const date = options.date ? dateOf(options.date) : undefined;
      return act(tenantId, ['Invoices', invoiceId], (w) => creditNoteForInvoice(w.store, invoiceId, {
        nowMs: w.nowMs, baseCurrency: w.org.base_currency, events: w.events,
        ...(date ? { date } : {}), ...(options.amount !== undefined ? { amount: options.amount } : {}),
      }));
    },
    allocateCreditNote: async (tenantId, creditNoteId, allocation) => {
      const date = dateOf(allocation.date);
      return act(tenantId, undefined, async (w) => {
        if (!(await findCreditNote(w.store, creditNoteId))) throw new RecordNotFound('CreditNotes');
        return allocateCreditNote(w.store, creditNoteId, { Invoice: { InvoiceID: allocation.invoiceId }, Amount: allocation.amount, Date: date }, { nowMs: w.nowMs, events: w.events });
      });
    },
    approvePurchaseOrder: (tenantId, purchaseOrderId) => poStatus(tenantId, purchaseOrderId, 'AUTHORISED'),
    markPurchaseOrderBilled: (tenantId, purchaseOrderId) => poStatus(tenantId, purchaseOrderId, 'BILLED'),
    deletePurchaseOrder: (tenantId, purchaseOrderId) => poStatus(tenantId, purchaseOrderId, 'DELETED'),
    copyPurchaseOrderToBill: (tenantId, purchaseOrderId) => act(tenantId, ['PurchaseOrders', purchaseOrderId], (w) =>
      copyPurchaseOrderToBill(w.store, purchaseOrderId, { nowMs: w.nowMs, baseCurrency: w.org.base_currency, events: w.events })),
    archiveContact: (tenantId, contactId) => act(tenantId, ['Contacts', contactId], (w) =>
      saveContact(w.store, { ContactID: contactId, ContactStatus: 'ARCHIVED' }, w.nowMs, w.events)),
    editContact: (tenantId, contactId, changes) => act(tenantId, ['Contacts', contactId], (w) => {
      const fields: JsonObject = { ContactID: contactId };
      if (changes.name !== undefined) fields['Name'] = changes.name;
      if (changes.emailAddress !== undefined) fields['EmailAddress'] = changes.emailAddress;
      return saveContact(w.store, fields, w.nowMs, w.events);
    }),
  };
}
