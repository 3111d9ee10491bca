/**
 * /CreditNotes: list (paged, where/order), get by CreditNoteID or number (JSON or PDF), PUT creates,
 * POST creates or updates; PUT /CreditNotes/{id}/Allocations applies credit to invoices, DELETE
 * …/Allocations/{AllocationID} removes one. Scope accounting.invoices[.read] (or transactions).
 */
import type { Router } from 'express';
import { runBatch } from './batch.js';
import { allocateCreditNote, deleteAllocation, findCreditNote, saveCreditNote } from './credit-notes-service.js';
import { route, type ApiCall, type ApiRuntime } from './http.js';
import { pdfReply, unitDpOf, wantsPdf } from './invoices-routes.js';
import { loadLookups } from './line-items.js';
import { listRecords } from './query.js';
import { readBatch } from './request-body.js';
import { isJsonObject, type JsonObject } from './types.js';
import { notFound, toWire } from './wire.js';

async function creditNoteOf(call: ApiCall): Promise<JsonObject> {
  const found = await findCreditNote(call.store, String(call.req.params['id']));
  if (!found) throw notFound();
  return found.data;
}

export function mountCreditNoteRoutes(router: Router, rt: ApiRuntime): void {
  router.get(
    '/CreditNotes',
    route(rt, 'invoices', 'read', async (call) => {
      const result = listRecords(await call.store.list('CreditNotes'), call.query, call.req.header('If-Modified-Since'), {
        idField: 'CreditNoteID',
        paged: true,
      });
      // As with invoices, line items come only in paged lists.
      const items = result.pagination ? result.items : result.items.map(({ LineItems: _lines, ...rest }) => rest);
      return call.ok('CreditNotes', items, result.pagination);
    }),
  );
  router.get(
    '/CreditNotes/:id',
    route(rt, 'invoices', 'read', async (call) => {
      const note = await creditNoteOf(call);
      if (wantsPdf(call)) return pdfReply('Credit Note', note, 'CreditNoteNumber', 'CreditNoteID');
      return call.ok('CreditNotes', [note]);
    }),
  );

  const write = (withPathId: boolean) =>
    route(rt, 'invoices', 'write', async (call) => {
      let elements = readBatch(call.body, 'CreditNotes', 'CreditNote');
      if (withPathId) {
        const id = String((await creditNoteOf(call))['CreditNoteID']);
        elements = elements.map((e) => ({ ...e, CreditNoteID: id }));
      }
      const lookups = await loadLookups(call.store);
      return runBatch(call, 'CreditNotes', elements, (store, element, events) =>
        saveCreditNote(store, element, { nowMs: call.nowMs, baseCurrency: call.org.base_currency, events, unitDp: unitDpOf(call), lookups }),
      );
    });
  router.put('/CreditNotes', write(false));
  router.post('/CreditNotes', write(false));
  router.post('/CreditNotes/:id', write(true));

  router.put(
    '/CreditNotes/:id/Allocations',
    route(rt, 'invoices', 'write', async (call) => {
      const id = String((await creditNoteOf(call))['CreditNoteID']);
      const elements = readBatch(call.body, 'Allocations', 'Allocation');
      return runBatch(call, 'Allocations', elements, (store, element, events) => allocateCreditNote(store, id, element, { nowMs: call.nowMs, events }));
    }),
  );
  router.delete(
    '/CreditNotes/:id/Allocations/:allocationId',
    route(rt, 'invoices', 'write', async (call) => {
      const id = String((await creditNoteOf(call))['CreditNoteID']);
      const events = call.events;
      const removed = await call.store.transaction((store) =>
        deleteAllocation(store, id, String(call.req.params['allocationId']), { nowMs: call.nowMs, events }),
      );
      if (!removed) throw notFound();
      // Xero answers this one with the bare Allocation (IsDeleted true), not an envelope.
      const json = toWire(removed);
      return { status: 200, json: isJsonObject(json) ? json : {} };
    }),
  );
}
