/** A quote, read only (deep links to quotes land here). */
import type { Router } from 'express';
import { html } from '../../web/html.js';
import { listHistory } from '../history.js';
import { toQuoteDetail } from './document-view-model.js';
import { historyTable, linesTable } from './invoices-views.js';
import { loadRecord } from './not-found.js';
import { pageOf } from './page-context.js';
import { displayDate, orgLayout } from './page-kit.js';

export function mountQuotePages(router: Router): void {
  router.get('/quotes/:id', async (req, res) => {
    const page = pageOf(res);
    const found = await loadRecord(req, res, 'Quotes', 'This organisation has no such quote.');
    if (!found) return;
    const q = toQuoteDetail(found.data);
    res.type('html').send(
      orgLayout(page, {
        title: `Quote ${q.number}`.trim(),
        area: 'invoices',
        body: html` <dl class="grid">
            <div>
              <dt>Status</dt>
              <dd>${q.status}</dd>
            </div>
            <div>
              <dt>To</dt>
              <dd><a href="${page.base}/contacts/${q.contact.id}">${q.contact.name}</a></dd>
            </div>
            <div>
              <dt>Date</dt>
              <dd>${displayDate(q.date)}</dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>${displayDate(q.expiryDate) || html`<span class="muted">None</span>`}</dd>
            </div>
          </dl>
          ${linesTable(q.lines, q)}
          <h2>History and notes</h2>
          ${historyTable(await listHistory(page.store, 'Quotes', found.id))}`,
      }),
    );
  });
}
