import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';
import { expectNotFound } from '../../helpers/refusals.js';

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Acme Plumbing');
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  const header = {
    _csrf: csrf,
    contactId,
    number: '',
    projectId: '',
    issueDate: '2026-11-20',
    dueDate: '',
    currency: 'AUD',
    lineAmountTypes: 'Exclusive',
    reference: '',
    notes: '',
    deliveryAddress: '',
    deliveryDate: '',
    deliveryInstructions: '',
  };
  const agent = signedIn.agent;
  const createOrder = async (fields: Record<string, string> = {}, lines = [gstLine()]): Promise<string> => {
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ ...header, ...fields }, lines));
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  const createQuote = async (status = 'accepted'): Promise<string> => {
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrf,
            contactId,
            number: '',
            issueDate: '2026-11-01',
            expiryDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Inclusive',
            reference: 'Fit-out',
            notes: 'Note from quote',
          },
          [gstLine({ quantity: '1', unitPrice: '110' }), gstLine({ description: 'Parts', quantity: '3', unitPrice: '9.99', discount: '10' })],
        ),
      );
    const id = String(res.headers.location).split('/').pop() ?? '';
    if (status !== 'draft') await agent.post(`/quotes/${id}/status`).type('form').send({ _csrf: csrf, status });
    return id;
  };
  const createProject = async (name = 'Kitchen refit'): Promise<string> => {
    const id = randomUUID();
    await db('projects').insert({ organisation_id: org.id, id, name, contact_id: contactId, status: 'active' });
    return id;
  };
  return { org, contactId, agent, csrf, header, createOrder, createQuote, createProject };
}

describeEachDialect('sales orders (HTTP)', (ctx) => {
  it('when an organisation has no sales orders, then the list says how to get one', async () => {
    const { agent } = await setup(ctx.current().db);
    const res = await agent.get('/sales-orders');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('No sales orders yet');
    expect(res.text).to.contain('Create sales order');
  });

  it('when a sales order is saved with a project and delivery details, then they are stored with SO-0001 and shown on its page', async () => {
    const { db } = ctx.current();
    const { org, agent, createOrder, createProject } = await setup(db);
    const projectId = await createProject();
    const form = await agent.get('/sales-orders/new');
    expect(form.text).to.contain('Leave blank for SO-0001.');
    expect(form.text).to.contain('Kitchen refit');
    const id = await createOrder({ projectId, deliveryAddress: '1 Main St\nSydney', deliveryDate: '2026-12-01', deliveryInstructions: 'Back door' });
    const row = await db('sales_orders').where({ organisation_id: org.id, id }).first();
    expect([row.number, row.project_id, row.status, Number(row.total)]).to.deep.equal(['SO-0001', projectId, 'open', 22000]);
    const page = await agent.get(`/sales-orders/${id}`);
    expect(page.text).to.contain('Sales order SO-0001');
    expect(page.text).to.contain('Kitchen refit');
    expect(page.text).to.contain('Back door');
    expect(page.text).to.contain('<dt class="grand">Total AUD</dt><dd class="grand">220.00</dd>');
    expect(page.text).not.to.contain('Xero invoice');
  });

  it('when "Add line" is pressed on a sales order, then typed values and delivery details come back', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ ...header, deliveryInstructions: 'Ring twice' }, [gstLine({ description: 'Kept' })], { action: 'add-line' }));
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Ring twice');
    expect(res.text).to.contain('Kept');
    expect(res.text).to.contain('name="lines[1][quantity]"');
    expect(await countRows(db, 'sales_orders', org.id)).to.equal(0);
  });

  it("when a sales order names another organisation's project, then the project field says so and nothing is written", async () => {
    const { db } = ctx.current();
    const mine = await setup(db);
    const theirs = await setup(db);
    const theirProject = await theirs.createProject('Their secret project');
    const res = await mine.agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ ...mine.header, projectId: theirProject }, [gstLine()]));
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="f-projectId-error">Choose a project from the list/);
    expect(res.text).not.to.contain('Their secret project');
    expect(await countRows(db, 'sales_orders', mine.org.id)).to.equal(0);
  });

  it('when a line fails validation, then no order and no lines are written', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody(header, [gstLine(), gstLine({ quantity: '-1' })]));
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="line-1-quantity-error">Quantity can&#39;t be negative/);
    expect(await countRows(db, 'sales_orders', org.id)).to.equal(0);
    expect(await countRows(db, 'sales_order_lines', org.id)).to.equal(0);
  });

  it('when an accepted quote is turned into a sales order, then its lines and totals are copied and both link to each other', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createQuote } = await setup(db);
    const quoteId = await createQuote('accepted');
    const res = await agent.post(`/quotes/${quoteId}/sales-order`).type('form').send({ _csrf: csrf });
    expect(res.status).to.equal(303);
    const order = await db('sales_orders').where({ organisation_id: org.id }).first();
    const quote = await db('quotes').where({ organisation_id: org.id, id: quoteId }).first();
    expect(res.headers.location).to.equal(`/sales-orders/${order.id}`);
    expect([order.quote_id, order.line_amount_types, order.reference, order.notes]).to.deep.equal([quoteId, 'Inclusive', 'Fit-out', 'Note from quote']);
    expect([Number(order.sub_total), Number(order.total_tax), Number(order.total)]).to.deep.equal([
      Number(quote.sub_total),
      Number(quote.total_tax),
      Number(quote.total),
    ]);
    const lines = await db('sales_order_lines').where({ organisation_id: org.id, sales_order_id: order.id }).orderBy('position');
    expect(lines.map((l: { description: string; line_amount: unknown }) => [l.description, Number(l.line_amount)])).to.deep.equal([
      ['Consulting', 11000],
      ['Parts', 2697],
    ]);
    const orderPage = await agent.get(`/sales-orders/${order.id}`);
    expect(orderPage.text).to.contain(`href="/quotes/${quoteId}"`);
    const quotePage = await agent.get(`/quotes/${quoteId}`);
    expect(quotePage.text).to.contain(`href="/sales-orders/${order.id}"`);
    expect(quotePage.text).not.to.contain('>Edit</a>');
  });

  it('when "Create sales order" is pressed twice, then there is still one order for the quote', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createQuote } = await setup(db);
    const quoteId = await createQuote('accepted');
    const first = await agent.post(`/quotes/${quoteId}/sales-order`).type('form').send({ _csrf: csrf });
    const second = await agent.post(`/quotes/${quoteId}/sales-order`).type('form').send({ _csrf: csrf });
    expect(second.headers.location).to.equal(first.headers.location);
    expect(await countRows(db, 'sales_orders', org.id)).to.equal(1);
  });

  it('when a quote belongs to a project, then the project lists it, and "Create sales order" puts the order in the project chosen beside the button', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createQuote, createProject } = await setup(db);
    const kitchen = await createProject('Kitchen refit');
    const bathroom = await createProject('Bathroom');
    const other = await createTestOrganisation(db, 'Other Ltd');
    const foreignProject = randomUUID();
    await db('projects').insert({ organisation_id: other.id, id: foreignProject, name: 'Secret', status: 'active' });
    const quoteId = await createQuote('accepted');
    const edit = await agent.get(`/quotes/${quoteId}/edit`);
    expect(edit.text).to.contain('<label for="f-projectId">Project</label>').and.contain(`<option value="${kitchen}"`);
    const quote = await db('quotes').where({ id: quoteId }).first();
    expect(quote.project_id).to.equal(null);
    // The quote's project is set on its form (a foreign project is refused next to the field).
    const form = {
      _csrf: csrf,
      contactId: quote.contact_id,
      number: quote.number,
      issueDate: '2026-11-01',
      expiryDate: '',
      currency: 'AUD',
      lineAmountTypes: 'Inclusive',
      reference: 'Fit-out',
      notes: '',
    };
    const refused = await agent
      .post(`/quotes/${quoteId}/edit`)
      .type('form')
      .send(documentBody({ ...form, projectId: foreignProject }, [gstLine()]));
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Choose a project from the list.');
    const saved = await agent
      .post(`/quotes/${quoteId}/edit`)
      .type('form')
      .send(documentBody({ ...form, projectId: kitchen }, [gstLine()]));
    expect(saved.status, saved.text.slice(0, 300)).to.equal(303);
    const quotePage = await agent.get(`/quotes/${quoteId}`);
    expect(quotePage.text).to.contain(`<a href="/projects/${kitchen}">Kitchen refit</a>`);
    expect(quotePage.text).to.match(new RegExp(`<option value="${kitchen}" selected>Kitchen refit</option>`)); // beside "Create sales order"
    const projectPage = await agent.get(`/projects/${kitchen}`);
    expect(projectPage.text).to.contain(`href="/quotes/${quoteId}"`).and.contain('New quote in this project');

    const foreign = await agent.post(`/quotes/${quoteId}/sales-order`).type('form').send({ _csrf: csrf, projectId: foreignProject });
    expect(foreign.status).to.equal(422);
    expect(await countRows(db, 'sales_orders', org.id)).to.equal(0);
    const res = await agent.post(`/quotes/${quoteId}/sales-order`).type('form').send({ _csrf: csrf, projectId: bathroom });
    expect(res.status).to.equal(303);
    expect((await db('sales_orders').where({ organisation_id: org.id }).first()).project_id).to.equal(bathroom);
    const deleteKitchen = await agent.post(`/projects/${kitchen}/delete`).type('form').send({ _csrf: csrf });
    expect(deleteKitchen.status).to.equal(409);
    expect(deleteKitchen.text).to.contain('Kitchen refit has 1 quote: move or delete them first');
    expect(await db('projects').where({ id: kitchen }).first()).to.not.equal(undefined);
  });

  it('when Cancel order is chosen, then a page asks first, and only its button cancels the order', async () => {
    const { db } = ctx.current();
    const { agent, csrf, createOrder } = await setup(db);
    const id = await createOrder();
    const page = await agent.get(`/sales-orders/${id}`);
    expect(page.text).to.contain(`<a class="button button-danger-quiet" href="/sales-orders/${id}/status?to=cancelled">Cancel order…</a>`);
    const confirm = await agent.get(`/sales-orders/${id}/status?to=cancelled`);
    expect(confirm.status).to.equal(200);
    expect(confirm.text).to.contain('Cancel order SO-0001?').and.contain('void it in Xero').and.contain('name="status" value="cancelled"');
    expect(confirm.text).to.contain(`<a class="button button-secondary" href="/sales-orders/${id}">Keep it</a>`);
    expect((await db('sales_orders').where({ id }).first()).status).to.equal('open'); // asking changes nothing
    const other = await agent.get(`/sales-orders/${id}/status?to=completed`); // no confirmation needed: back to the order
    expect([other.status, other.headers.location]).to.deep.equal([303, `/sales-orders/${id}`]);
    const done = await agent.post(`/sales-orders/${id}/status`).type('form').send({ _csrf: csrf, status: 'cancelled' });
    expect(done.status).to.equal(303);
    expect((await db('sales_orders').where({ id }).first()).status).to.equal('cancelled');
  });

  it('when a quote that is not accepted is turned into an order, then it is refused and nothing is written', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createQuote } = await setup(db);
    const quoteId = await createQuote('sent');
    const res = await agent.post(`/quotes/${quoteId}/sales-order`).type('form').send({ _csrf: csrf });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('mark it accepted');
    expect(await countRows(db, 'sales_orders', org.id)).to.equal(0);
  });

  it('when the order has a Xero invoice, then its page shows the invoice state and link, editing stays open (a re-send updates the invoice) and deleting is refused', async () => {
    const { db } = ctx.current();
    const { org, agent, header, createOrder } = await setup(db);
    const id = await createOrder();
    await db('sales_orders').where({ organisation_id: org.id, id }).update({
      xero_invoice_id: randomUUID(),
      xero_invoice_number: 'INV-0042',
      xero_invoice_status: 'AUTHORISED',
      xero_amount_paid: 5000,
      xero_amount_due: 17000,
      xero_invoice_url: 'https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=abc',
    });
    const page = await agent.get(`/sales-orders/${id}`);
    expect(page.text).to.contain('Xero invoice INV-0042');
    expect(page.text).to.contain('Awaiting payment');
    expect(page.text).to.contain('AUD 50.00');
    expect(page.text).to.contain('AUD 170.00');
    expect(page.text).to.contain('Open in Xero');
    const res = await agent
      .post(`/sales-orders/${id}/edit`)
      .type('form')
      .send(documentBody({ ...header, number: 'SO-0001' }, [gstLine()]));
    expect(res.status).to.equal(303);
    expect(page.text).not.to.contain(`/sales-orders/${id}/delete`);
    const del = await agent.post(`/sales-orders/${id}/delete`).type('form').send({ _csrf: header._csrf });
    expect(del.status).to.equal(409);
  });

  it('when a sales order is edited, completed and deleted, then each change is stored', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, header, createOrder } = await setup(db);
    const id = await createOrder();
    const edit = await agent
      .post(`/sales-orders/${id}/edit`)
      .type('form')
      .send(documentBody({ ...header, number: 'SO-0001', reference: 'Changed' }, [gstLine({ quantity: '1' })]));
    expect(edit.status).to.equal(303);
    expect(Number((await db('sales_orders').where({ organisation_id: org.id, id }).first()).total)).to.equal(11000);
    await agent.post(`/sales-orders/${id}/status`).type('form').send({ _csrf: csrf, status: 'completed' });
    expect((await db('sales_orders').where({ organisation_id: org.id, id }).first()).status).to.equal('completed');
    expect((await agent.get(`/sales-orders/${id}/delete`)).text).to.contain('Delete sales order SO-0001?');
    await agent.post(`/sales-orders/${id}/delete`).type('form').send({ _csrf: csrf });
    expect(await countRows(db, 'sales_orders', org.id)).to.equal(0);
    expect(await countRows(db, 'sales_order_lines', org.id)).to.equal(0);
  });

  it("when another organisation's ids are used on any sales order route, then it is 404 and nothing changes", async () => {
    const { db } = ctx.current();
    const mine = await setup(db);
    const theirs = await setup(db);
    const theirOrder = await theirs.createOrder({ reference: 'Secret order' });
    const theirQuote = await theirs.createQuote('accepted');
    for (const path of [`/sales-orders/${theirOrder}`, `/sales-orders/${theirOrder}/edit`, `/sales-orders/${theirOrder}/delete`]) {
      const res = await mine.agent.get(path);
      expectNotFound(res, 'sales order', path);
      expect(res.text).not.to.contain('Secret order');
    }
    const posts: Array<[string, Record<string, string>]> = [
      [`/sales-orders/${theirOrder}/edit`, documentBody({ ...mine.header, number: 'X' }, [gstLine()])],
      [`/sales-orders/${theirOrder}/status`, { _csrf: mine.csrf, status: 'cancelled' }],
      [`/sales-orders/${theirOrder}/delete`, { _csrf: mine.csrf }],
      [`/quotes/${theirQuote}/sales-order`, { _csrf: mine.csrf }],
    ];
    for (const [path, body] of posts)
      expectNotFound(await mine.agent.post(path).type('form').send(body), path.startsWith('/quotes') ? 'quote' : 'sales order', path);
    expect(await countRows(db, 'sales_orders', theirs.org.id)).to.equal(1);
    expect(await countRows(db, 'sales_orders', mine.org.id)).to.equal(0);
    expect((await db('sales_orders').where({ organisation_id: theirs.org.id, id: theirOrder }).first()).status).to.equal('open');
  });

  it('when the sales order list is searched and filtered by status, then it shows only matches', async () => {
    const { db } = ctx.current();
    const { agent, csrf, createOrder } = await setup(db);
    const a = await createOrder({ reference: 'Alpha job' });
    await createOrder({ reference: 'Beta job' });
    await agent.post(`/sales-orders/${a}/status`).type('form').send({ _csrf: csrf, status: 'completed' });
    const search = await agent.get('/sales-orders?q=beta');
    expect(search.text).to.contain('Beta job');
    expect(search.text).not.to.contain('Alpha job');
    const completed = await agent.get('/sales-orders?status=completed');
    expect(completed.text).to.contain('Alpha job');
    expect(completed.text).not.to.contain('Beta job');
  });

  it('when a sales order page is viewed, then the order is read once for the page and its Xero invoice panel, and a sent order still shows its invoice', async () => {
    const { db } = ctx.current();
    const { org, agent, createOrder } = await setup(db);
    const id = await createOrder();
    const orderReads = async (): Promise<{ html: string; reads: string[] }> => {
      const sql: string[] = [];
      const listener = (query: { sql: string }) => sql.push(query.sql);
      db.on('query', listener);
      try {
        const res = await agent.get(`/sales-orders/${id}`);
        expect(res.status).to.equal(200);
        return { html: res.text, reads: sql.filter((q) => /^select .* from \(select \* from [`"]sales_orders[`"]/.test(q) && !/purchase_orders/.test(q)) };
      } finally {
        db.removeListener('query', listener);
      }
    };
    const unsent = await orderReads();
    expect(unsent.html).to.contain('Send to Xero');
    expect(unsent.reads, 'reads of the order').to.have.length(1);
    // The panel's figures come from the row the page read: Xero's invoice number and amount due.
    await db('sales_orders').where({ organisation_id: org.id, id }).update({
      xero_invoice_id: '11111111-2222-4333-8444-555555555555',
      xero_invoice_number: 'INV-0042',
      xero_invoice_status: 'AUTHORISED',
      xero_amount_due: 12345,
      xero_amount_paid: 0,
      currency: 'AUD',
    });
    const sent = await orderReads();
    expect(sent.html).to.contain('INV-0042').and.to.contain('123.45');
  });
});
