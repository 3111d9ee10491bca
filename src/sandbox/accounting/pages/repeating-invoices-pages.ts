/** Repeating invoices: the templates, each with its schedule, next date, attachments and the invoices made from it. */
import type { Router } from 'express';
import { html } from '../../web/html.js';
import { listAttachmentSummaries } from '../attachments.js';
import { toInvoiceRow, toRepeatingInvoiceDetail, toRepeatingInvoiceRow } from './document-view-model.js';
import { historyTable, linesTable } from './invoices-views.js';
import { listHistory } from '../history.js';
import { loadRecord } from './not-found.js';
import { pageOf } from './page-context.js';
import { displayDate, money, orgLayout, pager, paginate, pageNumber } from './page-kit.js';

export function mountRepeatingInvoicePages(router: Router): void {
  router.get('/repeating-invoices', async (req, res) => {
    const page = pageOf(res);
    const path = `${page.base}/repeating-invoices`;
    const rows = paginate(
      (await page.store.list('RepeatingInvoices')).filter((r) => r.data['Status'] !== 'DELETED').map((r) => toRepeatingInvoiceRow(r.data)),
      pageNumber(req.query),
    );
    res.type('html').send(
      orgLayout(page, {
        title: 'Repeating invoices',
        area: 'repeating-invoices',
        body: html` ${
          rows.total === 0
            ? html`<p>No repeating invoices yet: an app creates them through the API.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Type</th>
                    <th scope="col">Contact</th>
                    <th scope="col">Repeats</th>
                    <th scope="col">Next date</th>
                    <th scope="col">End date</th>
                    <th scope="col" class="num">Total</th>
                    <th scope="col">Saved as</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.items.map(
                    (r) =>
                      html`<tr>
                        <td><a href="${path}/${r.id}">${r.reference || '(no reference)'}</a></td>
                        <td>${r.type === 'ACCPAY' ? 'Bill' : 'Sales invoice'}</td>
                        <td>${r.contact.name}</td>
                        <td>${r.schedule}</td>
                        <td>${displayDate(r.nextDate) || 'Finished'}</td>
                        <td>${displayDate(r.endDate) || 'No end date'}</td>
                        <td class="num">${money(r.total)}</td>
                        <td>${r.status === 'AUTHORISED' ? 'Approved' : 'Draft'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${pager(path, {}, rows, 'repeating invoices')}`,
      }),
    );
  });

  router.get('/repeating-invoices/:id', async (req, res) => {
    const page = pageOf(res);
    const found = await loadRecord(req, res, 'RepeatingInvoices', 'This organisation has no such repeating invoice.');
    if (!found) return;
    const t = toRepeatingInvoiceDetail(found.data);
    const attachments = await listAttachmentSummaries(page.store, 'RepeatingInvoices', found.id);
    const made = (await page.store.list('Invoices'))
      .filter((r) => String(r.data['RepeatingInvoiceID'] ?? '').toLowerCase() === found.id)
      .map((r) => toInvoiceRow(r.data))
      .sort((a, b) => b.date.localeCompare(a.date));
    res.type('html').send(
      orgLayout(page, {
        title: `Repeating invoice ${t.reference}`.trim(),
        area: 'repeating-invoices',
        body: html` <p><a href="${page.base}/repeating-invoices">All repeating invoices</a></p>
          ${t.status === 'DELETED' ? html`<p class="errors">This repeating invoice was deleted.</p>` : ''}
          <dl class="grid">
            <div>
              <dt>Contact</dt>
              <dd><a href="${page.base}/contacts/${t.contact.id}">${t.contact.name}</a></dd>
            </div>
            <div>
              <dt>Repeats</dt>
              <dd>${t.schedule}</dd>
            </div>
            <div>
              <dt>Starts</dt>
              <dd>${displayDate(t.startDate)}</dd>
            </div>
            <div>
              <dt>Next date</dt>
              <dd><strong>${displayDate(t.nextDate) || 'Finished'}</strong></dd>
            </div>
            <div>
              <dt>Ends</dt>
              <dd>${displayDate(t.endDate) || 'No end date'}</dd>
            </div>
            <div>
              <dt>Due</dt>
              <dd>${t.dueTerms}</dd>
            </div>
            <div>
              <dt>Invoices are saved as</dt>
              <dd>${t.saveAs}</dd>
            </div>
          </dl>
          <h2>Lines</h2>
          ${linesTable(t.lines, t)}
          <h2>Attachments</h2>
          ${
            attachments.length === 0
              ? html`<p class="muted">No attachments.</p>`
              : html`<ul>
                  ${attachments.map((a) => html`<li>${a.fileName} <span class="muted">(${a.mimeType}, ${a.bytes} bytes)</span></li>`)}
                </ul>`
          }
          <h2>Invoices made from it</h2>
          ${
            made.length === 0
              ? html`<p class="muted">None yet: the first is made on the next date.</p>`
              : html`<table>
                  <thead>
                    <tr>
                      <th scope="col">Number</th>
                      <th scope="col">Date</th>
                      <th scope="col">Due date</th>
                      <th scope="col" class="num">Total</th>
                      <th scope="col" class="num">Due</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${made.map(
                      (i) =>
                        html`<tr>
                          <td><a href="${page.base}/invoices/${i.id}">${i.number || '(no number)'}</a></td>
                          <td>${displayDate(i.date)}</td>
                          <td>${displayDate(i.dueDate)}</td>
                          <td class="num">${money(i.total)}</td>
                          <td class="num">${money(i.due)}</td>
                          <td>${i.statusLabel}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
          <h2>History and notes</h2>
          ${historyTable(await listHistory(page.store, 'RepeatingInvoices', found.id))}`,
      }),
    );
  });
}
