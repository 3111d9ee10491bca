import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { createBoughtProduct, createSupplier, seedPurchaseSettings } from '../../fixtures/purchase-orders.js';
import type { Database } from '../../../src/db/database.js';

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Acme Plumbing');
  await seedSalesSettings(db, org.id);
  await seedPurchaseSettings(db, org.id);
  const customerId = await createContact(db, org.id, 'Bluebird Cafe');
  const pipes = await createSupplier(db, org.id, 'Pipe Supply Co');
  const taps = await createSupplier(db, org.id, 'Tap World');
  const valves = await createSupplier(db, org.id, 'Valve House');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  const { agent } = signedIn;
  const projectId = randomUUID();
  await db('projects').insert({ organisation_id: org.id, id: projectId, name: 'Kitchen refit', contact_id: customerId, status: 'active' });
  const poHeader = {
    _csrf: csrf,
    contactId: pipes,
    number: '',
    projectId: '',
    issueDate: '2026-11-20',
    deliveryDate: '',
    currency: 'AUD',
    lineAmountTypes: 'Exclusive',
    reference: '',
    notes: '',
    deliveryAddress: '',
    attentionTo: '',
    telephone: '',
    deliveryInstructions: '',
  };
  const purchaseLine = (overrides: Record<string, string> = {}) => ({
    description: 'Copper pipe',
    quantity: '3',
    unitPrice: '12.50',
    accountCode: '310',
    taxType: 'INPUT',
    ...overrides,
  });
  /** A sales order in the project with one line per product (quantity 2 each, sold at 100.00), plus a free-text line. */
  const createOrder = async (products: string[], freeText = false): Promise<string> => {
    const lines = products.map((productId, i) => gstLine({ productId, description: `Item ${i + 1}`, quantity: '2', unitPrice: '100' }));
    if (freeText) lines.push(gstLine({ description: 'Labour', quantity: '1', unitPrice: '50' }));
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrf,
            contactId: customerId,
            number: '',
            projectId,
            issueDate: '2026-11-20',
            dueDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: '',
            notes: '',
            deliveryAddress: '1 Harbour St, Sydney',
            deliveryDate: '',
            deliveryInstructions: 'Back door',
          },
          lines,
        ),
      );
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  return { org, agent, csrf, customerId, pipes, taps, valves, projectId, poHeader, purchaseLine, createOrder };
}

/** The create page's form as shown, parsed back into a body (every row's hidden id, tick, supplier, quantity, unit cost). */
function createPageBody(html: string, csrf: string): Record<string, string> {
  const body: Record<string, string> = { _csrf: csrf };
  for (const m of html.matchAll(/name="(lines\[\d+\]\[(?:lineId|quantity|unitCost)\])"[^>]*value="([^"]*)"/g)) body[m[1] ?? ''] = m[2] ?? '';
  for (const m of html.matchAll(/name="(lines\[\d+\]\[lineId\])" value="([^"]*)"/g)) body[m[1] ?? ''] = m[2] ?? '';
  for (const m of html.matchAll(/name="(lines\[\d+\]\[tick\])" value="1" checked/g)) body[m[1] ?? ''] = '1';
  for (const m of html.matchAll(/<select id="[^"]*" name="(lines\[\d+\]\[supplierId\])"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2] ?? '');
    body[m[1] ?? ''] = selected?.[1] ?? '';
  }
  return body;
}

describeEachDialect('purchase orders (HTTP)', (ctx) => {
  it('when an organisation has no purchase orders, then the list says how to get one and the navigation offers it', async () => {
    const { agent } = await setup(ctx.current().db);
    const res = await agent.get('/purchase-orders');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('No purchase orders yet');
    expect(res.text).to.contain('Create purchase orders');
    // The nav link may carry an icon and wrap its words in a span (views/partials/nav.ejs).
    expect(res.text).to.match(/<a href="\/purchase-orders" aria-current="page">(?:<svg[^]*?<\/svg>)?(?:<span>)?Purchase orders(?:<\/span>)?<\/a>/);
  });

  it('when a purchase order is saved from the form, then it is numbered PO-0001 with the supplier, delivery details and lines the Xero way', async () => {
    const { agent, poHeader, purchaseLine, projectId } = await setup(ctx.current().db);
    const form = await agent.get('/purchase-orders/new');
    expect(form.text).to.contain('Leave blank for PO-0001.');
    expect(form.text).to.contain('Pipe Supply Co');
    expect(form.text).not.to.contain('Bluebird Cafe');
    const res = await agent
      .post('/purchase-orders/new')
      .type('form')
      .send(
        documentBody(
          {
            ...poHeader,
            projectId,
            deliveryDate: '2026-11-25',
            deliveryAddress: '1 Harbour St',
            attentionTo: 'Sam',
            telephone: '02 9999 0000',
            deliveryInstructions: 'Ring first',
          },
          [purchaseLine(), purchaseLine({ description: 'Elbow', quantity: '1', unitPrice: '3.335', discount: '10' })],
        ),
      );
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    const page = await agent.get(String(res.headers.location));
    expect(page.text).to.contain('Purchase order PO-0001');
    expect(page.text).to.contain('Pipe Supply Co');
    expect(page.text).to.contain('Kitchen refit');
    expect(page.text).to.contain('Ring first');
    expect(page.text).to.contain('02 9999 0000');
    // 3 × 12.50 = 37.50; 1 × 3.335 less 10% = 3.0015 → 3.00; tax 3.75 + 0.30; total 44.55.
    expect(page.text).to.contain('<dt class="grand">Total AUD</dt><dd class="grand">44.55</dd>');
    expect(page.text).to.contain('Draft');
  });

  it('when the contact chosen is not a supplier, then the form says so and nothing is saved', async () => {
    const { agent, poHeader, purchaseLine, customerId, org } = await setup(ctx.current().db);
    const res = await agent
      .post('/purchase-orders/new')
      .type('form')
      .send(documentBody({ ...poHeader, contactId: customerId }, [purchaseLine()]));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('That contact is not a supplier');
    expect(await countRows(ctx.current().db, 'purchase_orders', org.id)).to.equal(0);
  });

  it('when purchase orders are created from a sales order with three suppliers, then one is made per supplier in one step and the lines are marked as ordered', async () => {
    const { db } = ctx.current();
    const { agent, csrf, org, pipes, taps, valves, createOrder } = await setup(db);
    const p1 = await createBoughtProduct(db, org.id, 'PIPE', { supplierId: pipes, costPrice: 150000 });
    const p2 = await createBoughtProduct(db, org.id, 'TAP', { supplierId: taps, costPrice: 400000 });
    const p3 = await createBoughtProduct(db, org.id, 'VALVE', { supplierId: valves, costPrice: 80000 });
    const p4 = await createBoughtProduct(db, org.id, 'SEAL', { supplierId: null, costPrice: 10000 });
    const orderId = await createOrder([p1, p2, p3, p4]);

    const page = await agent.get(`/sales-orders/${orderId}/purchase-orders/new`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Create purchase orders for SO-0001');
    const body = createPageBody(page.text, csrf);
    expect(body['lines[0][supplierId]']).to.equal(pipes);
    expect(body['lines[1][supplierId]']).to.equal(taps);
    expect(body['lines[0][unitCost]']).to.equal('15.00');
    expect(body['lines[0][quantity]']).to.equal('2');
    expect(body['lines[3][supplierId]']).to.equal('');
    expect(body['lines[3][tick]']).to.equal('1');

    // A ticked line without a supplier must be given one: nothing is made.
    const refused = await agent.post(`/sales-orders/${orderId}/purchase-orders/new`).type('form').send(body);
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Choose a supplier for this line.');
    expect(await countRows(db, 'purchase_orders', org.id)).to.equal(0);

    const made = await agent
      .post(`/sales-orders/${orderId}/purchase-orders/new`)
      .type('form')
      .send({ ...body, 'lines[3][supplierId]': pipes, 'lines[1][quantity]': '3', 'lines[1][unitCost]': '41.25' });
    expect(made.status, made.text.slice(0, 600)).to.equal(303);
    const orderPage = await agent.get(`/sales-orders/${orderId}`);
    expect(orderPage.text).to.contain(
      '3 purchase orders created: PO-0001 (Pipe Supply Co, 2 lines), PO-0002 (Tap World, 1 line), PO-0003 (Valve House, 1 line).',
    );
    expect(orderPage.text).to.match(/PO-0001[\s\S]*PO-0002[\s\S]*PO-0003/);

    const rows: { number: string; contact_id: string; sales_order_id: string; reference: string; delivery_address: string; sub_total: number }[] = await db(
      'purchase_orders',
    )
      .where({ organisation_id: org.id })
      .orderBy('number')
      .select('number', 'contact_id', 'sales_order_id', 'reference', 'delivery_address', 'sub_total');
    expect(rows.map((r) => [r.number, r.contact_id, Number(r.sub_total)])).to.deep.equal([
      ['PO-0001', pipes, 3200], // 2 × 15.00 + 2 × 1.00
      ['PO-0002', taps, 12375], // 3 × 41.25
      ['PO-0003', valves, 1600],
    ]);
    expect(rows.every((r) => r.sales_order_id === orderId && r.reference === 'SO-0001' && r.delivery_address === '1 Harbour St, Sydney')).to.equal(true);

    const again = await agent.get(`/sales-orders/${orderId}/purchase-orders/new`);
    expect(again.text).to.contain('Already ordered on PO-0001');
    expect(again.text).to.contain('Already ordered on PO-0002');
    expect(createPageBody(again.text, csrf)['lines[0][tick]']).to.equal(undefined);
  });

  it('when a project has sales orders and purchase orders, then its money panel shows revenue, committed and estimated cost, gross profit and margin', async () => {
    const { db } = ctx.current();
    const { agent, csrf, org, pipes, taps, projectId, createOrder } = await setup(db);
    const p1 = await createBoughtProduct(db, org.id, 'PIPE', { supplierId: pipes, costPrice: 150000 });
    const p2 = await createBoughtProduct(db, org.id, 'TAP', { supplierId: taps, costPrice: 400000 });
    const orderId = await createOrder([p1, p2]);
    // Revenue 2 × 100 + 2 × 100 = 400.00; nothing ordered yet: estimated 2 × 15 + 2 × 40 = 110.00.
    let project = await agent.get(`/projects/${projectId}`);
    expect(project.text).to.contain('Committed cost');
    expect(project.text).to.match(
      /<td>AUD<\/td><td class="num">400\.00<\/td><td class="num">0\.00<\/td><td class="num">110\.00<\/td><td class="num">290\.00<\/td><td class="num">72\.5%/,
    );

    const body = createPageBody((await agent.get(`/sales-orders/${orderId}/purchase-orders/new`)).text, csrf);
    delete body['lines[1][tick]'];
    const made = await agent
      .post(`/sales-orders/${orderId}/purchase-orders/new`)
      .type('form')
      .send({ ...body, 'lines[0][unitCost]': '16.00' });
    expect(made.status).to.equal(303);
    // Committed: the pipe line's 2 × 16.00 = 32.00; estimated: the tap line only, 80.00.
    project = await agent.get(`/projects/${projectId}`);
    expect(project.text).to.match(
      /<td>AUD<\/td><td class="num">400\.00<\/td><td class="num">32\.00<\/td><td class="num">80\.00<\/td><td class="num">288\.00<\/td><td class="num">72\.0%/,
    );
    expect(project.text).to.contain('Purchase orders');
    expect(project.text).to.match(/PO-0001<\/a><\/td><td>Pipe Supply Co/);
    expect(project.text).to.contain('Not sent');
  });

  it('when the list is filtered by supplier, status, project and whether sent to Xero, then only those purchase orders show', async () => {
    const { db } = ctx.current();
    const { agent, csrf, poHeader, purchaseLine, taps, projectId } = await setup(db);
    const save = async (fields: Record<string, string>) => {
      const res = await agent
        .post('/purchase-orders/new')
        .type('form')
        .send(documentBody({ ...poHeader, ...fields }, [purchaseLine()]));
      expect(res.status).to.equal(303);
      return String(res.headers.location).split('/').pop() ?? '';
    };
    await save({});
    const second = await save({ contactId: taps, projectId });
    await agent.post(`/purchase-orders/${second}/status`).type('form').send({ _csrf: csrf, status: 'ordered' });
    const numbers = (html: string) => [...html.matchAll(/>(PO-\d{4})<\/a>/g)].map((m) => m[1]);
    expect(numbers((await agent.get('/purchase-orders')).text)).to.deep.equal(['PO-0002', 'PO-0001']);
    expect(numbers((await agent.get(`/purchase-orders?contactId=${taps}`)).text)).to.deep.equal(['PO-0002']);
    expect(numbers((await agent.get('/purchase-orders?status=draft')).text)).to.deep.equal(['PO-0001']);
    expect(numbers((await agent.get(`/purchase-orders?projectId=${projectId}`)).text)).to.deep.equal(['PO-0002']);
    expect(numbers((await agent.get('/purchase-orders?xero=not&sort=number&dir=asc')).text)).to.deep.equal(['PO-0001', 'PO-0002']);
    const none = await agent.get('/purchase-orders?xero=sent');
    expect(none.text).to.contain('No purchase orders match these filters');
  });

  it('when the organisation has more than 500 suppliers, then "Find supplier" offers the matches on every line', async () => {
    const { db } = ctx.current();
    const { agent, csrf, org, createOrder } = await setup(db);
    const many = Array.from({ length: 501 }, (_, i) => ({
      organisation_id: org.id,
      id: randomUUID(),
      kind: 'company',
      name: `Aardvark Supplies ${String(i).padStart(3, '0')}`,
      name_key: `aardvark supplies ${String(i).padStart(3, '0')}`,
      is_customer: false,
      is_supplier: true,
    }));
    for (let i = 0; i < many.length; i += 100) await db('contacts').insert(many.slice(i, i + 100));
    const product = await createBoughtProduct(db, org.id, 'PIPE', { supplierId: null, costPrice: 150000 });
    const orderId = await createOrder([product]);
    const page = await agent.get(`/sales-orders/${orderId}/purchase-orders/new`);
    expect(page.text).to.contain('Showing the first 500 suppliers by name: use &#34;Find supplier&#34; for the others.');
    expect(page.text).not.to.contain('Valve House');
    const body = createPageBody(page.text, csrf);
    const found = await agent
      .post(`/sales-orders/${orderId}/purchase-orders/new`)
      .type('form')
      .send({ ...body, supplierSearch: 'valve', action: 'find-supplier' });
    expect(found.status).to.equal(200);
    expect(found.text).to.contain('Valve House');
    expect(found.text).to.contain('1 supplier matches &#34;valve&#34;.');
    expect(await countRows(db, 'purchase_orders', org.id)).to.equal(0);
  });
});
