import { expect } from 'chai';
import type { PurchaseOrder as XeroPurchaseOrder } from 'xero-node';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { csrfFrom } from '../../helpers/app-on-sandbox.js';
import { documentBody } from '../../fixtures/documents.js';
import { createBoughtProduct, createSupplier } from '../../fixtures/purchase-orders.js';
import { createContact } from '../../fixtures/documents.js';
import { TenantStore } from '../../../src/sandbox/accounting/store.js';
import { approvePurchaseOrder, markPurchaseOrderBilled } from '../../../src/sandbox/accounting/accountant-actions.js';
import type { Database } from '../../../src/db/database.js';
import { press, sandboxCall, signedIn, syncApp, type SyncApp } from './sync-app.js';
import { purchaseOrdersPollKind, sentDocumentsPoll } from '../../../src/xero-sync/index.js';
import { createLogger } from '../../../src/common/logger.js';
import { tenantDb } from '../../../src/db/tenant-db.js';

/** The organisation's purchase orders as the sandbox has them, read through xero-node with the app's token. */
async function xeroPurchaseOrders(sa: SyncApp, h: SandboxHarness, db: Database, tenantId: string): Promise<XeroPurchaseOrder[]> {
  const grant = await db('xero_grants').first();
  const tokenSet = (await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet;
  const client = h.xeroClient();
  client.setTokenSet(tokenSet);
  const { body } = await client.accountingApi.getPurchaseOrders(tenantId);
  return body.purchaseOrders ?? [];
}

/** The create page's form as shown, parsed back into a body. */
function createPageBody(html: string): Record<string, string> {
  const body: Record<string, string> = { _csrf: csrfFrom(html) };
  for (const m of html.matchAll(/name="(lines\[\d+\]\[(?:lineId|quantity|unitCost)\])"[^>]*value="([^"]*)"/g)) body[m[1] ?? ''] = m[2] ?? '';
  for (const m of html.matchAll(/name="(lines\[\d+\]\[lineId\])" value="([^"]*)"/g)) body[m[1] ?? ''] = m[2] ?? '';
  for (const m of html.matchAll(/name="(lines\[\d+\]\[tick\])" value="1" checked/g)) body[m[1] ?? ''] = '1';
  for (const m of html.matchAll(/<select id="[^"]*" name="(lines\[\d+\]\[supplierId\])"[^>]*>([\s\S]*?)<\/select>/g))
    body[m[1] ?? ''] = /<option value="([^"]*)" selected>/.exec(m[2] ?? '')?.[1] ?? '';
  return body;
}

describeEachDialect('Send to Xero: purchase orders against the sandbox', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Signed in to Demo Company (AU) with its settings read; a sales order with one line from each of three suppliers. */
  async function orderFromThreeSuppliers(options: Parameters<typeof syncApp>[2] = {}) {
    const { db } = ctx.current();
    const sa = syncApp(h, db, options);
    const { agent, org } = await signedIn(sa, h, db);
    await press(agent, '/settings/xero', '/settings/xero/refresh');
    const customer = await createContact(db, org.id, 'Harbour Cafe');
    const suppliers = [
      await createSupplier(db, org.id, 'Pipe Supply Co'),
      await createSupplier(db, org.id, 'Tap World'),
      await createSupplier(db, org.id, 'Valve House'),
    ];
    const products = [
      await createBoughtProduct(db, org.id, 'PIPE', { supplierId: suppliers[0]!, costPrice: 150000 }),
      await createBoughtProduct(db, org.id, 'TAP', { supplierId: suppliers[1]!, costPrice: 400000 }),
      await createBoughtProduct(db, org.id, 'VALVE', { supplierId: suppliers[2]!, costPrice: 82500 }),
    ];
    const form = await agent.get('/sales-orders/new');
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrfFrom(form.text),
            contactId: customer,
            number: '',
            projectId: '',
            issueDate: '2026-11-20',
            dueDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: '',
            notes: '',
            deliveryAddress: '1 Harbour St\nSydney NSW 2000',
            deliveryDate: '',
            deliveryInstructions: 'Back door',
          },
          products.map((productId, i) => ({
            productId,
            description: `Item ${i + 1}`,
            quantity: String(i + 2),
            unitPrice: '100',
            accountCode: '200',
            taxType: 'OUTPUT',
          })),
        ),
      );
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    const orderId = String(res.headers.location).split('/').pop() ?? '';
    const page = await agent.get(`/sales-orders/${orderId}/purchase-orders/new`);
    const made = await agent.post(`/sales-orders/${orderId}/purchase-orders/new`).type('form').send(createPageBody(page.text));
    expect(made.status, made.text.slice(0, 500)).to.equal(303);
    const ids: string[] = (await db('purchase_orders').where({ organisation_id: org.id }).orderBy('number').select('id')).map((r: { id: string }) => r.id);
    return { db, sa, agent, org, orderId, suppliers, ids };
  }

  it('when three purchase orders made in one step are each sent to Xero, then the sandbox has three with their suppliers (created first), lines and delivery details', async () => {
    const { db, sa, agent, org, ids } = await orderFromThreeSuppliers();
    expect(ids).to.have.length(3);
    for (const id of ids) await press(agent, `/purchase-orders/${id}`, `/purchase-orders/${id}/send-to-xero`);
    expect((await agent.get(`/purchase-orders/${ids[2]}`)).text).to.contain('Sending PO-0003 to Xero (its supplier first). This page shows when it is done.');
    expect(await sa.sync.engine.worker.drain()).to.equal(3);

    const inXero = (await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).filter((p) => p.reference?.endsWith('/ SO-0001'));
    expect(inXero.map((p) => [p.reference, p.contact?.name, String(p.status)]).sort()).to.deep.equal([
      ['PO-0001 / SO-0001', 'Pipe Supply Co', 'DRAFT'],
      ['PO-0002 / SO-0001', 'Tap World', 'DRAFT'],
      ['PO-0003 / SO-0001', 'Valve House', 'DRAFT'],
    ]);
    const valves = inXero.find((p) => p.contact?.name === 'Valve House')!;
    expect(valves.lineItems?.map((l) => [l.description, l.quantity, l.unitAmount, l.accountCode, l.taxType, l.lineAmount])).to.deep.equal([
      ['Item 3', 4, 8.25, '310', 'INPUT', 33],
    ]);
    expect(valves.deliveryAddress).to.equal('1 Harbour St\nSydney NSW 2000');
    expect(valves.deliveryInstructions).to.equal('Back door');
    expect(valves.total).to.equal(36.3);
    // The suppliers were created in Xero as contacts and linked.
    const linked = await db('contacts').where({ organisation_id: org.id }).whereNotNull('xero_contact_id').select('name');
    expect(linked.map((r: { name: string }) => r.name).sort()).to.deep.equal(['Pipe Supply Co', 'Tap World', 'Valve House']);
    expect(sa.calls.get('createContact')).to.equal(3);
    expect(sa.calls.get('createPurchaseOrder')).to.equal(3);
    // The suppliers' creates in the same attempt are no reason to look for a purchase order a lost answer made.
    expect(sa.calls.get('getPurchaseOrdersDated') ?? 0).to.equal(0);

    const page = await agent.get(`/purchase-orders/${ids[2]}`);
    expect(page.text).to.contain('Xero number').and.contain(valves.purchaseOrderNumber!).and.contain('Open in Xero').and.contain('Download PDF');
    expect(page.text).to.contain(`redirecturl=%2FAccounts%2FPayable%2FPurchaseOrders%2FView%2F${valves.purchaseOrderID}%2F`);
    const pdf = await agent.get(`/purchase-orders/${ids[2]}/pdf`).buffer(true);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(String(pdf.body).slice(0, 5)).to.equal('%PDF-');
  });

  it('when a sent purchase order is changed and sent again, then Xero’s purchase order is updated (lines matched), not duplicated; unchanged it is not sent at all', async () => {
    const { db, sa, agent, org, ids } = await orderFromThreeSuppliers();
    const id = ids[0]!;
    await press(agent, `/purchase-orders/${id}`, `/purchase-orders/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const first = (await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).find((p) => p.reference === 'PO-0001 / SO-0001')!;
    const lineId = first.lineItems?.[0]?.lineItemID;

    const edit = await agent.get(`/purchase-orders/${id}/edit`);
    const body: Record<string, string> = {};
    for (const m of edit.text.matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"[^>]*>/g)) body[m[1] ?? ''] = '';
    const values = await db('purchase_order_lines').where({ organisation_id: org.id, purchase_order_id: id }).first();
    const res = await agent
      .post(`/purchase-orders/${id}/edit`)
      .type('form')
      .send({
        _csrf: csrfFrom(edit.text),
        contactId: (await db('purchase_orders').where({ organisation_id: org.id, id }).first()).contact_id,
        number: 'PO-0001',
        projectId: '',
        issueDate: '2026-11-20',
        deliveryDate: '2026-12-01',
        currency: 'AUD',
        lineAmountTypes: 'Exclusive',
        reference: 'SO-0001',
        notes: '',
        deliveryAddress: '1 Harbour St\nSydney NSW 2000',
        attentionTo: 'Sam',
        telephone: '',
        deliveryInstructions: 'Back door',
        'lines[0][productId]': String(values.product_id),
        'lines[0][description]': 'Item 1',
        'lines[0][quantity]': '5',
        'lines[0][unitPrice]': '15.00',
        'lines[0][accountCode]': '310',
        'lines[0][taxType]': 'INPUT',
      });
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    await press(agent, `/purchase-orders/${id}`, `/purchase-orders/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const all = (await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).filter((p) => p.reference === 'PO-0001 / SO-0001');
    expect(all).to.have.length(1);
    expect(all[0]!.purchaseOrderID).to.equal(first.purchaseOrderID);
    expect(all[0]!.lineItems?.map((l) => [l.lineItemID, l.quantity])).to.deep.equal([[lineId, 5]]);
    expect(all[0]!.attentionTo).to.equal('Sam');
    expect(sa.calls.get('updatePurchaseOrder')).to.equal(1);

    await press(agent, `/purchase-orders/${id}`, `/purchase-orders/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    expect(sa.calls.get('updatePurchaseOrder')).to.equal(1);
    expect((await agent.get(`/purchase-orders/${id}`)).text).to.contain('nothing sent');
  });

  it('when a sent purchase order is billed in Xero, then a poll shows it Billed here; deleted in Xero shows so after Refresh from Xero', async () => {
    const { db, sa, agent, org, ids } = await orderFromThreeSuppliers();
    for (const id of ids.slice(0, 2)) await press(agent, `/purchase-orders/${id}`, `/purchase-orders/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const rows = await db('purchase_orders')
      .where({ organisation_id: org.id })
      .whereIn('id', ids.slice(0, 2))
      .orderBy('number')
      .select('xero_purchase_order_id');
    const [billedId, deletedId] = rows.map((r: { xero_purchase_order_id: string }) => r.xero_purchase_order_id);
    const store = new TenantStore(h.db, org.xeroTenantId);
    const actx = { nowMs: h.clock.now() + 5_000, baseCurrency: 'AUD', events: [] };
    await approvePurchaseOrder(store, billedId!, actx);
    await markPurchaseOrderBilled(store, billedId!, actx);

    const poll = sentDocumentsPoll({ db, logger: createLogger('silent'), gatewayFor: sa.sync.gatewayFor, kinds: [purchaseOrdersPollKind] });
    const [polled] = await poll.pollNow(org.id);
    expect(polled).to.deep.include({ updated: 1 });
    expect(sa.calls.get('getPurchaseOrdersPage')).to.equal(1);
    const billed = await agent.get(`/purchase-orders/${ids[0]}`);
    expect(billed.text).to.match(/Purchase order PO-0001 <span class="badge badge-ok">Billed<\/span>/);
    expect(billed.text).to.contain('<span class="badge badge-ok" data-xero-status>Billed</span>');
    expect((await agent.get('/purchase-orders?status=billed')).text).to.contain('PO-0001');

    const { deletePurchaseOrder } = await import('../../../src/sandbox/accounting/accountant-actions.js');
    await deletePurchaseOrder(store, deletedId!, { ...actx, nowMs: actx.nowMs + 1000 });
    await press(agent, `/purchase-orders/${ids[1]}`, `/purchase-orders/${ids[1]}/refresh-from-xero`);
    const deleted = await agent.get(`/purchase-orders/${ids[1]}`);
    expect(deleted.text).to.contain('Read from Xero: Deleted in Xero.');
    expect(deleted.text).to.contain('<span class="badge badge-bad" data-xero-status>Deleted in Xero</span>');
    expect(deleted.text).to.contain('PO-0002 was deleted in Xero.').and.not.contain(`/purchase-orders/${ids[1]}/pdf`);
  });

  for (const mode of ['drop', 'timeout'] as const) {
    it(`when the sandbox saves a purchase order and then ${mode === 'drop' ? 'drops the answer' : 'holds the answer past our timeout'}, then the retry finds it by its Reference and Xero has exactly one`, async () => {
      const { db, sa, agent, org, ids } = await orderFromThreeSuppliers({ timeoutMs: 500 });
      await sandboxCall(sa, h, db, org.xeroTenantId, 'PUT', '/sandbox-admin/faults', {
        afterSave: [{ mode, collections: ['PurchaseOrders'], next: 1, ...(mode === 'timeout' ? { holdMs: 2_000 } : {}) }],
      });
      const id = ids[0]!;
      await press(agent, `/purchase-orders/${id}`, `/purchase-orders/${id}/send-to-xero`);
      await sa.sync.engine.worker.drain();
      const waiting = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: id }).first();
      expect(waiting.status, String(waiting.result_message)).to.equal('waiting');
      expect(waiting.write_started_at).to.not.equal(null);
      const saved = (await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).filter((p) => p.reference === 'PO-0001 / SO-0001');
      expect(saved, 'Xero saved it').to.have.length(1);
      expect((await db('purchase_orders').where({ organisation_id: org.id, id }).first()).xero_purchase_order_id, 'the answer never came').to.equal(null);

      // Past the Idempotency-Key's replay: only the lookup stands between the retry and a second purchase order.
      sa.clock.advance(10 * 60_000);
      await sa.sync.engine.worker.drain();
      const done = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: id }).first();
      expect(done.status, String(done.result_message)).to.equal('done');
      expect(done.outcome).to.equal('created');
      expect(done.result_message).to.contain('confirmed after Xero’s answer was lost');
      expect(sa.calls.get('createPurchaseOrder'), 'not created again').to.equal(1);
      expect(sa.calls.get('getPurchaseOrdersDated')).to.be.at.least(1);
      const inXero = (await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).filter((p) => p.reference === 'PO-0001 / SO-0001');
      expect(inXero).to.have.length(1);
      const row = await db('purchase_orders').where({ organisation_id: org.id, id }).first();
      expect(row.xero_purchase_order_id).to.equal(inXero[0]!.purchaseOrderID);
      expect(row.xero_number).to.equal(inXero[0]!.purchaseOrderNumber);
      const lines = await db('xero_sent_lines').where({ organisation_id: org.id, document_kind: 'purchase_order', document_id: id });
      expect(lines.map((l: { line_item_id: string }) => l.line_item_id)).to.deep.equal(inXero[0]!.lineItems?.map((l) => l.lineItemID));
    });
  }

  it('when a bulk send’s batch of new purchase orders is saved by the sandbox and its answer dropped, then the retry finds all three by their Reference and Xero has each once', async () => {
    const { db, sa, org, ids } = await orderFromThreeSuppliers();
    await sandboxCall(sa, h, db, org.xeroTenantId, 'PUT', '/sandbox-admin/faults', { afterSave: [{ mode: 'drop', collections: ['PurchaseOrders'], next: 1 }] });
    const tdb = tenantDb(db, org.id);
    const run = await sa.sync.bulk
      .forOrganisation(tdb)
      .start('purchase_order', { all: true, query: { unsent: '1' } }, { userId: null, name: 'Alice Accountant' });
    expect(run.total).to.equal(3);
    await sa.sync.engine.worker.drain();
    const ops = () => db('xero_sync_operations').where({ organisation_id: org.id, run_id: run.id }).orderBy('record_label');
    expect((await ops()).map((o: { status: string }) => o.status)).to.deep.equal(['waiting', 'waiting', 'waiting']);
    expect(
      (await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).filter((p) => p.reference?.endsWith('/ SO-0001')),
      'Xero saved them',
    ).to.have.length(3);

    sa.clock.advance(10 * 60_000);
    await sa.sync.engine.worker.drain();
    const done = await ops();
    expect(done.map((o: { status: string; outcome: string }) => [o.status, o.outcome])).to.deep.equal(Array(3).fill(['done', 'created']));
    for (const o of done) expect(o.result_message).to.contain('confirmed after Xero’s answer was lost');
    expect(sa.calls.get('savePurchaseOrders'), 'one batch create, not two').to.equal(1);
    const inXero = (await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).filter((p) => p.reference?.endsWith('/ SO-0001'));
    expect(inXero.map((p) => p.reference).sort()).to.deep.equal(['PO-0001 / SO-0001', 'PO-0002 / SO-0001', 'PO-0003 / SO-0001']);
    const stored = await db('purchase_orders').where({ organisation_id: org.id }).whereIn('id', ids).select('xero_purchase_order_id');
    expect(new Set(stored.map((r: { xero_purchase_order_id: string }) => r.xero_purchase_order_id))).to.deep.equal(
      new Set(inXero.map((p) => p.purchaseOrderID)),
    );
  });
});
