import { expect } from 'chai';
import nock from 'nock';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { API_PATH, syncFixture, XERO_API, type SyncFixture } from '../../helpers/xero-sync-fixture.js';
import { seedPurchaseSettings, createSupplier } from '../../fixtures/purchase-orders.js';

const requester = { userId: null, name: 'Sam Sender' };
const SUPPLIER_XERO_ID = '0a1b2c3d-0000-4000-8000-000000000001';
const PO_XERO_ID = '0a1b2c3d-0000-4000-8000-0000000000aa';
const LINE_A = '0a1b2c3d-0000-4000-8000-0000000000a1';
const LINE_B = '0a1b2c3d-0000-4000-8000-0000000000b2';
const LINE_C = '0a1b2c3d-0000-4000-8000-0000000000c3';

interface Line {
  description: string;
  quantity: number;
  unitPrice: number;
  discountRate?: number;
  taxType?: string;
}

/** A purchase order written as the kit writes one (its totals are not what is under test: Xero computes its own). */
async function makePurchaseOrder(f: SyncFixture, supplierId: string, lines: Line[], header: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  await f.db('purchase_orders').insert({
    organisation_id: f.organisationId,
    id,
    number: 'PO-0007',
    contact_id: supplierId,
    issue_date: '2026-11-20',
    currency: 'AUD',
    line_amount_types: 'Exclusive',
    status: 'draft',
    ...header,
  });
  await writeLines(f, id, lines);
  return id;
}

async function writeLines(f: SyncFixture, id: string, lines: Line[]): Promise<void> {
  await f.db('purchase_order_lines').where({ organisation_id: f.organisationId, purchase_order_id: id }).delete();
  await f.db('purchase_order_lines').insert(
    lines.map((l, position) => ({
      organisation_id: f.organisationId,
      id: randomUUID(),
      purchase_order_id: id,
      position,
      description: l.description,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      discount_rate: l.discountRate ?? 0,
      account_code: '310',
      tax_type: l.taxType ?? 'INPUT',
      tax_rate: 100000,
      line_amount: 0,
      tax_amount: 0,
    })),
  );
}

async function settings(f: SyncFixture): Promise<void> {
  await seedPurchaseSettings(f.db, f.organisationId);
  await f.db('xero_currencies').insert({ organisation_id: f.organisationId, code: 'AUD', description: 'Australian Dollar' });
  const at = new Date().toISOString();
  await f.db('xero_settings_sync').insert(
    ['accounts', 'tax_rates', 'currencies', 'items', 'tracking_categories'].map((kind) => ({
      organisation_id: f.organisationId,
      kind,
      last_refreshed_at: at,
    })),
  );
}

async function send(f: SyncFixture, id: string) {
  const { operation } = await f.engine.forOrganisation(f.tdb).enqueue({ recordKind: 'purchase_order', recordId: id, recordLabel: 'PO-0007', requester });
  await f.engine.worker.drain();
  return f.engine.forOrganisation(f.tdb).get(operation.id);
}

/** The supplier is not in Xero yet: one lookup by name, one by similar names, then the PUT that creates it. */
function supplierCreated(order: string[]) {
  const api = nock(XERO_API);
  api
    .get(`${API_PATH}/Contacts`)
    .query((q) => q.where === 'Name=="Pipe Supply Co"')
    .reply(200, { Contacts: [] });
  api
    .get(`${API_PATH}/Contacts`)
    .query((q) => typeof q.searchTerm === 'string')
    .reply(200, { Contacts: [] });
  api
    .put(`${API_PATH}/Contacts`)
    .query({ summarizeErrors: 'false' })
    .reply(() => {
      order.push('contact');
      return [200, { Contacts: [{ ContactID: SUPPLIER_XERO_ID, Name: 'Pipe Supply Co', ContactStatus: 'ACTIVE' }] }];
    });
  return api;
}

describeEachDialect('Sending purchase orders to Xero: the exact JSON', (ctx) => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('when a new purchase order of a supplier not in Xero is sent, then the supplier is created first, then one PUT with the purchase order in wire form', async () => {
    const f = await syncFixture(ctx.current().db);
    await settings(f);
    const supplier = await createSupplier(f.db, f.organisationId, 'Pipe Supply Co');
    const salesOrder = randomUUID();
    const customer = randomUUID();
    await f
      .db('contacts')
      .insert({ organisation_id: f.organisationId, id: customer, kind: 'company', name: 'Harbour Cafe', name_key: 'harbour cafe', is_customer: true });
    await f.db('sales_orders').insert({
      organisation_id: f.organisationId,
      id: salesOrder,
      number: 'SO-0042',
      contact_id: customer,
      issue_date: '2026-11-19',
      currency: 'AUD',
      line_amount_types: 'Exclusive',
    });
    const id = await makePurchaseOrder(
      f,
      supplier,
      [
        { description: 'Copper pipe 15mm', quantity: 30000, unitPrice: 125000 },
        { description: 'Elbow', quantity: 15000, unitPrice: 33350, discountRate: 100000 },
      ],
      {
        sales_order_id: salesOrder,
        delivery_date: '2026-11-27',
        delivery_address: '1 Harbour St\nSydney NSW 2000',
        attention_to: 'Sam',
        telephone: '02 9999 0000',
        delivery_instructions: 'Ring first',
      },
    );
    const order: string[] = [];
    const contacts = supplierCreated(order);
    let sentBody: unknown;
    let headers: Record<string, string | string[] | undefined> = {};
    const put = nock(XERO_API)
      .put(`${API_PATH}/PurchaseOrders`)
      .query({ summarizeErrors: 'false' })
      .reply(function (_uri, body) {
        order.push('purchase order');
        sentBody = body;
        headers = this.req.headers;
        return [
          200,
          {
            PurchaseOrders: [
              {
                PurchaseOrderID: PO_XERO_ID,
                PurchaseOrderNumber: 'PO-0101',
                Status: 'DRAFT',
                LineItems: [{ LineItemID: LINE_A }, { LineItemID: LINE_B }],
              },
            ],
          },
        ];
      });
    const op = await send(f, id);
    expect(op.status, `${op.resultMessage ?? ''} ${op.advice ?? ''} ${JSON.stringify(op.xeroMessages)}`).to.equal('done');
    expect(order).to.deep.equal(['contact', 'purchase order']);
    expect(contacts.isDone() && put.isDone()).to.equal(true);
    expect(headers['idempotency-key']).to.be.a('string');
    expect(sentBody).to.deep.equal({
      PurchaseOrders: [
        {
          Contact: { ContactID: SUPPLIER_XERO_ID },
          Date: '2026-11-20',
          DeliveryDate: '2026-11-27',
          LineAmountTypes: 'Exclusive',
          Reference: 'PO-0007 / SO-0042',
          CurrencyCode: 'AUD',
          DeliveryAddress: '1 Harbour St\nSydney NSW 2000',
          AttentionTo: 'Sam',
          Telephone: '02 9999 0000',
          DeliveryInstructions: 'Ring first',
          LineItems: [
            { Description: 'Copper pipe 15mm', Quantity: 3, UnitAmount: 12.5, AccountCode: '310', TaxType: 'INPUT' },
            { Description: 'Elbow', Quantity: 1.5, UnitAmount: 3.335, AccountCode: '310', TaxType: 'INPUT', DiscountRate: 10 },
          ],
          Status: 'DRAFT',
        },
      ],
    });
    const row = await f.db('purchase_orders').where({ organisation_id: f.organisationId, id }).first();
    expect([row.xero_purchase_order_id, row.xero_number, row.xero_status]).to.deep.equal([PO_XERO_ID, 'PO-0101', 'DRAFT']);
  });

  it('when a sent purchase order has one line changed and one removed, then the update keeps the changed line’s LineItemID and leaves the removed one out', async () => {
    const f = await syncFixture(ctx.current().db);
    await settings(f);
    const supplier = await createSupplier(f.db, f.organisationId, 'Pipe Supply Co');
    await f.db('contacts').where({ organisation_id: f.organisationId, id: supplier }).update({ xero_contact_id: SUPPLIER_XERO_ID });
    const id = await makePurchaseOrder(f, supplier, [
      { description: 'Copper pipe', quantity: 10000, unitPrice: 100000 },
      { description: 'Elbow', quantity: 20000, unitPrice: 20000 },
      { description: 'Tape', quantity: 10000, unitPrice: 5000 },
    ]);
    // First send (the supplier is linked: it is checked in Xero and updated once, then never again while unchanged).
    nock(XERO_API)
      .get(`${API_PATH}/Contacts/${SUPPLIER_XERO_ID}`)
      .reply(200, { Contacts: [{ ContactID: SUPPLIER_XERO_ID, Name: 'Pipe Supply Co', ContactStatus: 'ACTIVE' }] });
    nock(XERO_API)
      .post(`${API_PATH}/Contacts/${SUPPLIER_XERO_ID}`)
      .reply(200, { Contacts: [{ ContactID: SUPPLIER_XERO_ID, Name: 'Pipe Supply Co', ContactStatus: 'ACTIVE' }] });
    nock(XERO_API)
      .put(`${API_PATH}/PurchaseOrders`)
      .query(true)
      .reply(200, {
        PurchaseOrders: [
          {
            PurchaseOrderID: PO_XERO_ID,
            PurchaseOrderNumber: 'PO-0101',
            Status: 'DRAFT',
            LineItems: [{ LineItemID: LINE_A }, { LineItemID: LINE_B }, { LineItemID: LINE_C }],
          },
        ],
      });
    expect((await send(f, id)).status).to.equal('done');

    // The elbow's quantity changes; the tape goes.
    await writeLines(f, id, [
      { description: 'Copper pipe', quantity: 10000, unitPrice: 100000 },
      { description: 'Elbow', quantity: 40000, unitPrice: 20000 },
    ]);
    await f.db('purchase_orders').where({ organisation_id: f.organisationId, id }).update({ line_amount_types: 'Inclusive' });
    let sentBody: unknown;
    const post = nock(XERO_API)
      .post(`${API_PATH}/PurchaseOrders/${PO_XERO_ID}`)
      .reply((_uri, body) => {
        sentBody = body;
        return [
          200,
          {
            PurchaseOrders: [
              { PurchaseOrderID: PO_XERO_ID, PurchaseOrderNumber: 'PO-0101', Status: 'DRAFT', LineItems: [{ LineItemID: LINE_A }, { LineItemID: LINE_B }] },
            ],
          },
        ];
      });
    const op = await send(f, id);
    expect(op.status, op.resultMessage ?? '').to.equal('done');
    expect(op.outcome).to.equal('updated');
    expect(post.isDone()).to.equal(true);
    expect(sentBody).to.deep.equal({
      PurchaseOrders: [
        {
          PurchaseOrderID: PO_XERO_ID,
          Contact: { ContactID: SUPPLIER_XERO_ID },
          Date: '2026-11-20',
          LineAmountTypes: 'Inclusive',
          Reference: 'PO-0007',
          CurrencyCode: 'AUD',
          DeliveryAddress: '',
          AttentionTo: '',
          Telephone: '',
          DeliveryInstructions: '',
          LineItems: [
            {
              LineItemID: LINE_A,
              Description: 'Copper pipe',
              Quantity: 1,
              UnitAmount: 10,
              AccountCode: '310',
              TaxType: 'INPUT',
              DiscountRate: 0,
              Tracking: [],
            },
            { LineItemID: LINE_B, Description: 'Elbow', Quantity: 4, UnitAmount: 2, AccountCode: '310', TaxType: 'INPUT', DiscountRate: 0, Tracking: [] },
          ],
        },
      ],
    });

    // Sent again unchanged: no call at all (nock would refuse one).
    const again = await send(f, id);
    expect(again.outcome).to.equal('unchanged');
  });
});
