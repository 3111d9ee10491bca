import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { quoteService } from '../../../src/quotes/index.js';
import { salesOrderOfQuote } from '../../../src/sales-orders/index.js';
import { salesOrderRepository, salesOrderService } from '../../../src/sales-orders/index.js';
import { emptyLineDraft } from '../../../src/documents/lines.js';
import type { LineLookups } from '../../../src/documents/line-lookups.js';
import { createContact } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';

const lookups: LineLookups = {
  baseCurrency: 'AUD',
  currencies: [{ value: 'AUD', label: 'AUD' }],
  accounts: [],
  products: [],
  taxRates: [{ taxType: 'OUTPUT', label: 'GST', rate: 100000 }],
  tracking: [],
};

async function setup(db: Database, name = 'Acme') {
  const org = await createTestOrganisation(db, name);
  const contactId = await createContact(db, org.id, `${name} customer`);
  const tdb = tenantDb(db, org.id);
  const deps = { tdb, lookups: async () => lookups };
  const drafts = [{ ...emptyLineDraft(), description: 'Work', quantity: '3', unitPrice: '33.33', discount: '5', taxType: 'OUTPUT' }];
  const quoteValues = {
    number: '',
    contactId,
    issueDate: '2026-11-01',
    expiryDate: '',
    currency: 'AUD',
    lineAmountTypes: 'Exclusive',
    reference: 'Ref',
    notes: '',
  };
  const orderValues = { ...quoteValues, projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' };
  return {
    org,
    contactId,
    tdb,
    quotes: quoteService({ ...deps, salesOrderOf: salesOrderOfQuote }),
    orders: salesOrderService(deps),
    quoteForm: { values: quoteValues, drafts, action: { kind: 'save' as const } },
    orderForm: (values: Record<string, string> = {}) => ({ values: { ...orderValues, ...values }, drafts, action: { kind: 'save' as const } }),
  };
}

describeEachDialect('sales order repository', (ctx) => {
  it("when an accepted quote becomes a sales order, then the order has the quote's lines and totals and SO-0001", async () => {
    const { db } = ctx.current();
    const { quotes, orders, quoteForm } = await setup(db);
    const quoteId = await quotes.create(quoteForm);
    await quotes.setStatus(quoteId, 'accepted');
    const orderId = await orders.createFromQuote(quoteId);
    const order = await orders.get(orderId);
    const quote = await quotes.get(quoteId);
    expect(order.number).to.equal('SO-0001');
    expect(order.quote).to.deep.equal({ id: quoteId, number: quote.number });
    expect(order.lines).to.deep.equal(quote.lines);
    expect([order.subTotal, order.totalTax, order.total]).to.deep.equal([quote.subTotal, quote.totalTax, quote.total]);
    expect(quote.salesOrder).to.deep.equal({ id: orderId, number: 'SO-0001' });
  });

  it('when a second order is inserted for the same quote, then the database refuses it', async () => {
    const { db } = ctx.current();
    const { org, quotes, orders, quoteForm } = await setup(db);
    const quoteId = await quotes.create(quoteForm);
    await quotes.setStatus(quoteId, 'accepted');
    const orderId = await orders.createFromQuote(quoteId);
    const row = await db('sales_orders').where({ organisation_id: org.id, id: orderId }).first();
    let refused = false;
    try {
      await db('sales_orders').insert({ ...row, id: randomUUID(), number: 'SO-9999' });
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });

  it("when orders are listed for a project, then only that project's orders of this organisation come back", async () => {
    const { db } = ctx.current();
    const mine = await setup(db, 'Mine');
    const projectId = randomUUID();
    await db('projects').insert({ organisation_id: mine.org.id, id: projectId, name: 'P', status: 'active' });
    await mine.orders.create(mine.orderForm({ projectId }));
    await mine.orders.create(mine.orderForm());
    const theirs = await setup(db, 'Theirs');
    await theirs.orders.create(theirs.orderForm());
    const inProject = await salesOrderRepository(mine.tdb).forProject(projectId);
    expect(inProject.map((o) => o.number)).to.deep.equal(['SO-0001']);
    expect((await salesOrderRepository(mine.tdb).latest(10)).map((o) => o.contactName)).to.deep.equal(['Mine customer', 'Mine customer']);
  });

  it("when a sales order names another organisation's project, then the database also refuses the link", async () => {
    const { db } = ctx.current();
    const mine = await setup(db, 'Mine');
    const theirs = await setup(db, 'Theirs');
    const theirProject = randomUUID();
    await db('projects').insert({ organisation_id: theirs.org.id, id: theirProject, name: 'Theirs', status: 'active' });
    let refused = false;
    try {
      await mine.tdb.insert('sales_orders', {
        id: randomUUID(),
        number: 'SO-1',
        contact_id: mine.contactId,
        project_id: theirProject,
        issue_date: '2026-11-01',
        currency: 'AUD',
        line_amount_types: 'Exclusive',
      });
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });
});
