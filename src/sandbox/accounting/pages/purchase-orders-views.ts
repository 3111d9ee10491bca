/** The purchase order list and a purchase order's page, with Approve, Mark as billed, Copy to bill, Delete. */
import { html, type SafeHtml } from '../../web/html.js';
import type { HistoryEntry } from '../history.js';
import { PURCHASE_ORDER_STATUS_LABELS, type PurchaseOrderDetail, type PurchaseOrderRow } from './document-view-model.js';
import { historyTable, linesTable } from './invoices-views.js';
import type { OrganisationPage } from './page-context.js';
import { actionButton, displayDate, formErrors, money, notice, orgLayout, pager, selectOptions, type FieldError, type Paged } from './page-kit.js';

export function purchaseOrderListPage(page: OrganisationPage, view: { rows: Paged<PurchaseOrderRow>; status: string; anyAtAll: boolean }): string {
  const path = `${page.base}/purchase-orders`;
  const statusChoices = [{ value: '', label: 'Any status' }, ...Object.entries(PURCHASE_ORDER_STATUS_LABELS).map(([value, label]) => ({ value, label }))];
  return orgLayout(page, {
    title: 'Purchase orders',
    area: 'purchase-orders',
    body: html` <form method="get" action="${path}" class="filters">
        <div>
          <label for="filter-status">Status</label
          ><select id="filter-status" name="status">
            ${selectOptions(statusChoices, view.status)}
          </select>
        </div>
        <div><button type="submit">Filter</button></div>
      </form>
      ${
        view.rows.total === 0
          ? html`<p>${view.anyAtAll ? 'No purchase orders match this filter.' : 'No purchase orders yet: an app creates them through the API.'}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Supplier</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Date</th>
                  <th scope="col">Delivery date</th>
                  <th scope="col" class="num">Total</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${view.rows.items.map(
                  (r) =>
                    html`<tr>
                      <td><a href="${path}/${r.id}">${r.number}</a></td>
                      <td>${r.contact.name}</td>
                      <td>${r.reference}</td>
                      <td>${displayDate(r.date)}</td>
                      <td>${displayDate(r.deliveryDate)}</td>
                      <td class="num">${money(r.total)}</td>
                      <td>${r.statusLabel}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${pager(path, { status: view.status }, view.rows, 'purchase orders')}`,
  });
}

export interface PurchaseOrderPageView {
  order: PurchaseOrderDetail;
  history: HistoryEntry[];
  /** Bills whose reference is this order's number (Copy to bill makes them). */
  bills: { id: string; number: string; statusLabel: string; total: number }[];
  errors: FieldError[];
  notice: string | undefined;
}

export function purchaseOrderPage(page: OrganisationPage, view: PurchaseOrderPageView): string {
  const po = view.order;
  const self = `${page.base}/purchase-orders/${po.id}`;
  const actions: SafeHtml[] = [];
  if (po.can.approve) actions.push(actionButton(page, `${self}/approve`, 'Approve'));
  if (po.can.bill) actions.push(actionButton(page, `${self}/copy-to-bill`, 'Copy to bill'), actionButton(page, `${self}/mark-billed`, 'Mark as billed'));
  if (po.can.delete) actions.push(actionButton(page, `${self}/delete`, 'Delete'));
  return orgLayout(page, {
    title: `Purchase order ${po.number}`,
    area: 'purchase-orders',
    body: html` <p><a href="${page.base}/purchase-orders">All purchase orders</a></p>
      ${notice(view.notice)} ${formErrors(view.errors)}
      <dl class="grid">
        <div>
          <dt>Status</dt>
          <dd><strong>${po.statusLabel}</strong></dd>
        </div>
        <div>
          <dt>Supplier</dt>
          <dd><a href="${page.base}/contacts/${po.contact.id}">${po.contact.name}</a></dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>${displayDate(po.date)}</dd>
        </div>
        <div>
          <dt>Delivery date</dt>
          <dd>${displayDate(po.deliveryDate) || html`<span class="muted">None</span>`}</dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>${po.reference || html`<span class="muted">None</span>`}</dd>
        </div>
        <div>
          <dt>Attention</dt>
          <dd>${po.attentionTo || html`<span class="muted">None</span>`}</dd>
        </div>
      </dl>
      ${actions.length === 0 ? '' : html`<div class="actions" aria-label="Actions">${actions}</div>`}
      <h2>Lines</h2>
      ${linesTable(po.lines, po)}
      <h2>Bills</h2>
      ${
        view.bills.length === 0
          ? html`<p class="muted">No bill made from this order.</p>`
          : html`<ul>
              ${view.bills.map((b) => html`<li><a href="${page.base}/invoices/${b.id}">Bill ${b.number || '(no number)'}</a>: ${money(b.total)}, ${b.statusLabel}</li>`)}
            </ul>`
      }
      <h2>History and notes</h2>
      ${historyTable(view.history)}`,
  });
}
