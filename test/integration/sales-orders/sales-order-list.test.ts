import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { salesOrderRepository, salesOrderService } from '../../../src/sales-orders/index.js';
import { SALES_ORDER_STATUSES } from '../../../src/sales-orders/sales-order.js';
import { parseDocumentListQuery } from '../../../src/sales/document-list.js';
import { emptyLineDraft } from '../../../src/sales/lines.js';
import type { SalesLookups } from '../../../src/sales/sales-lookups.js';
import { createContact } from '../../http/quotes/sales-fixtures.js';
import type { Database } from '../../../src/db/database.js';

const lookups: SalesLookups = {
  baseCurrency: 'AUD', currencies: [{ value: 'AUD', label: 'AUD' }], accounts: [], products: [],
  taxRates: [{ taxType: 'OUTPUT', label: 'GST', rate: 100000 }], tracking: [],
};

/** An organisation with one order per given contact name, dated one day apart in that order. */
async function organisationWithOrders(db: Database, name: string, contactNames: string[]) {
  const org = await createTestOrganisation(db, name);
  const tdb = tenantDb(db, org.id);
  const orders = salesOrderService({ tdb, lookups: async () => lookups });
  const drafts = [{ ...emptyLineDraft(), description: 'Work', quantity: '1', unitPrice: '10', taxType: 'OUTPUT' }];
  const ids: string[] = [];
  for (const [i, contactName] of contactNames.entries()) {
    const contactId = await createContact(db, org.id, contactName);
    ids.push(await orders.create({
      values: {
        number: '', contactId, issueDate: `2026-10-${String(i + 1).padStart(2, '0')}`, expiryDate: '', currency: 'AUD', lineAmountTypes: 'Exclusive',
        reference: `Ref ${i + 1}`, notes: '', projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '',
      },
      drafts,
      action: { kind: 'save' },
    }));
  }
  return { org, repo: salesOrderRepository(tdb), ids };
}

const listQuery = (raw: Record<string, string>) => parseDocumentListQuery(raw, SALES_ORDER_STATUSES);

describeEachDialect('sales order list', (ctx) => {
  it('when the list is searched by part of a contact name in another case, then only that contact\'s orders are found, with their contact name', async () => {
    const { db } = ctx.current();
    const mine = await organisationWithOrders(db, 'Mine', ['Harbour Plumbing Ltd', 'Summit Joinery', 'Harbour View Cafe']);
    // Another organisation's contact with a matching name must not bring its orders (or anything) in.
    await organisationWithOrders(db, 'Theirs', ['Harbour Freight']);
    const found = await mine.repo.list(listQuery({ q: 'HARBOUR' }));
    expect(found.total).to.equal(2);
    expect(found.rows.map((r) => r.contactName)).to.deep.equal(['Harbour View Cafe', 'Harbour Plumbing Ltd']);
  });

  it('when the list is searched by number or reference, then those orders are found', async () => {
    const { db } = ctx.current();
    const mine = await organisationWithOrders(db, 'Mine', ['Alpha', 'Beta', 'Gamma']);
    expect((await mine.repo.list(listQuery({ q: 'so-0002' }))).rows.map((r) => r.contactName)).to.deep.equal(['Beta']);
    expect((await mine.repo.list(listQuery({ q: 'ref 3' }))).rows.map((r) => r.contactName)).to.deep.equal(['Gamma']);
  });

  it('when a later page is asked for, then it holds the next orders in the chosen order, and the total counts them all', async () => {
    const { db } = ctx.current();
    const names = Array.from({ length: 30 }, (_, i) => `Customer ${String(i + 1).padStart(2, '0')}`);
    const mine = await organisationWithOrders(db, 'Mine', names);
    const newestFirst = await mine.repo.list(listQuery({ page: '2' }));
    expect(newestFirst.total).to.equal(30);
    expect(newestFirst.rows.map((r) => r.contactName)).to.deep.equal(['Customer 05', 'Customer 04', 'Customer 03', 'Customer 02', 'Customer 01']);
    const byContact = await mine.repo.list(listQuery({ sort: 'contact', dir: 'asc', page: '2' }));
    expect(byContact.rows.map((r) => r.contactName)).to.deep.equal(['Customer 26', 'Customer 27', 'Customer 28', 'Customer 29', 'Customer 30']);
  });
});
