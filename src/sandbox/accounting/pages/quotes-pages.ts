/** A quote, read only (deep links to quotes land here). */
import type { Router } from 'express';
import { html } from '../../web/html.js';
import { listHistory } from '../history.js';
import { toLines } from './document-view-model.js';
import { historyTable, linesTable } from './invoices-views.js';
import { notFoundPage } from './not-found.js';
import { pageOf, recordId } from './page-context.js';
import { displayDate, orgLayout } from './page-kit.js';

export function mountQuotePages(router: Router): void {
  router.get('/quotes/:id', async (req, res) => {
    const page = pageOf(res);
    const id = recordId(req);
    const found = id === undefined ? undefined : await page.store.get('Quotes', id);
    if (!found) return notFoundPage(res, page.visitor.email, 'This organisation has no such quote.');
    const q = found.data;
    const contact = typeof q['Contact'] === 'object' && q['Contact'] !== null && !Array.isArray(q['Contact']) ? q['Contact'] : {};
    res.type('html').send(orgLayout(page, {
      title: `Quote ${String(q['QuoteNumber'] ?? '')}`.trim(),
      area: 'invoices',
      body: html`
<dl class="grid">
<div><dt>Status</dt><dd>${String(q['Status'] ?? '')}</dd></div>
<div><dt>To</dt><dd>${String(contact['Name'] ?? '')}</dd></div>
<div><dt>Date</dt><dd>${displayDate(String(q['Date'] ?? ''))}</dd></div>
<div><dt>Expires</dt><dd>${displayDate(String(q['ExpiryDate'] ?? ''))}</dd></div>
</dl>
${linesTable(toLines(q), { subTotal: Number(q['SubTotal'] ?? 0), totalTax: Number(q['TotalTax'] ?? 0), total: Number(q['Total'] ?? 0), currency: String(q['CurrencyCode'] ?? ''), lineAmountTypes: String(q['LineAmountTypes'] ?? '') })}
<h2>History and notes</h2>
${historyTable(await listHistory(page.store, 'Quotes', found.id))}`,
    }));
  });
}
