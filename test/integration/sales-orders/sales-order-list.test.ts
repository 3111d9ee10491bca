import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { salesOrderRepository, salesOrderService } from '../../../src/sales-orders/index.js';
import { SALES_ORDER_STATUSES } from '../../../src/sales-orders/sales-order.js';
import { parseDocumentListQuery } from '../../../src/documents/document-list.js';
import { emptyLineDraft } from '../../../src/documents/lines.js';
import type { LineLookups } from '../../../src/documents/line-lookups.js';
import { createContact } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';
import { contactRepository } from '../../../src/contacts/index.js';
import { quoteRepository, quoteService } from '../../../src/quotes/index.js';
import { salesOrderOfQuote } from '../../../src/sales-orders/index.js';
import { contactInput } from '../../fixtures/contacts.js';

const lookups: LineLookups = {
  baseCurrency: 'AUD',
  currencies: [{ value: 'AUD', label: 'AUD' }],
  accounts: [],
  products: [],
  taxRates: [{ taxType: 'OUTPUT', label: 'GST', rate: 100000 }],
  tracking: [],
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
    ids.push(
      await orders.create({
        values: {
          number: '',
          contactId,
          issueDate: `2026-10-${String(i + 1).padStart(2, '0')}`,
          expiryDate: '',
          currency: 'AUD',
          lineAmountTypes: 'Exclusive',
          reference: `Ref ${i + 1}`,
          notes: '',
          projectId: '',
          dueDate: '',
          deliveryAddress: '',
          deliveryDate: '',
          deliveryInstructions: '',
        },
        drafts,
        action: { kind: 'save' },
      }),
    );
  }
  return { org, repo: salesOrderRepository(tdb), ids };
}

const listQuery = (raw: Record<string, string>) => parseDocumentListQuery(raw, SALES_ORDER_STATUSES);

describeEachDialect('sales order list', (ctx) => {
  it("when the list is searched by part of a contact name in another case, then only that contact's orders are found, with their contact name", async () => {
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

  describe('the search key the database keeps (contact name, number, reference)', () => {
    it('when a contact is renamed (as the form and the Xero import do), then its orders and quotes are found by the new name and not the old', async () => {
      const { db } = ctx.current();
      const mine = await organisationWithOrders(db, 'Mine', ['Harbour Plumbing Ltd', 'Summit Joinery']);
      const tdb = tenantDb(db, mine.org.id);
      const harbour = (await mine.repo.find(mine.ids[0]!))!.contactId;
      const quotes = quoteService({ tdb, lookups: async () => lookups, salesOrderOf: salesOrderOfQuote });
      await quotes.create({
        values: {
          number: '',
          contactId: harbour,
          issueDate: '2026-10-05',
          expiryDate: '',
          currency: 'AUD',
          lineAmountTypes: 'Exclusive',
          reference: '',
          notes: '',
        },
        drafts: [{ ...emptyLineDraft(), description: 'Work', quantity: '1', unitPrice: '10', taxType: 'OUTPUT' }],
        action: { kind: 'save' },
      });
      await contactRepository(tdb).update(harbour, contactInput({ name: 'Quayside Pipes' }), new Date());
      expect((await mine.repo.list(listQuery({ q: 'quayside' }))).rows.map((r) => r.number)).to.deep.equal(['SO-0001']);
      expect((await mine.repo.list(listQuery({ q: 'harbour' }))).total).to.equal(0);
      const quoteList = (q: string) => quoteRepository(tdb, salesOrderOfQuote).list(parseDocumentListQuery({ q }, ['draft']));
      expect((await quoteList('QUAYSIDE')).rows.map((r) => r.contactName)).to.deep.equal(['Quayside Pipes']);
      expect((await quoteList('harbour')).total).to.equal(0);
      // The other contact's order is untouched.
      expect((await mine.repo.list(listQuery({ q: 'summit' }))).rows.map((r) => r.number)).to.deep.equal(['SO-0002']);
    });

    it('when an order moves to another contact or its reference changes, then the search follows', async () => {
      const { db } = ctx.current();
      const mine = await organisationWithOrders(db, 'Mine', ['Alpha Traders', 'Beta Builders']);
      const beta = (await mine.repo.find(mine.ids[1]!))!.contactId;
      await db('sales_orders').where({ organisation_id: mine.org.id, id: mine.ids[0] }).update({ contact_id: beta, reference: 'Kitchen refit' });
      expect((await mine.repo.list(listQuery({ q: 'alpha' }))).total).to.equal(0);
      expect((await mine.repo.list(listQuery({ q: 'beta' }))).total).to.equal(2);
      expect((await mine.repo.list(listQuery({ q: 'KITCHEN' }))).rows.map((r) => r.number)).to.deep.equal(['SO-0001']);
      expect((await mine.repo.list(listQuery({ q: 'ref 1' }))).total).to.equal(0);
    });

    it('when an order row is written straight to the table, then it is searchable too (no write path can forget the key)', async () => {
      const { db } = ctx.current();
      const mine = await organisationWithOrders(db, 'Mine', ['Alpha Traders']);
      const contactId = await createContact(db, mine.org.id, 'Gamma Glass');
      await db('sales_orders').insert({
        organisation_id: mine.org.id,
        id: 'so-direct',
        number: 'SO-0777',
        contact_id: contactId,
        reference: 'PO 55',
        issue_date: '2026-11-01',
        currency: 'AUD',
        line_amount_types: 'Exclusive',
      });
      for (const q of ['gamma', 'so-0777', 'po 55'])
        expect(
          (await mine.repo.list(listQuery({ q }))).rows.map((r) => r.id),
          q,
        ).to.deep.equal(['so-direct']);
      // A name fragment spanning the contact name and the number never matches.
      expect((await mine.repo.list(listQuery({ q: 'glass so' }))).total).to.equal(0);
    });
  });
});
