/**
 * /Items: list (where/order, not paged), get by ItemID or Code, PUT creates, POST creates or updates.
 * Scope accounting.invoices[.read] (or settings, which older apps used).
 */
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { reject, runBatch } from './batch.js';
import { route, type ApiCall, type ApiRuntime } from './http.js';
import { listRecords } from './query.js';
import { readBatch } from './request-body.js';
import type { TenantStore } from './store.js';
import { isJsonObject, type JsonObject } from './types.js';
import { msToIso, notFound } from './wire.js';

const READ_ONLY = ['UpdatedDateUTC', 'StatusAttributeString', 'ValidationErrors', 'TotalCostPool', 'QuantityOnHand'];

async function findItem(store: TenantStore, idOrCode: string): Promise<JsonObject | undefined> {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrCode) ? await store.get('Items', idOrCode) : undefined;
  return byId?.data ?? (await store.list('Items')).find((r) => String(r.data['Code']).toLowerCase() === idOrCode.toLowerCase())?.data;
}

/** POST updates an item found by ItemID or Code; PUT only creates. */
async function saveItem(store: TenantStore, raw: JsonObject, nowMs: number, createOnly: boolean): Promise<JsonObject> {
  const input = { ...raw };
  for (const k of READ_ONLY) delete input[k];
  const id = typeof input['ItemID'] === 'string' ? input['ItemID'] : undefined;
  const existing = id
    ? (await store.get('Items', id))?.data
    : typeof input['Code'] === 'string' && !createOnly
      ? await findItem(store, input['Code'])
      : undefined;
  if (id && !existing) reject(`Item with ItemID ${id} could not be found.`);
  const item: JsonObject = {
    ...(existing ?? { ItemID: randomUUID(), IsSold: true, IsPurchased: true, IsTrackedAsInventory: false }),
    ...input,
    UpdatedDateUTC: msToIso(nowMs),
  };
  const code = typeof item['Code'] === 'string' ? item['Code'].trim() : '';
  const errors: string[] = [];
  if (code === '') errors.push('Item code must be specified.');
  if (code.length > 30) errors.push('Item code must not exceed 30 characters.');
  if (String(item['Name'] ?? '').length > 50) errors.push('Item name must not exceed 50 characters.');
  for (const key of ['Description', 'PurchaseDescription']) {
    if (String(item[key] ?? '').length > 4000)
      errors.push(`Item ${key === 'Description' ? 'description' : 'purchase description'} must not exceed 4000 characters.`);
  }
  const clash = code ? await findItem(store, code) : undefined;
  if (clash && clash['ItemID'] !== item['ItemID']) errors.push(`Item code '${code}' already exists.`);
  const accounts = new Set((await store.list('Accounts')).map((a) => String(a.data['Code'])));
  for (const key of ['SalesDetails', 'PurchaseDetails']) {
    const details = item[key];
    const accountCode = isJsonObject(details) ? details['AccountCode'] : undefined;
    if (typeof accountCode === 'string' && accountCode !== '' && !accounts.has(accountCode))
      errors.push(`Account code '${accountCode}' is not a valid code for this document.`);
  }
  if (errors.length > 0) reject(...errors);
  const itemId = String(item['ItemID']);
  const meta = { number: code, updatedAt: nowMs };
  if (existing) await store.update('Items', itemId, item, meta);
  else await store.insert('Items', itemId, item, meta);
  return item;
}

export function mountItemRoutes(router: Router, rt: ApiRuntime): void {
  router.get(
    '/Items',
    route(rt, 'invoices', 'read', async (call) => {
      const result = listRecords(await call.store.list('Items'), call.query, call.req.header('If-Modified-Since'), { idField: 'ItemID', paged: false });
      return call.ok('Items', result.items);
    }),
  );
  router.get(
    '/Items/:id',
    route(rt, 'invoices', 'read', async (call) => {
      const item = await findItem(call.store, String(call.req.params['id']));
      if (!item) throw notFound();
      return call.ok('Items', [item]);
    }),
  );
  const write = (withPathId: boolean) =>
    route(rt, 'invoices', 'write', async (call: ApiCall) => {
      let elements = readBatch(call.body, 'Items', 'Item');
      if (withPathId) {
        const item = await findItem(call.store, String(call.req.params['id']));
        if (!item) throw notFound();
        elements = elements.map((e) => ({ ...e, ItemID: String(item['ItemID']) }));
      }
      return runBatch(call, 'Items', elements, (store, element) => saveItem(store, element, call.nowMs, call.req.method === 'PUT'));
    });
  router.delete(
    '/Items/:id',
    route(rt, 'invoices', 'write', async (call) => {
      const item = await findItem(call.store, String(call.req.params['id']));
      if (!item) throw notFound();
      await call.store.remove('Items', String(item['ItemID']));
      return { status: 204, text: '' };
    }),
  );
  router.put('/Items', write(false));
  router.post('/Items', write(false));
  router.post('/Items/:id', write(true));
}
