/**
 * /RepeatingInvoices: list (where/order, not paged), get one, PUT creates, POST creates or updates
 * (Status DELETED removes the template). Running the schedule is a sandbox admin action.
 * Scope accounting.invoices[.read] (or transactions).
 */
import type { Router } from 'express';
import { runBatch } from './batch.js';
import { route, type ApiRuntime } from './http.js';
import { unitDpOf } from './invoices-routes.js';
import { loadLookups } from './line-items.js';
import { listRecords } from './query.js';
import { saveRepeatingInvoice } from './repeating-invoices-service.js';
import { readBatch } from './request-body.js';
import { getOne } from './settings-routes.js';

export function mountRepeatingInvoiceRoutes(router: Router, rt: ApiRuntime): void {
  router.get(
    '/RepeatingInvoices',
    route(rt, 'invoices', 'read', async (call) => {
      const result = listRecords(await call.store.list('RepeatingInvoices'), call.query, call.req.header('If-Modified-Since'), {
        idField: 'RepeatingInvoiceID',
        paged: false,
      });
      return call.ok('RepeatingInvoices', result.items);
    }),
  );
  router.get(
    '/RepeatingInvoices/:id',
    route(rt, 'invoices', 'read', async (call) => call.ok('RepeatingInvoices', [await getOne(call, 'RepeatingInvoices', String(call.req.params['id']))])),
  );
  const write = (withPathId: boolean) =>
    route(rt, 'invoices', 'write', async (call) => {
      let elements = readBatch(call.body, 'RepeatingInvoices', 'RepeatingInvoice');
      if (withPathId) {
        const id = String((await getOne(call, 'RepeatingInvoices', String(call.req.params['id'])))['RepeatingInvoiceID']);
        elements = elements.map((e) => ({ ...e, RepeatingInvoiceID: id }));
      }
      const lookups = await loadLookups(call.store);
      return runBatch(call, 'RepeatingInvoices', elements, (store, element, events) =>
        saveRepeatingInvoice(store, element, { nowMs: call.nowMs, baseCurrency: call.org.base_currency, events, unitDp: unitDpOf(call), lookups }),
      );
    });
  router.put('/RepeatingInvoices', write(false));
  router.post('/RepeatingInvoices', write(false));
  router.post('/RepeatingInvoices/:id', write(true));
}
