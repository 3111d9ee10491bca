/**
 * Invoices (sales invoices and bills): the list and each invoice's page with Approve, Record payment,
 * Remove payment, Void and Delete. Routes read the form, call one action of accountant-actions.ts
 * and redirect (or show the page again with Xero's messages next to the fields).
 */
import type { Request, Response, Router } from 'express';
import { addCreditNote, approveInvoice, deleteInvoice, recordInvoicePayment, removeInvoicePayment, voidInvoice } from '../accountant-actions.js';
import { today } from '../documents.js';
import { listHistory } from '../history.js';
import type { StoredRecord } from '../types.js';
import { parseDateInput } from '../wire.js';
import { formField } from '../../web/form.js';
import { toInvoiceDetail, toInvoiceRow } from './document-view-model.js';
import { invoiceListPage, invoicePage, type CreditFormValues, type InvoiceFilters, type PaymentFormValues } from './invoices-views.js';
import { pageOf, recordId, type ActionOutcome, type OrganisationPage } from './page-context.js';
import { paginate, pageNumber, queryValue, type FieldError } from './page-kit.js';
import { loadRecord } from './not-found.js';

const DONE: Record<string, string> = {
  approved: 'Invoice approved.',
  voided: 'Invoice voided.',
  deleted: 'Invoice deleted.',
  'payment-recorded': 'Payment recorded.',
  'payment-removed': 'Payment removed: the amount is owed again.',
  'billed-from-order': 'Draft bill made from the purchase order, which is now billed.',
};

function matches(r: StoredRecord, f: InvoiceFilters): boolean {
  const d = r.data;
  if (f.status === '' ? d['Status'] === 'DELETED' : d['Status'] !== f.status) return false;
  if (f.type !== '' && d['Type'] !== f.type) return false;
  if (f.search === '') return true;
  const row = toInvoiceRow(d);
  const term = f.search.toLowerCase();
  return [row.number, row.reference, row.contact.name].some((v) => v.toLowerCase().includes(term));
}

export async function paymentAccountChoices(page: OrganisationPage): Promise<{ value: string; label: string }[]> {
  const accounts = await page.store.list('Accounts');
  return accounts
    .filter((a) => a.data['Status'] === 'ACTIVE' && (a.data['Type'] === 'BANK' || a.data['EnablePaymentsToAccount'] === true))
    .map((a) => ({ value: String(a.data['Code']), label: `${String(a.data['Code'])} ${String(a.data['Name'])}` }));
}

interface Shown {
  payment?: PaymentFormValues;
  credit?: CreditFormValues;
  errors?: FieldError[];
  errorsFor?: 'payment' | 'credit' | 'action';
}

async function showInvoice(req: Request, res: Response, found: StoredRecord, shown: Shown = {}): Promise<void> {
  const page = pageOf(res);
  const invoice = toInvoiceDetail(found.data);
  const bankAccounts = await paymentAccountChoices(page);
  const paymentAccounts: Record<string, string> = {};
  for (const p of invoice.payments) {
    const stored = await page.store.get('Payments', p.id);
    const account = stored?.data['Account'];
    if (account && typeof account === 'object' && !Array.isArray(account))
      paymentAccounts[p.id] = `${String(account['Code'] ?? '')} ${String(account['Name'] ?? '')}`.trim();
  }
  const errors = shown.errors ?? [];
  res
    .status(errors.length > 0 ? 400 : 200)
    .type('html')
    .send(
      invoicePage(page, {
        invoice,
        history: await listHistory(page.store, 'Invoices', found.id),
        paymentAccounts,
        bankAccounts,
        payment: shown.payment ?? {
          date: today(page.nowMs).slice(0, 10),
          amount: invoice.due.toFixed(2),
          accountCode: bankAccounts[0]?.value ?? '',
          reference: '',
        },
        credit: shown.credit ?? { date: today(page.nowMs).slice(0, 10), amount: '' },
        errors,
        errorsFor: shown.errorsFor,
        notice: DONE[queryValue(req.query, 'done')],
      }),
    );
}

/** Xero's messages belong next to the field they are about. */
function paymentErrorField(message: string): string | undefined {
  if (/amount/i.test(message)) return 'payment-amount';
  if (/account/i.test(message)) return 'payment-account';
  if (/date/i.test(message)) return 'payment-date';
  return undefined;
}

/** A typed amount (`1,250.50`): the number, or NaN when it is not one with up to 2 decimals. */
function parseAmount(typed: string): number {
  const plain = typed.replace(/,/g, '');
  return /^\d+(\.\d{1,2})?$/.test(plain) ? Number(plain) : Number.NaN;
}

const isDate = (typed: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(typed) && parseDateInput(typed) !== undefined;

function readCreditForm(body: unknown): { values: CreditFormValues; errors: FieldError[]; amount: number | undefined } {
  const values: CreditFormValues = { date: (formField(body, 'date') ?? '').trim(), amount: (formField(body, 'amount') ?? '').trim() };
  const errors: FieldError[] = [];
  if (!isDate(values.date)) errors.push({ field: 'credit-date', message: 'Enter the credit note date as a date, for example 2026-11-30.' });
  const amount = values.amount === '' ? undefined : parseAmount(values.amount);
  if (amount !== undefined && (Number.isNaN(amount) || amount <= 0))
    errors.push({ field: 'credit-amount', message: 'Enter an amount greater than zero with up to 2 decimals, or leave it empty to credit every line.' });
  return { values, errors, amount };
}

function readPaymentForm(body: unknown): { values: PaymentFormValues; errors: FieldError[]; amount: number } {
  const values: PaymentFormValues = {
    date: (formField(body, 'date') ?? '').trim(),
    amount: (formField(body, 'amount') ?? '').trim(),
    accountCode: formField(body, 'accountCode') ?? '',
    reference: (formField(body, 'reference') ?? '').trim(),
  };
  const errors: FieldError[] = [];
  if (!isDate(values.date)) errors.push({ field: 'payment-date', message: 'Enter the date paid as a date, for example 2026-11-30.' });
  const amount = parseAmount(values.amount);
  if (Number.isNaN(amount)) errors.push({ field: 'payment-amount', message: 'Enter the amount paid as a number with up to 2 decimals, for example 150.00.' });
  else if (amount <= 0) errors.push({ field: 'payment-amount', message: 'Enter an amount greater than zero.' });
  if (values.accountCode === '') errors.push({ field: 'payment-account', message: 'Choose the bank account the payment went to.' });
  if (values.reference.length > 255) errors.push({ field: 'payment-reference', message: 'Keep the reference to 255 characters or fewer.' });
  return { values, errors, amount };
}

export function mountInvoicePages(router: Router): void {
  router.get('/invoices', async (req, res) => {
    const page = pageOf(res);
    const filters: InvoiceFilters = {
      status: queryValue(req.query, 'status'),
      type: queryValue(req.query, 'type'),
      search: queryValue(req.query, 'search').trim(),
    };
    const all = await page.store.list('Invoices');
    const rows = all
      .filter((r) => matches(r, filters))
      .map((r) => toInvoiceRow(r.data))
      .sort((a, b) => b.date.localeCompare(a.date) || b.number.localeCompare(a.number));
    res.type('html').send(invoiceListPage(page, { rows: paginate(rows, pageNumber(req.query)), filters, anyAtAll: all.length > 0 }));
  });

  /** Loads the invoice of `:id` in this organisation, or answers 404 itself. */
  const load = (req: Request, res: Response) => loadRecord(req, res, 'Invoices', 'This organisation has no such invoice.');

  router.get('/invoices/:id', async (req, res) => {
    const found = await load(req, res);
    if (found) await showInvoice(req, res, found);
  });

  /** After an action: back to the invoice with a notice, or the page again with Xero's messages. */
  async function settle(
    req: Request,
    res: Response,
    found: StoredRecord,
    outcome: ActionOutcome<unknown>,
    done: string,
    form?: { values: PaymentFormValues },
  ): Promise<void> {
    const page = pageOf(res);
    if (outcome.ok) return res.redirect(303, `${page.base}/invoices/${found.id}?done=${done}`);
    const fresh = (await page.store.get('Invoices', found.id)) ?? found;
    const errors = outcome.errors.map((message) => ({ field: form ? paymentErrorField(message) : undefined, message }));
    await showInvoice(req, res, fresh, { errors, errorsFor: form ? 'payment' : 'action', ...(form ? { payment: form.values } : {}) });
  }

  const simple = (path: string, done: string, act: typeof approveInvoice) => {
    router.post(`/invoices/:id/${path}`, async (req, res) => {
      const found = await load(req, res);
      if (found) await settle(req, res, found, await pageOf(res).perform((store, ctx) => act(store, found.id, ctx)), done);
    });
  };
  simple('approve', 'approved', approveInvoice);
  simple('void', 'voided', voidInvoice);
  simple('delete', 'deleted', deleteInvoice);

  router.post('/invoices/:id/payments', async (req, res) => {
    const found = await load(req, res);
    if (!found) return;
    const form = readPaymentForm(req.body);
    if (form.errors.length > 0) return showInvoice(req, res, found, { payment: form.values, errors: form.errors, errorsFor: 'payment' });
    const outcome = await pageOf(res).perform((store, ctx) =>
      recordInvoicePayment(
        store,
        found.id,
        {
          date: form.values.date,
          amount: form.amount,
          accountCode: form.values.accountCode,
          reference: form.values.reference,
        },
        ctx,
      ),
    );
    await settle(req, res, found, outcome, 'payment-recorded', form);
  });

  router.post('/invoices/:id/credit-notes', async (req, res) => {
    const found = await load(req, res);
    if (!found) return;
    const page = pageOf(res);
    const form = readCreditForm(req.body);
    if (form.errors.length > 0) return showInvoice(req, res, found, { credit: form.values, errors: form.errors, errorsFor: 'credit' });
    const outcome = await page.perform((store, ctx) =>
      addCreditNote(store, found.id, { date: form.values.date, ...(form.amount !== undefined ? { amount: form.amount } : {}) }, ctx),
    );
    if (outcome.ok) return res.redirect(303, `${page.base}/credit-notes/${String(outcome.value.creditNote['CreditNoteID'])}?done=added`);
    const errors = outcome.errors.map((message) => ({
      field: /amount/i.test(message) ? 'credit-amount' : /date/i.test(message) ? 'credit-date' : undefined,
      message,
    }));
    await showInvoice(req, res, (await page.store.get('Invoices', found.id)) ?? found, { credit: form.values, errors, errorsFor: 'credit' });
  });

  router.post('/invoices/:id/payments/:paymentId/remove', async (req, res) => {
    const found = await load(req, res);
    if (!found) return;
    const paymentId = recordId(req, 'paymentId') ?? '';
    await settle(req, res, found, await pageOf(res).perform((store, ctx) => removeInvoicePayment(store, found.id, paymentId, ctx)), 'payment-removed');
  });
}
