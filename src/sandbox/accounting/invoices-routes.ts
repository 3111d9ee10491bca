/**
 * /Invoices: list (paged, filtered), get by InvoiceID or InvoiceNumber (JSON or PDF), PUT creates,
 * POST creates or updates, OnlineInvoice. Scope accounting.invoices[.read] (or transactions).
 */
import type { Router } from 'express';
import { runBatch } from './batch.js';
import { documentLines } from './documents-view.js';
import { route, type ApiCall, type ApiRuntime } from './http.js';
import { saveInvoice } from './invoices-service.js';
import { loadLookups } from './line-items.js';
import { renderPdf } from './pdf.js';
import { listRecords } from './query.js';
import type { ApiReply } from './reply.js';
import { readBatch } from './request-body.js';
import type { JsonObject } from './types.js';
import { msToIso, notFound, validationException } from './wire.js';

export async function findInvoice(call: ApiCall, idOrNumber: string): Promise<JsonObject> {
  const found = /^[0-9a-f-]{36}$/i.test(idOrNumber) ? await call.store.get('Invoices', idOrNumber) : await call.store.findByNumber('Invoices', idOrNumber);
  if (!found) throw notFound();
  return found.data;
}

/** `unitdp=4` keeps unit amounts to four places; otherwise Xero rounds them to two. */
export function unitDpOf(call: ApiCall): 2 | 4 {
  return call.query.int('unitdp') === 4 ? 4 : 2;
}

export function wantsPdf(call: ApiCall): boolean {
  return /application\/pdf/i.test(call.req.header('Accept') ?? '');
}

export function pdfReply(title: string, doc: JsonObject, numberField: string, idField: string): ApiReply {
  return {
    status: 200,
    bytes: renderPdf(documentLines(title, doc, numberField)),
    contentType: 'application/pdf',
    headers: { 'Content-Disposition': `inline; filename="${String(doc[numberField] ?? doc[idField] ?? 'document').replace(/[^\w.-]/g, '_')}.pdf"` },
  };
}

export function onlineInvoiceUrl(call: ApiCall, invoiceId: string): string {
  return `${call.req.protocol}://${call.req.get('host') ?? 'localhost'}/sandbox-online-invoice/${call.org.tenant_id}/${invoiceId}`;
}

export function mountInvoiceRoutes(router: Router, rt: ApiRuntime): void {
  router.get(
    '/Invoices',
    route(rt, 'invoices', 'read', async (call) => {
      const term = call.query.string('searchTerm')?.toLowerCase();
      const all = await call.store.list('Invoices');
      const records = term
        ? all.filter((r) =>
            ['InvoiceNumber', 'Reference'].some((k) =>
              String(r.data[k] ?? '')
                .toLowerCase()
                .includes(term),
            ),
          )
        : all;
      const result = listRecords(records, call.query, call.req.header('If-Modified-Since'), {
        idField: 'InvoiceID',
        paged: true,
        lists: { InvoiceNumbers: 'InvoiceNumber', ContactIDs: 'Contact.ContactID', Statuses: 'Status' },
      });
      // Xero sends line items in a list only when it is paged (and never with summaryOnly).
      const summary = call.query.bool('summaryOnly') === true;
      const items =
        summary || !result.pagination
          ? result.items.map(({ LineItems: _lines, Payments: payments, ...rest }) =>
              summary ? rest : { ...rest, ...(payments !== undefined ? { Payments: payments } : {}) },
            )
          : result.items;
      return call.ok('Invoices', items, result.pagination);
    }),
  );

  router.get(
    '/Invoices/:id',
    route(rt, 'invoices', 'read', async (call) => {
      const invoice = await findInvoice(call, String(call.req.params['id']));
      if (wantsPdf(call)) return pdfReply(invoice['Type'] === 'ACCPAY' ? 'Bill' : 'Tax Invoice', invoice, 'InvoiceNumber', 'InvoiceID');
      return call.ok('Invoices', [invoice]);
    }),
  );

  router.get(
    '/Invoices/:id/OnlineInvoice',
    route(rt, 'invoices', 'read', async (call) => {
      const invoice = await findInvoice(call, String(call.req.params['id']));
      if (invoice['Type'] !== 'ACCREC' || !['AUTHORISED', 'PAID', 'SUBMITTED'].includes(String(invoice['Status']))) {
        throw validationException([
          { InvoiceID: String(invoice['InvoiceID']), ValidationErrors: [{ Message: 'Online invoices are only available for approved sales invoices.' }] },
        ]);
      }
      return call.ok('OnlineInvoices', [{ OnlineInvoiceUrl: onlineInvoiceUrl(call, String(invoice['InvoiceID'])) }]);
    }),
  );

  // Xero e-mails an approved sales invoice to its contact and marks it sent; the sandbox only marks it.
  router.post(
    '/Invoices/:id/Email',
    route(rt, 'invoices', 'write', async (call) => {
      const invoice = await findInvoice(call, String(call.req.params['id']));
      const contact = await call.store.get('Contacts', String((invoice['Contact'] as JsonObject | undefined)?.['ContactID'] ?? ''));
      const problems: string[] = [];
      if (invoice['Type'] !== 'ACCREC' || !['AUTHORISED', 'PAID'].includes(String(invoice['Status'])))
        problems.push('Only approved sales invoices can be emailed.');
      if (typeof contact?.data['EmailAddress'] !== 'string' || contact.data['EmailAddress'] === '') problems.push('The contact has no email address.');
      if (problems.length > 0)
        throw validationException([{ InvoiceID: String(invoice['InvoiceID']), ValidationErrors: problems.map((Message) => ({ Message })) }]);
      const stored = await call.store.get('Invoices', String(invoice['InvoiceID']));
      if (stored) {
        await call.store.update(
          'Invoices',
          stored.id,
          { ...stored.data, SentToContact: true, UpdatedDateUTC: msToIso(call.nowMs) },
          { number: stored.number, status: stored.status, updatedAt: call.nowMs },
        );
        call.events.push({ category: 'INVOICE', type: 'UPDATE', resourceId: String(invoice['InvoiceID']), atMs: call.nowMs });
      }
      return { status: 204, text: '' };
    }),
  );

  const write = (withPathId: boolean) =>
    route(rt, 'invoices', 'write', async (call) => {
      const elements = readBatch(call.body, 'Invoices', 'Invoice');
      let batch = elements;
      if (withPathId) {
        const invoice = await findInvoice(call, String(call.req.params['id']));
        batch = elements.map((e) => ({ ...e, InvoiceID: String(invoice['InvoiceID']) }));
      }
      const lookups = await loadLookups(call.store);
      return runBatch(call, 'Invoices', batch, (store, element, events) =>
        saveInvoice(store, element, {
          nowMs: call.nowMs,
          baseCurrency: call.org.base_currency,
          events,
          unitDp: unitDpOf(call),
          lookups,
          matchByNumber: call.req.method === 'POST',
        }),
      );
    });
  router.put('/Invoices', write(false));
  router.post('/Invoices', write(false));
  router.post('/Invoices/:id', write(true));
}
