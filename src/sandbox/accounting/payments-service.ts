/**
 * Payments against invoices: Xero's checks (approved invoice, a bank or payments-enabled account,
 * amount within what is due) and their effect on the invoice (AmountPaid, AmountDue, PAID).
 */
import { randomUUID } from 'node:crypto';
import { reject } from './batch.js';
import { today } from './documents.js';
import type { ChangeEvent } from './http.js';
import type { TenantStore } from './store.js';
import { round2 } from './totals.js';
import { addHistory, money, SYSTEM_USER } from './history.js';
import { isJsonObject, type JsonObject } from './types.js';
import { msToIso } from './wire.js';

export interface PaymentContext {
  nowMs: number;
  events: ChangeEvent[];
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

async function findInvoice(store: TenantStore, ref: JsonObject | undefined, invoiceNumber: unknown) {
  const id = ref?.['InvoiceID'];
  const number = ref?.['InvoiceNumber'] ?? invoiceNumber;
  if (isUuid(id)) return store.get('Invoices', id);
  if (typeof number === 'string' && number !== '') return store.findByNumber('Invoices', number);
  return undefined;
}

async function findAccount(store: TenantStore, ref: JsonObject | undefined, code: unknown): Promise<JsonObject | undefined> {
  const accounts = await store.list('Accounts');
  const id = ref?.['AccountID'];
  const wanted = ref?.['Code'] ?? code;
  return accounts.find((a) => (isUuid(id) && a.id === id.toLowerCase()) || (typeof wanted === 'string' && a.data['Code'] === wanted))?.data;
}

async function writeInvoice(
  store: TenantStore,
  invoice: { id: string; number: string | null; data: JsonObject },
  data: JsonObject,
  ctx: PaymentContext,
): Promise<void> {
  await store.update('Invoices', invoice.id, data, { number: invoice.number, status: String(data['Status']), updatedAt: ctx.nowMs });
  ctx.events.push({ category: 'INVOICE', type: 'UPDATE', resourceId: String(data['InvoiceID']), atMs: ctx.nowMs });
}

export async function createPayment(store: TenantStore, input: JsonObject, ctx: PaymentContext): Promise<JsonObject> {
  if (isUuid(input['PaymentID'])) return deletePayment(store, input['PaymentID'], input, ctx);
  const errors: string[] = [];
  const invoice = await findInvoice(store, isJsonObject(input['Invoice']) ? input['Invoice'] : undefined, input['InvoiceNumber']);
  if (!invoice) reject('Invoice could not be found or was not specified.');
  const inv = invoice.data;
  if (inv['Status'] !== 'AUTHORISED') errors.push('Payments can only be made against Authorised documents');
  const account = await findAccount(store, isJsonObject(input['Account']) ? input['Account'] : undefined, input['Code']);
  if (!account) errors.push('Account could not be found or was not specified.');
  else if (account['Type'] !== 'BANK' && account['EnablePaymentsToAccount'] !== true) errors.push('Account type is invalid for making a payment to/from');
  const amount = typeof input['Amount'] === 'number' ? round2(input['Amount']) : undefined;
  const due = Number(inv['AmountDue'] ?? 0);
  if (amount === undefined || amount <= 0) errors.push('Payment amount must be greater than zero.');
  else if (inv['Status'] === 'AUTHORISED' && amount > due) errors.push('Payment amount exceeds the amount outstanding on this document');
  if (errors.length > 0 || !account || amount === undefined) reject(...errors);

  const date = typeof input['Date'] === 'string' ? input['Date'] : today(ctx.nowMs);
  const paymentId = randomUUID();
  const rate = typeof input['CurrencyRate'] === 'number' ? input['CurrencyRate'] : Number(inv['CurrencyRate'] ?? 1);
  const payment: JsonObject = {
    PaymentID: paymentId,
    Date: date,
    Amount: amount,
    BankAmount: amount,
    CurrencyRate: rate,
    Reference: typeof input['Reference'] === 'string' ? input['Reference'] : '',
    IsReconciled: input['IsReconciled'] === true,
    Status: 'AUTHORISED',
    PaymentType: inv['Type'] === 'ACCPAY' ? 'ACCPAYPAYMENT' : 'ACCRECPAYMENT',
    HasAccount: true,
    HasValidationErrors: false,
    Account: { AccountID: String(account['AccountID']), Code: String(account['Code']), Name: String(account['Name']) },
    Invoice: {
      InvoiceID: String(inv['InvoiceID']),
      Type: String(inv['Type']),
      CurrencyCode: String(inv['CurrencyCode'] ?? ''),
      ...(typeof inv['InvoiceNumber'] === 'string' ? { InvoiceNumber: inv['InvoiceNumber'] } : {}),
      ...(isJsonObject(inv['Contact']) ? { Contact: { ContactID: String(inv['Contact']['ContactID']), Name: String(inv['Contact']['Name']) } } : {}),
    },
    UpdatedDateUTC: msToIso(ctx.nowMs),
  };
  await store.insert('Payments', paymentId, payment, { status: 'AUTHORISED', updatedAt: ctx.nowMs });

  const amountPaid = round2(Number(inv['AmountPaid'] ?? 0) + amount);
  const amountDue = round2(due - amount);
  const payments = Array.isArray(inv['Payments']) ? inv['Payments'] : [];
  const updated: JsonObject = {
    ...inv,
    AmountPaid: amountPaid,
    AmountDue: amountDue,
    UpdatedDateUTC: msToIso(ctx.nowMs),
    Payments: [
      ...payments,
      {
        PaymentID: paymentId,
        Date: date,
        Amount: amount,
        CurrencyRate: rate,
        Reference: String(payment['Reference']),
        HasAccount: true,
        HasValidationErrors: false,
      },
    ],
  };
  if (amountDue === 0) {
    updated['Status'] = 'PAID';
    updated['FullyPaidOnDate'] = date;
  }
  await writeInvoice(store, invoice, updated, ctx);
  const who = isJsonObject(inv['Contact']) ? String(inv['Contact']['Name'] ?? '') : '';
  await addHistory(
    store,
    'Invoices',
    invoice.id,
    'Payment Received',
    `Payment ${inv['Type'] === 'ACCPAY' ? 'made to' : 'received from'} ${who} on ${date.slice(0, 10)} for ${money(amount)}.`,
    SYSTEM_USER,
    ctx.nowMs,
  );
  await addHistory(store, 'Payments', paymentId, 'Created', `Payment of ${money(amount)} on ${date.slice(0, 10)}.`, SYSTEM_USER, ctx.nowMs);
  return payment;
}

/** Xero deletes a payment by POSTing `{"Status":"DELETED"}` to it; the invoice is owed again. */
export async function deletePayment(store: TenantStore, paymentId: string, input: JsonObject, ctx: PaymentContext): Promise<JsonObject> {
  const found = await store.get('Payments', paymentId);
  if (!found) reject(`Payment ${paymentId} could not be found.`);
  if (input['Status'] !== 'DELETED') reject('A payment can only be changed to DELETED.');
  if (found.data['Status'] === 'DELETED') reject('This payment has already been deleted.');
  const payment: JsonObject = { ...found.data, Status: 'DELETED', UpdatedDateUTC: msToIso(ctx.nowMs) };
  await store.update('Payments', found.id, payment, { status: 'DELETED', updatedAt: ctx.nowMs });
  const ref = isJsonObject(found.data['Invoice']) ? found.data['Invoice'] : {};
  const invoice = await findInvoice(store, ref, undefined);
  if (invoice) {
    const amount = Number(found.data['Amount'] ?? 0);
    const inv = invoice.data;
    const paidBefore = Number(inv['AmountPaid'] ?? 0);
    const updated: JsonObject = {
      ...inv,
      AmountPaid: round2(paidBefore - amount),
      AmountDue: round2(Number(inv['AmountDue'] ?? 0) + amount),
      UpdatedDateUTC: msToIso(ctx.nowMs),
      Payments: (Array.isArray(inv['Payments']) ? inv['Payments'] : []).filter((p) => !isJsonObject(p) || p['PaymentID'] !== found.data['PaymentID']),
      Status: inv['Status'] === 'PAID' ? 'AUTHORISED' : String(inv['Status']),
    };
    delete updated['FullyPaidOnDate'];
    await writeInvoice(store, invoice, updated, ctx);
    await addHistory(store, 'Invoices', invoice.id, 'Payment Deleted', `Payment of ${money(amount)} deleted.`, SYSTEM_USER, ctx.nowMs);
  }
  return payment;
}
