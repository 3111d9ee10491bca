/**
 * /Payments: list (paged, filtered), get one, PUT/POST create (batches), POST /Payments/{id} with
 * Status DELETED removes one. Scope accounting.payments[.read] (or transactions).
 */
import type { Router } from 'express';
import { runBatch } from './batch.js';
import { route, type ApiRuntime } from './http.js';
import { createPayment, deletePayment } from './payments-service.js';
import { listRecords } from './query.js';
import { readBatch } from './request-body.js';
import { getOne } from './settings-routes.js';

export function mountPaymentRoutes(router: Router, rt: ApiRuntime): void {
  router.get(
    '/Payments',
    route(rt, 'payments', 'read', async (call) => {
      const result = listRecords(await call.store.list('Payments'), call.query, call.req.header('If-Modified-Since'), { idField: 'PaymentID', paged: true });
      return call.ok('Payments', result.items, result.pagination);
    }),
  );
  router.get(
    '/Payments/:id',
    route(rt, 'payments', 'read', async (call) => call.ok('Payments', [await getOne(call, 'Payments', String(call.req.params['id']))])),
  );
  const create = route(rt, 'payments', 'write', async (call) => {
    const elements = readBatch(call.body, 'Payments', 'Payment');
    return runBatch(call, 'Payments', elements, (store, element, events) => createPayment(store, element, { nowMs: call.nowMs, events }));
  });
  router.put('/Payments', create);
  router.post('/Payments', create);
  router.post(
    '/Payments/:id',
    route(rt, 'payments', 'write', async (call) => {
      const id = String(call.req.params['id']);
      await getOne(call, 'Payments', id);
      const elements = readBatch(call.body, 'Payments', 'Payment');
      return runBatch(call, 'Payments', elements, (store, element, events) => deletePayment(store, id, element, { nowMs: call.nowMs, events }));
    }),
  );
}
