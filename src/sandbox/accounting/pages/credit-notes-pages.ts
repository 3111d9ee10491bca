/** A credit note's page: its lines, totals, remaining credit, allocations to invoices and history. */
import type { Router } from 'express';
import { html } from '../../web/html.js';
import { listHistory } from '../history.js';
import { toCreditNoteDetail } from './document-view-model.js';
import { historyTable, linesTable } from './invoices-views.js';
import { loadRecord } from './not-found.js';
import { pageOf } from './page-context.js';
import { displayDate, money, notice, orgLayout, queryValue } from './page-kit.js';

const DONE: Record<string, string> = { added: 'Credit note added and applied to the invoice.' };

export function mountCreditNotePages(router: Router): void {
  router.get('/credit-notes/:id', async (req, res) => {
    const page = pageOf(res);
    const found = await loadRecord(req, res, 'CreditNotes', 'This organisation has no such credit note.');
    if (!found) return;
    const cn = toCreditNoteDetail(found.data);
    res.type('html').send(
      orgLayout(page, {
        title: `${cn.typeLabel} ${cn.number}`.trim(),
        area: 'invoices',
        body: html` <p><a href="${page.base}/invoices">All invoices</a></p>
          ${notice(DONE[queryValue(req.query, 'done')])}
          <dl class="grid">
            <div>
              <dt>Status</dt>
              <dd><strong>${cn.statusLabel}</strong></dd>
            </div>
            <div>
              <dt>${cn.type === 'ACCPAYCREDIT' ? 'From' : 'To'}</dt>
              <dd><a href="${page.base}/contacts/${cn.contact.id}">${cn.contact.name}</a></dd>
            </div>
            <div>
              <dt>Date</dt>
              <dd>${displayDate(cn.date)}</dd>
            </div>
            <div>
              <dt>Reference</dt>
              <dd>${cn.reference || html`<span class="muted">None</span>`}</dd>
            </div>
            <div>
              <dt>Remaining credit</dt>
              <dd><strong>${money(cn.remainingCredit)} ${cn.currency}</strong></dd>
            </div>
          </dl>
          <h2>Lines</h2>
          ${linesTable(cn.lines, cn)}
          <h2>Allocations</h2>
          ${
            cn.allocations.length === 0
              ? html`<p class="muted">Not applied to any invoice.</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Invoice</th>
                      <th scope="col" class="num">Amount</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${cn.allocations.map(
                      (a) =>
                        html`<tr>
                          <td>${displayDate(a.date)}</td>
                          <td><a href="${page.base}/invoices/${a.invoiceId}">${a.invoiceNumber || a.invoiceId}</a></td>
                          <td class="num">${money(a.amount)}</td>
                        </tr>`,
                    )}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colspan="2" class="num">Remaining credit</th>
                      <td class="num">${money(cn.remainingCredit)}</td>
                    </tr>
                  </tfoot>
                </table>`
          }
          <h2>History and notes</h2>
          ${historyTable(await listHistory(page.store, 'CreditNotes', found.id))}`,
      }),
    );
  });
}
