/**
 * Credit notes (ACCRECCREDIT against sales, ACCPAYCREDIT against bills): creation and update with the
 * invoices' status rules, auto numbers CN-0001 for sales credit notes, and allocations that move the
 * invoice's AmountCredited, AmountDue and status (PAID when nothing is due) and the credit note's
 * RemainingCredit (PAID when it is all used).
 */
import { randomUUID } from 'node:crypto';
import { reject } from './batch.js';
import { ARCHIVED_CONTACT, contactSummary, markContactRole, resolveDocumentContact } from './contacts-service.js';
import { applyLines, lineAmountTypes, nextDocumentNumber, resolveHeader, stripReadOnly, today } from './documents.js';
import { addHistory, money, statusChange, SYSTEM_USER } from './history.js';
import type { ChangeEvent } from './http.js';
import { buildLines, loadLookups, type LedgerLookups } from './line-items.js';
import type { TenantStore } from './store.js';
import { round2 } from './totals.js';
import { isJsonObject, type JsonObject, type StoredRecord } from './types.js';
import { msToIso } from './wire.js';

const READ_ONLY = [
  'SubTotal',
  'TotalTax',
  'Total',
  'HasAttachments',
  'RemainingCredit',
  'Allocations',
  'AppliedAmount',
  'Payments',
  'FullyPaidOnDate',
  'CISDeduction',
  'CISRate',
  'HasErrors',
  'StatusAttributeString',
  'ValidationErrors',
  'Warnings',
  'InvoiceAddresses',
];

const CREATABLE = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];
const ALLOWED: Record<string, string[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: [],
  DELETED: [],
};
export const CREDIT_LOCK = 'This credit note cannot be edited as it has been allocated or refunded.';

export interface CreditNoteContext {
  nowMs: number;
  baseCurrency: string;
  events: ChangeEvent[];
  unitDp?: 2 | 4;
  lookups?: LedgerLookups;
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

export async function findCreditNote(store: TenantStore, idOrNumber: string): Promise<StoredRecord | undefined> {
  return isUuid(idOrNumber) ? store.get('CreditNotes', idOrNumber) : store.findByNumber('CreditNotes', idOrNumber);
}

const allocated = (note: JsonObject): boolean => round2(Number(note['Total'] ?? 0) - Number(note['RemainingCredit'] ?? 0)) > 0;

export async function saveCreditNote(store: TenantStore, raw: JsonObject, ctx: CreditNoteContext): Promise<JsonObject> {
  const input = stripReadOnly(raw, READ_ONLY);
  const id = input['CreditNoteID'];
  const existing = typeof id === 'string' && id !== '' ? (await findCreditNote(store, id))?.data : undefined;
  if (typeof id === 'string' && id !== '' && !existing) reject(`Credit note with CreditNoteID ${id} could not be found.`);
  const type = String(input['Type'] ?? existing?.['Type'] ?? '');
  if (type !== 'ACCRECCREDIT' && type !== 'ACCPAYCREDIT') reject(type === '' ? 'Credit Note Type must be specified' : `Credit note type ${type} is not valid.`);
  if (existing && existing['Type'] !== type) reject('The credit note Type cannot be changed.');
  const status = String(input['Status'] ?? existing?.['Status'] ?? 'DRAFT');
  if (!existing && !CREATABLE.includes(status)) reject('Credit note not of valid status for creation');
  if (existing) {
    const from = String(existing['Status']);
    if (allocated(existing) && (status !== from || input['LineItems'] !== undefined)) reject(CREDIT_LOCK);
    if (from !== status && !(ALLOWED[from] ?? []).includes(status)) reject('Credit note not of valid status for modification');
    if (from === status && (from === 'VOIDED' || from === 'DELETED')) reject('Credit note not of valid status for modification');
  }

  const errors: string[] = [];
  const doc: JsonObject = {
    ...(existing ?? { CreditNoteID: randomUUID(), Allocations: [], Payments: [], HasAttachments: false, SentToContact: false }),
    ...input,
    Type: type,
    Status: status,
  };
  doc['ID'] = String(doc['CreditNoteID']);
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
    side: type === 'ACCRECCREDIT' ? 'sales' : 'purchases',
    amountTypes,
    unitDp: ctx.unitDp ?? 2,
    requireAccount: status === 'AUTHORISED' || status === 'SUBMITTED',
    noDiscounts: true,
  });
  errors.push(...built.errors);
  applyLines(doc, built);
  if (input['SentToContact'] === true && !['AUTHORISED', 'PAID'].includes(status))
    errors.push('Only approved credit notes can be marked as sent to the contact.');
  const number = typeof input['CreditNoteNumber'] === 'string' && input['CreditNoteNumber'].trim() !== '' ? input['CreditNoteNumber'].trim() : undefined;
  if (number) {
    const clash = await store.findByNumber('CreditNotes', number);
    if (
      type === 'ACCRECCREDIT' &&
      clash &&
      clash.id !== String(doc['CreditNoteID']).toLowerCase() &&
      clash.status !== 'DELETED' &&
      clash.data['Type'] === 'ACCRECCREDIT'
    ) {
      errors.push('Credit Note # must be unique.');
    }
    doc['CreditNoteNumber'] = number;
  } else if (type === 'ACCRECCREDIT' && !existing?.['CreditNoteNumber'] && errors.length === 0) {
    doc['CreditNoteNumber'] = await nextDocumentNumber(store, 'CreditNotes', 'CN');
  }
  if (errors.length > 0) reject(...errors);

  doc['RemainingCredit'] = status === 'VOIDED' || status === 'DELETED' ? 0 : round2(Number(doc['Total']) - usedCredit(doc));
  doc['UpdatedDateUTC'] = msToIso(ctx.nowMs);
  const noteId = String(doc['CreditNoteID']);
  const meta = { number: typeof doc['CreditNoteNumber'] === 'string' ? doc['CreditNoteNumber'] : null, status, updatedAt: ctx.nowMs };
  if (existing) await store.update('CreditNotes', noteId, doc, meta);
  else await store.insert('CreditNotes', noteId, doc, meta);
  if (contact) await markContactRole(store, contact, type === 'ACCRECCREDIT' ? 'IsCustomer' : 'IsSupplier');
  const who = isJsonObject(doc['Contact']) ? String(doc['Contact']['Name'] ?? '') : '';
  await addHistory(
    store,
    'CreditNotes',
    noteId,
    statusChange(existing ? String(existing['Status']) : undefined, status),
    `${String(doc['CreditNoteNumber'] ?? 'Credit Note')} ${type === 'ACCPAYCREDIT' ? 'from' : 'to'} ${who} for ${money(doc['Total'])}.`,
    SYSTEM_USER,
    ctx.nowMs,
  );
  ctx.events.push({ category: 'CREDITNOTE', type: existing ? 'UPDATE' : 'CREATE', resourceId: noteId, atMs: ctx.nowMs });
  return doc;
}

function usedCredit(note: JsonObject): number {
  const allocations = Array.isArray(note['Allocations']) ? note['Allocations'].filter(isJsonObject) : [];
  return round2(allocations.reduce((sum, a) => sum + Number(a['Amount'] ?? 0), 0));
}

export interface AllocationContext {
  nowMs: number;
  events: ChangeEvent[];
}

const INVOICE_TYPE_FOR: Record<string, string> = { ACCRECCREDIT: 'ACCREC', ACCPAYCREDIT: 'ACCPAY' };

async function findInvoiceRef(store: TenantStore, ref: JsonObject | undefined): Promise<StoredRecord | undefined> {
  const id = ref?.['InvoiceID'];
  const number = ref?.['InvoiceNumber'];
  if (isUuid(id)) return store.get('Invoices', id);
  if (typeof number === 'string' && number !== '') return store.findByNumber('Invoices', number);
  return undefined;
}

/**
 * Applies part of an approved credit note to an approved invoice of the same contact, type and
 * currency: `{"Invoice":{"InvoiceID":…},"Amount":…,"Date":"…"}`. Returns the Allocation as Xero sends it.
 */
export async function allocateCreditNote(store: TenantStore, creditNoteId: string, input: JsonObject, ctx: AllocationContext): Promise<JsonObject> {
  const found = await findCreditNote(store, creditNoteId);
  if (!found) reject(`Credit note ${creditNoteId} could not be found.`);
  const note = found.data;
  const invoice = await findInvoiceRef(store, isJsonObject(input['Invoice']) ? input['Invoice'] : undefined);
  if (!invoice) reject('Invoice could not be found or was not specified.');
  const inv = invoice.data;
  const errors: string[] = [];
  if (note['Status'] !== 'AUTHORISED') errors.push('Only approved credit notes with remaining credit can be allocated.');
  if (inv['Status'] !== 'AUTHORISED') errors.push('Credit notes can only be allocated to approved invoices with an amount due.');
  if (INVOICE_TYPE_FOR[String(note['Type'])] !== inv['Type'])
    errors.push(
      note['Type'] === 'ACCRECCREDIT'
        ? 'A sales credit note can only be allocated to a sales invoice.'
        : 'A purchases credit note can only be allocated to a bill.',
    );
  const contactOf = (doc: JsonObject) => (isJsonObject(doc['Contact']) ? String(doc['Contact']['ContactID']) : '');
  if (contactOf(note) !== contactOf(inv)) errors.push('The credit note and the invoice must be for the same contact.');
  if (note['CurrencyCode'] !== inv['CurrencyCode']) errors.push('The credit note and the invoice must be in the same currency.');
  const amount = typeof input['Amount'] === 'number' ? round2(input['Amount']) : undefined;
  if (amount === undefined || amount <= 0) errors.push('Allocation amount must be greater than zero.');
  else {
    if (amount > Number(note['RemainingCredit'] ?? 0)) errors.push('The amount allocated exceeds the remaining credit on this credit note.');
    if (amount > Number(inv['AmountDue'] ?? 0)) errors.push('The amount allocated exceeds the amount due on the invoice.');
  }
  if (typeof input['Date'] !== 'string') errors.push('Allocation Date must be specified.');
  if (errors.length > 0 || amount === undefined || typeof input['Date'] !== 'string') reject(...errors);
  const date = input['Date'];

  const allocationId = randomUUID();
  const noteRef: JsonObject = {
    CreditNoteID: String(note['CreditNoteID']),
    ...(typeof note['CreditNoteNumber'] === 'string' ? { CreditNoteNumber: note['CreditNoteNumber'] } : {}),
  };
  const invoiceRef: JsonObject = {
    InvoiceID: String(inv['InvoiceID']),
    ...(typeof inv['InvoiceNumber'] === 'string' ? { InvoiceNumber: inv['InvoiceNumber'] } : {}),
  };
  const remaining = round2(Number(note['RemainingCredit'] ?? 0) - amount);
  const updatedNote: JsonObject = {
    ...note,
    RemainingCredit: remaining,
    UpdatedDateUTC: msToIso(ctx.nowMs),
    Allocations: [
      ...(Array.isArray(note['Allocations']) ? note['Allocations'] : []),
      { AllocationID: allocationId, Amount: amount, Date: date, Invoice: invoiceRef },
    ],
  };
  if (remaining === 0) {
    updatedNote['Status'] = 'PAID';
    updatedNote['FullyPaidOnDate'] = date;
  }
  await store.update('CreditNotes', found.id, updatedNote, { number: found.number, status: String(updatedNote['Status']), updatedAt: ctx.nowMs });

  const due = round2(Number(inv['AmountDue'] ?? 0) - amount);
  const updatedInvoice: JsonObject = {
    ...inv,
    AmountCredited: round2(Number(inv['AmountCredited'] ?? 0) + amount),
    AmountDue: due,
    UpdatedDateUTC: msToIso(ctx.nowMs),
    CreditNotes: [
      ...(Array.isArray(inv['CreditNotes']) ? inv['CreditNotes'] : []),
      {
        ...noteRef,
        ID: String(note['CreditNoteID']),
        AllocationID: allocationId,
        AppliedAmount: amount,
        Total: Number(note['Total'] ?? 0),
        Date: date,
      },
    ],
  };
  if (due === 0) {
    updatedInvoice['Status'] = 'PAID';
    updatedInvoice['FullyPaidOnDate'] = date;
  }
  await store.update('Invoices', invoice.id, updatedInvoice, { number: invoice.number, status: String(updatedInvoice['Status']), updatedAt: ctx.nowMs });
  await addHistory(
    store,
    'CreditNotes',
    found.id,
    'Credit Applied',
    `${money(amount)} applied to ${String(inv['InvoiceNumber'] ?? 'invoice')} on ${date.slice(0, 10)}.`,
    SYSTEM_USER,
    ctx.nowMs,
  );
  const noteName = typeof note['CreditNoteNumber'] === 'string' ? `Credit note ${note['CreditNoteNumber']}` : 'Credit note';
  await addHistory(
    store,
    'Invoices',
    invoice.id,
    'Credit Applied',
    `${noteName} applied for ${money(amount)} on ${date.slice(0, 10)}.`,
    SYSTEM_USER,
    ctx.nowMs,
  );
  ctx.events.push({ category: 'CREDITNOTE', type: 'UPDATE', resourceId: String(note['CreditNoteID']), atMs: ctx.nowMs });
  ctx.events.push({ category: 'INVOICE', type: 'UPDATE', resourceId: String(inv['InvoiceID']), atMs: ctx.nowMs });
  return { AllocationID: allocationId, Amount: amount, Date: date, Invoice: invoiceRef, CreditNote: noteRef };
}

/** Removes an allocation (DELETE /CreditNotes/{id}/Allocations/{AllocationID}): both documents are owed again. */
export async function deleteAllocation(
  store: TenantStore,
  creditNoteId: string,
  allocationId: string,
  ctx: AllocationContext,
): Promise<JsonObject | undefined> {
  const found = await findCreditNote(store, creditNoteId);
  if (!found) return undefined;
  const note = found.data;
  const allocations = Array.isArray(note['Allocations']) ? note['Allocations'].filter(isJsonObject) : [];
  const allocation = allocations.find((a) => String(a['AllocationID']).toLowerCase() === allocationId.toLowerCase());
  if (!allocation) return undefined;
  const amount = Number(allocation['Amount'] ?? 0);
  const updatedNote: JsonObject = {
    ...note,
    Status: note['Status'] === 'PAID' ? 'AUTHORISED' : String(note['Status']),
    UpdatedDateUTC: msToIso(ctx.nowMs),
    RemainingCredit: round2(Number(note['RemainingCredit'] ?? 0) + amount),
    Allocations: allocations.filter((a) => a !== allocation),
  };
  delete updatedNote['FullyPaidOnDate'];
  await store.update('CreditNotes', found.id, updatedNote, { number: found.number, status: String(updatedNote['Status']), updatedAt: ctx.nowMs });
  const invoice = await findInvoiceRef(store, isJsonObject(allocation['Invoice']) ? allocation['Invoice'] : undefined);
  if (invoice) {
    const inv = invoice.data;
    const updatedInvoice: JsonObject = {
      ...inv,
      Status: inv['Status'] === 'PAID' ? 'AUTHORISED' : String(inv['Status']),
      UpdatedDateUTC: msToIso(ctx.nowMs),
      AmountCredited: round2(Number(inv['AmountCredited'] ?? 0) - amount),
      AmountDue: round2(Number(inv['AmountDue'] ?? 0) + amount),
      CreditNotes: (Array.isArray(inv['CreditNotes']) ? inv['CreditNotes'] : []).filter(
        (c) => !isJsonObject(c) || String(c['AllocationID']) !== String(allocation['AllocationID']),
      ),
    };
    delete updatedInvoice['FullyPaidOnDate'];
    await store.update('Invoices', invoice.id, updatedInvoice, { number: invoice.number, status: String(updatedInvoice['Status']), updatedAt: ctx.nowMs });
    await addHistory(store, 'Invoices', invoice.id, 'Credit Removed', `Credit of ${money(amount)} removed.`, SYSTEM_USER, ctx.nowMs);
    ctx.events.push({ category: 'INVOICE', type: 'UPDATE', resourceId: String(inv['InvoiceID']), atMs: ctx.nowMs });
  }
  await addHistory(store, 'CreditNotes', found.id, 'Credit Removed', `Allocation of ${money(amount)} removed.`, SYSTEM_USER, ctx.nowMs);
  ctx.events.push({ category: 'CREDITNOTE', type: 'UPDATE', resourceId: String(note['CreditNoteID']), atMs: ctx.nowMs });
  return { ...allocation, CreditNote: { CreditNoteID: String(note['CreditNoteID']) }, IsDeleted: true };
}

/**
 * The accountant's "Add credit note" on an invoice: a credit note for the invoice's contact with its
 * lines (or one line of `amount`), approved, and allocated to the invoice for what it can cover.
 */
export async function creditNoteForInvoice(
  store: TenantStore,
  invoiceId: string,
  opts: CreditNoteContext & { date?: string; amount?: number; allocate?: boolean },
): Promise<{ creditNote: JsonObject; allocation?: JsonObject }> {
  const invoice = isUuid(invoiceId) ? await store.get('Invoices', invoiceId) : undefined;
  if (!invoice) reject('Invoice could not be found or was not specified.');
  const inv = invoice.data;
  const lines = Array.isArray(inv['LineItems']) ? inv['LineItems'].filter(isJsonObject) : [];
  const date = opts.date ?? today(opts.nowMs);
  const firstAccount = lines.find((l) => typeof l['AccountCode'] === 'string')?.['AccountCode'];
  const noteLines: JsonObject[] =
    opts.amount !== undefined
      ? [
          {
            Description: `Credit for ${String(inv['InvoiceNumber'] ?? 'invoice')}`,
            Quantity: 1,
            UnitAmount: opts.amount,
            ...(typeof firstAccount === 'string' ? { AccountCode: firstAccount } : {}),
          },
        ]
      : lines.map(
          ({
            LineItemID: _id,
            LineAmount: _amount,
            TaxAmount: _tax,
            DiscountAmount: _discount,
            DiscountRate: _rate,
            Item: _item,
            AccountID: _account,
            ...rest
          }) => rest,
        );
  const creditNote = await saveCreditNote(
    store,
    {
      Type: inv['Type'] === 'ACCPAY' ? 'ACCPAYCREDIT' : 'ACCRECCREDIT',
      Status: 'AUTHORISED',
      Date: date,
      Contact: { ContactID: isJsonObject(inv['Contact']) ? String(inv['Contact']['ContactID']) : '' },
      LineItems: noteLines,
      LineAmountTypes: opts.amount !== undefined ? 'NoTax' : String(inv['LineAmountTypes'] ?? 'Exclusive'),
      CurrencyCode: String(inv['CurrencyCode'] ?? opts.baseCurrency),
      ...(inv['Type'] === 'ACCREC' && typeof inv['InvoiceNumber'] === 'string' ? { Reference: `Credit for ${inv['InvoiceNumber']}` } : {}),
    },
    opts,
  );
  if (opts.allocate === false || inv['Status'] !== 'AUTHORISED') return { creditNote };
  const amount = Math.min(Number(creditNote['RemainingCredit'] ?? 0), Number(inv['AmountDue'] ?? 0));
  if (amount <= 0) return { creditNote };
  const allocation = await allocateCreditNote(
    store,
    String(creditNote['CreditNoteID']),
    { Invoice: { InvoiceID: String(inv['InvoiceID']) }, Amount: amount, Date: date },
    opts,
  );
  return { creditNote: (await store.get('CreditNotes', String(creditNote['CreditNoteID'])))?.data ?? creditNote, allocation };
}
