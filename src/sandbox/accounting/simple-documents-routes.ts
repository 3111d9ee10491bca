/**
 * /PurchaseOrders and /Quotes: paged lists filtered by Status and date ranges (and, for quotes,
 * contact and number), get by id or number (JSON or PDF), PUT creates, POST creates or updates.
 * Scope accounting.invoices[.read] (or transactions).
 */
import type { Router } from 'express';
import { runBatch } from './batch.js';
import { route, type ApiCall, type ApiRuntime } from './http.js';
import { pdfReply, unitDpOf, wantsPdf } from './invoices-routes.js';
import { loadLookups } from './line-items.js';
import { listRecords } from './query.js';
import { readBatch } from './request-body.js';
import { PURCHASE_ORDERS, QUOTES, saveSimpleDocument, type DocumentKind } from './simple-documents.js';
import type { JsonObject, StoredRecord } from './types.js';
import { notFound, parseDateInput, queryParseError } from './wire.js';

async function findDocument(call: ApiCall, kind: DocumentKind, idOrNumber: string): Promise<JsonObject> {
  const found = /^[0-9a-f-]{36}$/i.test(idOrNumber)
    ? await call.store.get(kind.collection, idOrNumber)
    : await call.store.findByNumber(kind.collection, idOrNumber);
  if (!found) throw notFound();
  return found.data;
}

function dateParam(call: ApiCall, name: string): string | undefined {
  const value = call.query.string(name);
  if (value === undefined) return undefined;
  const date = parseDateInput(value);
  if (!date) throw queryParseError(`The value '${value}' is not a valid date for ${name}.`);
  return date;
}

function filterByRanges(call: ApiCall, kind: DocumentKind, records: StoredRecord[]): StoredRecord[] {
  const ranges: [string, string, 'from' | 'to'][] = [
    ['DateFrom', 'Date', 'from'],
    ['DateTo', 'Date', 'to'],
    ['ExpiryDateFrom', 'ExpiryDate', 'from'],
    ['ExpiryDateTo', 'ExpiryDate', 'to'],
  ];
  let out = records;
  for (const [param, field, edge] of ranges) {
    const bound = dateParam(call, param);
    if (!bound) continue;
    out = out.filter((r) => {
      const v = r.data[field];
      return typeof v === 'string' && (edge === 'from' ? v >= bound : v <= bound);
    });
  }
  const status = call.query.string('Status');
  if (status) out = out.filter((r) => r.status === status.toUpperCase());
  const contactId = call.query.string('ContactID');
  if (contactId)
    out = out.filter((r) => typeof r.data['Contact'] === 'object' && String((r.data['Contact'] as JsonObject)['ContactID']) === contactId.toLowerCase());
  const number = call.query.string(kind.numberField);
  if (number) out = out.filter((r) => r.number === number);
  return out;
}

function mountKind(router: Router, rt: ApiRuntime, kind: DocumentKind): void {
  const path = `/${kind.collection}`;
  router.get(
    path,
    route(rt, 'invoices', 'read', async (call) => {
      const records = filterByRanges(call, kind, await call.store.list(kind.collection));
      const result = listRecords(records, call.query, call.req.header('If-Modified-Since'), { idField: kind.idField, paged: true });
      return call.ok(kind.collection, result.items, result.pagination);
    }),
  );
  router.get(
    `${path}/:id`,
    route(rt, 'invoices', 'read', async (call) => {
      const doc = await findDocument(call, kind, String(call.req.params['id']));
      if (wantsPdf(call)) return pdfReply(kind.label, doc, kind.numberField, kind.idField);
      return call.ok(kind.collection, [doc]);
    }),
  );
  const write = (withPathId: boolean) =>
    route(rt, 'invoices', 'write', async (call) => {
      let elements = readBatch(call.body, kind.collection, kind.collection === 'Quotes' ? 'Quote' : 'PurchaseOrder');
      if (withPathId) {
        const doc = await findDocument(call, kind, String(call.req.params['id']));
        elements = elements.map((e) => ({ ...e, [kind.idField]: String(doc[kind.idField]) }));
      }
      const lookups = await loadLookups(call.store);
      return runBatch(call, kind.collection, elements, (store, element, events) =>
        saveSimpleDocument(kind, store, element, { nowMs: call.nowMs, baseCurrency: call.org.base_currency, events, unitDp: unitDpOf(call), lookups }),
      );
    });
  router.put(path, write(false));
  router.post(path, write(false));
  router.post(`${path}/:id`, write(true));
}

export function mountPurchaseOrderRoutes(router: Router, rt: ApiRuntime): void {
  mountKind(router, rt, PURCHASE_ORDERS);
}

export function mountQuoteRoutes(router: Router, rt: ApiRuntime): void {
  mountKind(router, rt, QUOTES);
}
