/**
 * History notes: `PUT /{Collection}/{id}/History` with `{"HistoryRecords":[{"Details":"…"}]}` adds
 * notes; GET lists them. Scope follows the record's collection.
 */
import type { Router } from 'express';
import { addHistory, listHistory, SYSTEM_USER } from './history.js';
import { route, type ApiRuntime } from './http.js';
import { readBatch } from './request-body.js';
import type { ScopeArea } from './scopes.js';
import type { Collection, JsonObject } from './types.js';
import { msToIso, notFound, validationException } from './wire.js';

const HISTORY: [Collection, ScopeArea][] = [
  ['Invoices', 'invoices'],
  ['CreditNotes', 'invoices'],
  ['PurchaseOrders', 'invoices'],
  ['Quotes', 'invoices'],
  ['RepeatingInvoices', 'invoices'],
  ['Items', 'invoices'],
  ['Contacts', 'contacts'],
  ['Payments', 'payments'],
];
/** Xero: "Max Length 250 characters". */
const MAX_DETAILS = 250;

export function mountHistoryRoutes(router: Router, rt: ApiRuntime): void {
  for (const [collection, area] of HISTORY) {
    const path = `/${collection}/:id/History`;
    const recordId = async (id: string, store: { get: (c: Collection, id: string) => Promise<unknown> }) => {
      if (!/^[0-9a-f-]{36}$/i.test(id) || !(await store.get(collection, id))) throw notFound();
      return id.toLowerCase();
    };
    router.get(
      path,
      route(rt, area, 'read', async (call) => {
        const id = await recordId(String(call.req.params['id']), call.store);
        const entries = await listHistory(call.store, collection, id);
        return call.ok(
          'HistoryRecords',
          entries.map((e) => ({ Changes: e.changes, DateUTC: msToIso(e.atMs), User: e.user, Details: e.details })),
        );
      }),
    );
    const add = route(rt, area, 'write', async (call) => {
      const id = await recordId(String(call.req.params['id']), call.store);
      const notes = readBatch(call.body, 'HistoryRecords', 'HistoryRecord');
      const bad = notes.filter((n) => typeof n['Details'] !== 'string' || n['Details'].trim() === '' || n['Details'].length > MAX_DETAILS);
      if (bad.length > 0)
        throw validationException(
          bad.map((n) => ({ ...n, ValidationErrors: [{ Message: `The Details of a history note must be 1 to ${MAX_DETAILS} characters.` }] })),
        );
      // Xero answers a PUT with the notes' dates and details only; GET shows them as Changes "Note" by "System Generated".
      const created: JsonObject[] = notes.map((n) => ({ DateUTC: msToIso(call.nowMs), Details: String(n['Details']), ValidationErrors: [] }));
      await call.store.transaction(async (store) => {
        for (const note of created) await addHistory(store, collection, id, 'Note', String(note['Details']), SYSTEM_USER, call.nowMs);
      });
      return call.ok('HistoryRecords', created);
    });
    router.put(path, add);
    router.post(path, add);
  }
}
