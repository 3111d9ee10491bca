import { expect } from 'chai';
import nock from 'nock';
import { describeEachDialect } from '../../helpers/test-db.js';
import { gstLine } from '../../fixtures/documents.js';
import { API_PATH, nockInvoiceApp, XERO_ORIGIN, type NockInvoiceApp } from './nock-invoice-app.js';
import { CONTACT_XERO_ID, INVOICE_ID, LINE_IDS, linkedCustomer, productLinkedToItem, savedInvoice, wireHeader } from './invoice-xero-calls.js';

/** Xero's create, matched only when xero-node sends exactly `invoice` (nock compares the parsed body with deep equality). */
function expectCreate(invoice: Record<string, unknown>, lineCount: number, headers: Record<string, unknown>[] = []) {
  return nock(XERO_ORIGIN)
    .put(`${API_PATH}/Invoices`, { Invoices: [invoice] } as nock.DataMatcherMap)
    .query({ summarizeErrors: 'false', unitdp: '4' })
    .reply(function () {
      headers.push(this.req.headers);
      return [200, savedInvoice(lineCount)];
    });
}

/** The send finished as `outcome`; on failure the message says what Xero (or nock) answered. */
async function expectDone(a: NockInvoiceApp, orderId: string, outcome: string) {
  const op = await a.lastOperation(orderId);
  expect(op.status, `${String(op.result_message)} ${String(op.xero_messages)}`).to.equal('done');
  expect(op.outcome).to.equal(outcome);
}

describeEachDialect('Sales order → Xero invoice: the exact JSON xero-node sends', (ctx) => {
  afterEach(() => nock.cleanAll());

  it('when a new order of a customer not in Xero is sent, then the contact is created first, then one PUT with the invoice exactly', async () => {
    const a = await nockInvoiceApp(ctx.current().db);
    const contactId = await a.contact('Bluebird Cafe');
    const widget = await productLinkedToItem(a, 'WIDGET');
    const id = await a.createOrder(
      contactId,
      [
        gstLine({ description: 'Design' }),
        gstLine({ productId: widget, description: 'Widget', quantity: '1.5', unitPrice: '12.3456', accountCode: '' }),
        gstLine({ description: 'Travel', quantity: '1', unitPrice: '45.50', accountCode: '' }),
      ],
      { reference: 'PO 4471' },
    );
    const calls: string[] = [];
    const contact = nock(XERO_ORIGIN)
      .get(`${API_PATH}/Contacts`)
      .query((q) => q.where === 'Name=="Bluebird Cafe"')
      .reply(200, { Contacts: [] })
      .get(`${API_PATH}/Contacts`)
      .query((q) => typeof q.searchTerm === 'string')
      .reply(200, { Contacts: [] })
      .put(`${API_PATH}/Contacts`)
      .query({ summarizeErrors: 'false' })
      .reply(() => {
        calls.push('contact');
        return [200, { Contacts: [{ ContactID: CONTACT_XERO_ID, Name: 'Bluebird Cafe', ContactStatus: 'ACTIVE' }] }];
      });
    const headers: Record<string, unknown>[] = [];
    const invoice = expectCreate(
      {
        ...wireHeader(id, { Reference: 'SO-0001 / PO 4471' }),
        LineItems: [
          { Description: 'Design', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT' },
          // Linked to a Xero item: its code goes with the line; the product filled the account.
          { ItemCode: 'WIDGET', Description: 'Widget', Quantity: 1.5, UnitAmount: 12.3456, AccountCode: '260', TaxType: 'OUTPUT' },
          // No account on the line or a product: the organisation's default sales account.
          { Description: 'Travel', Quantity: 1, UnitAmount: 45.5, AccountCode: '200', TaxType: 'OUTPUT' },
        ],
        Status: 'AUTHORISED',
      },
      3,
      headers,
    ).on('request', () => calls.push('invoice'));
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(contact.isDone() && invoice.isDone()).to.equal(true);
    expect(calls).to.deep.equal(['contact', 'invoice']);
    expect(headers[0]?.['idempotency-key']).to.be.a('string').and.not.equal('');
    const row = await a.db('sales_orders').where({ organisation_id: a.org.id, id }).first();
    expect([row.xero_invoice_id, row.xero_invoice_number, row.xero_invoice_status]).to.deep.equal([INVOICE_ID, 'INV-0042', 'AUTHORISED']);
    const sentLines = await a.db('xero_sent_lines').where({ organisation_id: a.org.id, document_id: id }).orderBy('position');
    expect(sentLines.map((l: { line_item_id: string }) => l.line_item_id)).to.deep.equal(LINE_IDS);
  });

  it('when a sent order has one line changed and one removed, then the update keeps the LineItemIDs of the unchanged and the changed line and leaves the removed one out', async () => {
    const a = await nockInvoiceApp(ctx.current().db);
    const customer = await linkedCustomer(a);
    const lines = [
      gstLine({ description: 'Design' }),
      gstLine({ description: 'Build', quantity: '3', unitPrice: '99.99' }),
      gstLine({ description: 'Travel' }),
    ];
    const id = await a.createOrder(customer.contactId, lines);
    const contact = customer.expectContactSteps();
    nock(XERO_ORIGIN).put(`${API_PATH}/Invoices`).query(true).reply(200, savedInvoice(3));
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(contact.isDone()).to.equal(true);

    // Build goes from 3 to 4; Travel goes.
    await a.editOrder(id, customer.contactId, [gstLine({ description: 'Design' }), gstLine({ description: 'Build', quantity: '4', unitPrice: '99.99' })]);
    const calls = nock(XERO_ORIGIN)
      // Xero's copy first: still awaiting payment with nothing paid, so the lines may change.
      .get(`${API_PATH}/Invoices/${INVOICE_ID}`)
      .query({ unitdp: '4' })
      .reply(200, savedInvoice(3))
      .post(`${API_PATH}/Invoices/${INVOICE_ID}`, {
        Invoices: [
          {
            InvoiceID: INVOICE_ID,
            ...wireHeader(id),
            // No Status on an update: Xero's own status stays. Lines Xero keeps name DiscountRate and Tracking so that it drops any it had.
            LineItems: [
              {
                LineItemID: LINE_IDS[0],
                Description: 'Design',
                Quantity: 2,
                UnitAmount: 100,
                AccountCode: '200',
                TaxType: 'OUTPUT',
                DiscountRate: 0,
                Tracking: [],
              },
              {
                LineItemID: LINE_IDS[1],
                Description: 'Build',
                Quantity: 4,
                UnitAmount: 99.99,
                AccountCode: '200',
                TaxType: 'OUTPUT',
                DiscountRate: 0,
                Tracking: [],
              },
            ],
          },
        ],
      })
      .query({ unitdp: '4' })
      .reply(200, savedInvoice(2));
    await a.send(id);
    await expectDone(a, id, 'updated');
    expect(calls.isDone()).to.equal(true);
    const sentLines = await a.db('xero_sent_lines').where({ organisation_id: a.org.id, document_id: id }).orderBy('position');
    expect(sentLines.map((l: { line_item_id: string }) => l.line_item_id)).to.deep.equal(LINE_IDS.slice(0, 2));

    // Sent again unchanged: no call at all (no interceptor is left to answer one).
    await a.send(id);
    await expectDone(a, id, 'unchanged');
  });

  it('when a foreign-currency order is sent, then CurrencyCode is the order’s and no CurrencyRate is made up', async () => {
    const a = await nockInvoiceApp(ctx.current().db);
    const customer = await linkedCustomer(a);
    const id = await a.createOrder(customer.contactId, [gstLine({ description: 'Export consulting' })], { currency: 'NZD' });
    customer.expectContactSteps();
    const bodies: Record<string, unknown>[] = [];
    const create = nock(XERO_ORIGIN)
      .put(`${API_PATH}/Invoices`, (body: { Invoices: Record<string, unknown>[] }) => {
        bodies.push(...body.Invoices);
        return true;
      })
      .query(true)
      .reply(200, savedInvoice(1, { CurrencyCode: 'NZD' }));
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(create.isDone()).to.equal(true);
    expect(bodies).to.deep.equal([
      {
        ...wireHeader(id, { CurrencyCode: 'NZD' }),
        LineItems: [{ Description: 'Export consulting', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT' }],
        Status: 'AUTHORISED',
      },
    ]);
    expect(bodies[0]).not.to.have.property('CurrencyRate');
  });

  it('when a tax-inclusive order is sent, then LineAmountTypes is Inclusive and the unit prices go as typed (tax inside them)', async () => {
    const a = await nockInvoiceApp(ctx.current().db);
    const customer = await linkedCustomer(a);
    const id = await a.createOrder(customer.contactId, [gstLine({ description: 'Fit-out', quantity: '1', unitPrice: '110.00' })], {
      lineAmountTypes: 'Inclusive',
    });
    customer.expectContactSteps();
    const create = expectCreate(
      {
        ...wireHeader(id, { LineAmountTypes: 'Inclusive' }),
        LineItems: [{ Description: 'Fit-out', Quantity: 1, UnitAmount: 110, AccountCode: '200', TaxType: 'OUTPUT' }],
        Status: 'AUTHORISED',
      },
      1,
    );
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(create.isDone()).to.equal(true);
  });

  it('when a no-tax order is sent, then LineAmountTypes is NoTax and no line names a TaxType', async () => {
    const a = await nockInvoiceApp(ctx.current().db);
    const customer = await linkedCustomer(a);
    const id = await a.createOrder(customer.contactId, [gstLine({ description: 'Donation', taxType: '' })], { lineAmountTypes: 'NoTax' });
    customer.expectContactSteps();
    const create = expectCreate(
      {
        ...wireHeader(id, { LineAmountTypes: 'NoTax' }),
        LineItems: [{ Description: 'Donation', Quantity: 2, UnitAmount: 100, AccountCode: '200' }],
        Status: 'AUTHORISED',
      },
      1,
    );
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(create.isDone()).to.equal(true);
  });

  it('when a line has a discount and a 4-decimal unit price, then DiscountRate is the percent and UnitAmount keeps its 4 decimals', async () => {
    const a = await nockInvoiceApp(ctx.current().db);
    const customer = await linkedCustomer(a);
    const id = await a.createOrder(customer.contactId, [
      gstLine({ description: 'Elbow', quantity: '3', unitPrice: '33.3350', discount: '12.5' }),
      gstLine({ description: 'Pipe' }),
    ]);
    customer.expectContactSteps();
    const create = expectCreate(
      {
        ...wireHeader(id),
        LineItems: [
          { Description: 'Elbow', Quantity: 3, UnitAmount: 33.335, AccountCode: '200', TaxType: 'OUTPUT', DiscountRate: 12.5 },
          { Description: 'Pipe', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT' },
        ],
        Status: 'AUTHORISED',
      },
      2,
    );
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(create.isDone()).to.equal(true);
  });

  it('when lines have tracking, then each carries its options by id and name, and a category a line leaves empty takes the organisation’s default', async () => {
    const a = await nockInvoiceApp(ctx.current().db);
    const { trackingCategoryId: region, north } = a.settings;
    const department = '0c1d2e3f-0000-4000-8000-0000000d0001';
    const retail = '0c1d2e3f-0000-4000-8000-0000000d0002';
    const scoped = { organisation_id: a.org.id };
    await a.db('xero_tracking_categories').insert({ ...scoped, tracking_category_id: department, name: 'Department', status: 'ACTIVE' });
    await a.db('xero_tracking_options').insert({ ...scoped, tracking_option_id: retail, tracking_category_id: department, name: 'Retail', status: 'ACTIVE' });
    await a.db('xero_default_tracking').insert({ ...scoped, tracking_category_id: department, tracking_option_id: retail });
    const customer = await linkedCustomer(a);
    const id = await a.createOrder(customer.contactId, [gstLine({ description: 'North job', tracking1: north }), gstLine({ description: 'Untracked job' })]);
    customer.expectContactSteps();
    const regionNorth = { TrackingCategoryID: region, TrackingOptionID: north, Name: 'Region', Option: 'North' };
    const departmentRetail = { TrackingCategoryID: department, TrackingOptionID: retail, Name: 'Department', Option: 'Retail' };
    const create = expectCreate(
      {
        ...wireHeader(id),
        LineItems: [
          { Description: 'North job', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT', Tracking: [regionNorth, departmentRetail] },
          { Description: 'Untracked job', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT', Tracking: [departmentRetail] },
        ],
        Status: 'AUTHORISED',
      },
      2,
    );
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(create.isDone()).to.equal(true);
  });

  it('when the organisation numbers invoices with the order number, then InvoiceNumber is the order’s; with Xero’s numbering none is sent', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { invoiceNumbering: 'sales_order' });
    const customer = await linkedCustomer(a);
    const id = await a.createOrder(customer.contactId, [gstLine({ description: 'Design' })]);
    customer.expectContactSteps();
    const create = expectCreate(
      {
        ...wireHeader(id, { InvoiceNumber: 'SO-0001' }),
        LineItems: [{ Description: 'Design', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT' }],
        Status: 'AUTHORISED',
      },
      1,
    );
    await a.send(id);
    await expectDone(a, id, 'created');
    expect(create.isDone()).to.equal(true);
    // (Xero's own numbering, the default, sends no InvoiceNumber: every other test here matches a body without one.)
  });
});
