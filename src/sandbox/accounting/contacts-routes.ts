/**
 * /Contacts: list (paged, filtered, searchable), get by ContactID or ContactNumber, PUT creates,
 * POST creates or updates. Scope accounting.contacts[.read].
 */
import type { Router } from 'express';
import { runBatch } from './batch.js';
import { contactBalances } from './contact-balances.js';
import { saveContact } from './contacts-service.js';
import { route, type ApiRuntime } from './http.js';
import { listRecords } from './query.js';
import { readBatch } from './request-body.js';
import type { JsonObject } from './types.js';
import { notFound } from './wire.js';

const SUMMARY_OMITS = [
  'Addresses',
  'Phones',
  'ContactPersons',
  'ContactGroups',
  'PaymentTerms',
  'Balances',
  'BatchPayments',
  'SalesTrackingCategories',
  'PurchasesTrackingCategories',
];

function matchesSearch(contact: JsonObject, term: string): boolean {
  const t = term.toLowerCase();
  return ['Name', 'FirstName', 'LastName', 'ContactNumber', 'CompanyNumber', 'EmailAddress'].some((k) =>
    String(contact[k] ?? '')
      .toLowerCase()
      .includes(t),
  );
}

/** `today(tenantId)`: the organisation's date (`YYYY-MM-DD`, its schedule clock), for what is overdue. */
export function mountContactRoutes(router: Router, rt: ApiRuntime, today: (tenantId: string) => Promise<string>): void {
  router.get(
    '/Contacts',
    route(rt, 'contacts', 'read', async (call) => {
      const term = call.query.string('searchTerm');
      const all = await call.store.list('Contacts');
      const records = term ? all.filter((r) => matchesSearch(r.data, term)) : all;
      const result = listRecords(records, call.query, call.req.header('If-Modified-Since'), {
        idField: 'ContactID',
        paged: true,
        archived: (c) => c['ContactStatus'] === 'ARCHIVED',
        defaultOrder: 'Name ASC',
      });
      const items = call.query.bool('summaryOnly')
        ? result.items.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => !SUMMARY_OMITS.includes(k))))
        : result.items;
      return call.ok('Contacts', items, result.pagination);
    }),
  );

  router.get(
    '/Contacts/:id',
    route(rt, 'contacts', 'read', async (call) => {
      const id = String(call.req.params['id']);
      const byId = /^[0-9a-f-]{36}$/i.test(id) ? await call.store.get('Contacts', id) : undefined;
      const contact = byId?.data ?? (await call.store.list('Contacts')).find((c) => c.data['ContactNumber'] === id)?.data;
      if (!contact) throw notFound();
      // Like Xero, only the single-contact GET carries Balances, computed from its invoices and bills.
      const balances = await contactBalances(call.store, String(contact['ContactID']), await today(call.org.tenant_id));
      return call.ok('Contacts', [{ ...contact, Balances: balances }]);
    }),
  );

  const write = (withPathId: boolean) =>
    route(rt, 'contacts', 'write', async (call) => {
      const elements = readBatch(call.body, 'Contacts', 'Contact');
      const pathId = withPathId ? String(call.req.params['id']) : undefined;
      if (pathId && !(await call.store.get('Contacts', pathId))) throw notFound();
      const withIds = pathId ? elements.map((e) => ({ ...e, ContactID: pathId })) : elements;
      return runBatch(call, 'Contacts', withIds, (store, element, events) => saveContact(store, element, call.nowMs, events));
    });
  router.put('/Contacts', write(false));
  router.post('/Contacts', write(false));
  router.post('/Contacts/:id', write(true));
}
