/** The invoice list and an invoice's page, with Xero's actions. */
import { html, SafeHtml } from '../../web/html.js';
import type { HistoryEntry } from '../history.js';
import { INVOICE_STATUS_LABELS, type InvoiceDetail, type InvoiceRow, type LineView } from './document-view-model.js';
import type { OrganisationPage } from './page-context.js';
import {
  actionButton,
  csrfField,
  displayDate,
  displayDateTime,
  fieldErrors,
  formErrors,
  invalidAttrs,
  money,
  notice,
  orgLayout,
  pager,
  selectOptions,
  type FieldError,
  type Paged,
} from './page-kit.js';

export interface InvoiceFilters {
  status: string;
  type: string;
  search: string;
}

export const INVOICE_TYPE_CHOICES = [
  { value: '', label: 'Sales invoices and bills' },
  { value: 'ACCREC', label: 'Sales invoices' },
  { value: 'ACCPAY', label: 'Bills' },
];

export function invoiceListPage(page: OrganisationPage, view: { rows: Paged<InvoiceRow>; filters: InvoiceFilters; anyAtAll: boolean }): string {
  const path = `${page.base}/invoices`;
  const statusChoices = [{ value: '', label: 'Any status' }, ...Object.entries(INVOICE_STATUS_LABELS).map(([value, label]) => ({ value, label }))];
  return orgLayout(page, {
    title: 'Invoices',
    area: 'invoices',
    body: html` <form method="get" action="${path}" class="filters" role="search">
        <div>
          <label for="filter-search">Search</label
          ><input type="search" id="filter-search" name="search" value="${view.filters.search}" placeholder="Number, contact or reference" />
        </div>
        <div>
          <label for="filter-status">Status</label
          ><select id="filter-status" name="status">
            ${selectOptions(statusChoices, view.filters.status)}
          </select>
        </div>
        <div>
          <label for="filter-type">Type</label
          ><select id="filter-type" name="type">
            ${selectOptions(INVOICE_TYPE_CHOICES, view.filters.type)}
          </select>
        </div>
        <div><button type="submit">Filter</button></div>
      </form>
      ${
        view.rows.total === 0
          ? html`<p>${view.anyAtAll ? 'No invoices match these filters.' : 'No invoices yet: an app creates them through the API.'}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Type</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Date</th>
                  <th scope="col">Due date</th>
                  <th scope="col" class="num">Total</th>
                  <th scope="col" class="num">Paid</th>
                  <th scope="col" class="num">Due</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${view.rows.items.map(
                  (r) =>
                    html`<tr>
                      <td><a href="${path}/${r.id}">${r.number === '' ? '(no number)' : r.number}</a></td>
                      <td>${r.typeLabel}</td>
                      <td>${r.contact.name}</td>
                      <td>${r.reference}</td>
                      <td>${displayDate(r.date)}</td>
                      <td>${displayDate(r.dueDate)}</td>
                      <td class="num">${money(r.total)}</td>
                      <td class="num">${money(r.paid)}</td>
                      <td class="num">${money(r.due)}</td>
                      <td>${r.statusLabel}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${pager(path, { search: view.filters.search, status: view.filters.status, type: view.filters.type }, view.rows, 'invoices')}`,
  });
}

export function linesTable(
  lines: readonly LineView[],
  totals: { subTotal: number; totalTax: number; total: number; currency: string; lineAmountTypes: string },
): SafeHtml {
  return html`<table>
    <caption class="muted">
      Amounts are ${totals.lineAmountTypes === 'Inclusive' ? 'tax inclusive' : totals.lineAmountTypes === 'NoTax' ? 'without tax' : 'tax exclusive'}
    </caption>
    <thead>
      <tr>
        <th scope="col">Item</th>
        <th scope="col">Description</th>
        <th scope="col" class="num">Quantity</th>
        <th scope="col" class="num">Unit price</th>
        <th scope="col" class="num">Disc. %</th>
        <th scope="col">Account</th>
        <th scope="col">Tax rate</th>
        <th scope="col" class="num">Tax</th>
        <th scope="col" class="num">Amount</th>
      </tr>
    </thead>
    <tbody>
      ${
        lines.length === 0
          ? html`<tr>
              <td colspan="9" class="muted">No lines.</td>
            </tr>`
          : lines.map(
              (l) =>
                html`<tr>
                  <td>${l.itemCode}</td>
                  <td>${l.description}</td>
                  <td class="num">${l.quantity}</td>
                  <td class="num">${money(l.unitAmount)}</td>
                  <td class="num">${l.discountRate ?? ''}</td>
                  <td>${l.accountCode}</td>
                  <td>${l.taxType}</td>
                  <td class="num">${money(l.taxAmount)}</td>
                  <td class="num">${money(l.lineAmount)}</td>
                </tr>`,
            )
      }
    </tbody>
    <tfoot>
      <tr>
        <th scope="row" colspan="8" class="num">Subtotal</th>
        <td class="num">${money(totals.subTotal)}</td>
      </tr>
      <tr>
        <th scope="row" colspan="8" class="num">Total tax</th>
        <td class="num">${money(totals.totalTax)}</td>
      </tr>
      <tr>
        <th scope="row" colspan="8" class="num">Total ${totals.currency}</th>
        <td class="num"><strong>${money(totals.total)}</strong></td>
      </tr>
    </tfoot>
  </table>`;
}

export function historyTable(entries: readonly HistoryEntry[]): SafeHtml {
  if (entries.length === 0) return html`<p class="muted">No history yet.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Changes</th>
        <th scope="col">Date</th>
        <th scope="col">User</th>
        <th scope="col">Details</th>
      </tr>
    </thead>
    <tbody>
      ${entries.map(
        (h) =>
          html`<tr>
            <td>${h.changes}</td>
            <td>${displayDateTime(h.atMs)}</td>
            <td>${h.user}</td>
            <td>${h.details}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export interface PaymentFormValues {
  date: string;
  amount: string;
  accountCode: string;
  reference: string;
}

export interface CreditFormValues {
  date: string;
  amount: string;
}

export interface InvoicePageView {
  invoice: InvoiceDetail;
  history: HistoryEntry[];
  /** Payment id → the bank account it went to. */
  paymentAccounts: Record<string, string>;
  bankAccounts: { value: string; label: string }[];
  payment: PaymentFormValues;
  credit: CreditFormValues;
  /** Errors of the form that was just sent (which one: `errorsFor`). */
  errors: FieldError[];
  errorsFor: 'payment' | 'credit' | 'action' | undefined;
  notice: string | undefined;
}

function paymentForm(page: OrganisationPage, view: InvoicePageView, action: string): SafeHtml {
  const errors = view.errorsFor === 'payment' ? view.errors : [];
  const v = view.payment;
  return html`<section aria-labelledby="record-payment">
    <h2 id="record-payment">Record payment</h2>
    <p class="muted">Amount due: ${money(view.invoice.due)} ${view.invoice.currency}. Pay part of it or all of it.</p>
    ${formErrors(errors)}
    <form method="post" action="${action}" novalidate>
      ${csrfField(page)}
      <div class="grid">
        <div>
          <label for="payment-date">Date paid</label>
          <input
            type="date"
            id="payment-date"
            name="date"
            required
            value="${v.date}"
            ${invalidAttrs(errors, 'payment-date')}
          />${fieldErrors(errors, 'payment-date')}
        </div>
        <div>
          <label for="payment-amount">Amount paid</label>
          <input
            type="text"
            inputmode="decimal"
            id="payment-amount"
            name="amount"
            required
            value="${v.amount}"
            ${invalidAttrs(errors, 'payment-amount')}
          />${fieldErrors(errors, 'payment-amount')}
        </div>
        <div>
          <label for="payment-account">Paid to</label>
          <select id="payment-account" name="accountCode" ${invalidAttrs(errors, 'payment-account')}>
            ${selectOptions([{ value: '', label: 'Choose a bank account' }, ...view.bankAccounts], v.accountCode)}</select
          >${fieldErrors(errors, 'payment-account')}
        </div>
        <div>
          <label for="payment-reference">Reference</label>
          <input
            type="text"
            id="payment-reference"
            name="reference"
            maxlength="255"
            value="${v.reference}"
            ${invalidAttrs(errors, 'payment-reference')}
          />${fieldErrors(errors, 'payment-reference')}
        </div>
      </div>
      <button type="submit">Record payment</button>
    </form>
  </section>`;
}

function creditForm(page: OrganisationPage, view: InvoicePageView, action: string): SafeHtml {
  const errors = view.errorsFor === 'credit' ? view.errors : [];
  return html`<section aria-labelledby="add-credit-note">
    <h2 id="add-credit-note">Add credit note</h2>
    <p class="muted">An approved credit note for ${view.invoice.contact.name}, applied to this invoice for what it covers (at most the amount due).</p>
    ${formErrors(errors)}
    <form method="post" action="${action}" novalidate>
      ${csrfField(page)}
      <div class="grid">
        <div>
          <label for="credit-date">Credit note date</label>
          <input
            type="date"
            id="credit-date"
            name="date"
            required
            value="${view.credit.date}"
            ${invalidAttrs(errors, 'credit-date')}
          />${fieldErrors(errors, 'credit-date')}
        </div>
        <div>
          <label for="credit-amount">Amount to credit (leave empty to credit every line of the invoice)</label>
          <input
            type="text"
            inputmode="decimal"
            id="credit-amount"
            name="amount"
            value="${view.credit.amount}"
            ${invalidAttrs(errors, 'credit-amount')}
          />${fieldErrors(errors, 'credit-amount')}
        </div>
      </div>
      <button type="submit">Add credit note</button>
    </form>
  </section>`;
}

export function invoicePage(page: OrganisationPage, view: InvoicePageView): string {
  const inv = view.invoice;
  const self = `${page.base}/invoices/${inv.id}`;
  const title = `${inv.typeLabel} ${inv.number}`.trim();
  const actions: SafeHtml[] = [];
  if (inv.can.approve) actions.push(actionButton(page, `${self}/approve`, 'Approve'));
  if (inv.can.void) actions.push(actionButton(page, `${self}/void`, 'Void'));
  if (inv.can.delete) actions.push(actionButton(page, `${self}/delete`, 'Delete'));
  const actionErrors = view.errorsFor === 'action' ? view.errors : [];
  return orgLayout(page, {
    title,
    area: 'invoices',
    body: html` <p><a href="${page.base}/invoices">All invoices</a></p>
      ${notice(view.notice)} ${formErrors(actionErrors)}
      <dl class="grid">
        <div>
          <dt>Status</dt>
          <dd><strong>${inv.statusLabel}</strong></dd>
        </div>
        <div>
          <dt>${inv.type === 'ACCPAY' ? 'From' : 'To'}</dt>
          <dd>${inv.contact.id === '' ? inv.contact.name : html`<a href="${page.base}/contacts/${inv.contact.id}">${inv.contact.name}</a>`}</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>${displayDate(inv.date)}</dd>
        </div>
        <div>
          <dt>Due date</dt>
          <dd>${displayDate(inv.dueDate) || html`<span class="muted">None</span>`}</dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>${inv.reference || html`<span class="muted">None</span>`}</dd>
        </div>
        <div>
          <dt>Amount due</dt>
          <dd><strong>${money(inv.due)} ${inv.currency}</strong></dd>
        </div>
        ${
          inv.fullyPaidOn === ''
            ? ''
            : html`<div>
                <dt>Fully paid on</dt>
                <dd>${displayDate(inv.fullyPaidOn)}</dd>
              </div>`
        }
        ${
          inv.repeatingInvoiceId === ''
            ? ''
            : html`<div>
                <dt>Made from</dt>
                <dd><a href="${page.base}/repeating-invoices/${inv.repeatingInvoiceId}">its repeating invoice</a></dd>
              </div>`
        }
      </dl>
      ${actions.length === 0 ? '' : html`<div class="actions" aria-label="Actions">${actions}</div>`}
      <h2>Lines</h2>
      ${linesTable(inv.lines, inv)}
      <h2>Payments and credits</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col">Reference</th>
            <th scope="col" class="num">Amount</th>
            <th scope="col"><span class="muted">Action</span></th>
          </tr>
        </thead>
        <tbody>
          ${
            inv.payments.length + inv.credits.length === 0
              ? html`<tr>
                  <td colspan="5" class="muted">No payments or credits yet.</td>
                </tr>`
              : ''
          }
          ${inv.payments.map(
            (p) =>
              html`<tr>
                <td>${displayDate(p.date)}</td>
                <td>Payment to ${view.paymentAccounts[p.id] ?? 'a bank account'}</td>
                <td>${p.reference}</td>
                <td class="num">${money(p.amount)}</td>
                <td>
                  ${actionButton(page, `${self}/payments/${p.id}/remove`, 'Remove payment', `Remove payment of ${money(p.amount)} on ${displayDate(p.date)}`)}
                </td>
              </tr>`,
          )}
          ${inv.credits.map(
            (c) =>
              html`<tr>
                <td>${displayDate(c.date)}</td>
                <td>Credit note <a href="${page.base}/credit-notes/${c.id}">${c.number || c.id}</a></td>
                <td></td>
                <td class="num">${money(c.amount)}</td>
                <td></td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="3" class="num">Paid</th>
            <td class="num">${money(inv.paid)}</td>
            <td></td>
          </tr>
          <tr>
            <th scope="row" colspan="3" class="num">Credited</th>
            <td class="num">${money(inv.credited)}</td>
            <td></td>
          </tr>
          <tr>
            <th scope="row" colspan="3" class="num">Amount due</th>
            <td class="num"><strong>${money(inv.due)}</strong></td>
            <td></td>
          </tr>
        </tfoot>
      </table>
      ${inv.can.pay ? paymentForm(page, view, `${self}/payments`) : ''} ${inv.can.credit ? creditForm(page, view, `${self}/credit-notes`) : ''}
      <h2>History and notes</h2>
      ${historyTable(view.history)}`,
  });
}
