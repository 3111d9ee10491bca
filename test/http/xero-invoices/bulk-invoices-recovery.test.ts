/**
 * Bulk sends of sales orders when things go wrong or have been sent before: a batch whose answer is lost
 * (saved by the sandbox, answer dropped or held past the timeout) is looked up by its References before
 * anything is sent again; a run that mixes new orders and invoiced orders changed since sends the changes
 * in their own update call (InvoiceIDs, LineItemIDs) beside the create call; a run left mid-way by a
 * process that died is finished by another, nothing sent twice.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Invoice } from 'xero-node';
import { describeEachDialect } from '../../helpers/test-db.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { gstLine } from '../../fixtures/documents.js';
import type { OrganisationGateway } from '../../../src/xero/xero-gateway.js';
import { sandboxCall, syncApp } from '../xero-sync/sync-app.js';
import { editOrder, refreshSettings, startInvoiceApp, type InvoiceApp } from './invoice-app.js';
import { seedOrders, xeroInvoices } from './bulk-orders.js';

const requester = { userId: null, name: 'Alice Accountant' };

/** The invoice batch calls the engine made, in order: mode and the invoices as sent. */
type Saves = Array<{ mode: 'create' | 'update'; invoices: Invoice[] }>;
const recordingSaves =
  (saves: Saves) =>
  (g: OrganisationGateway): OrganisationGateway => ({
    ...g,
    saveInvoices: (mode, invoices, key) => {
      saves.push({ mode, invoices: structuredClone(invoices) });
      return g.saveInvoices(mode, invoices, key);
    },
  });

/** Account 299 is in the app's settings cache (read before it was deleted in Xero): the mapping check lets it through and Xero refuses it. */
async function staleAccount(a: InvoiceApp) {
  await a
    .db('xero_accounts')
    .insert({ organisation_id: a.org.id, account_id: randomUUID(), code: '299', name: 'Old Sales', type: 'REVENUE', status: 'ACTIVE' });
}

describeEachDialect('Bulk send of sales orders: lost answers, updates beside creates, restarts', (ctx) => {
  let a: InvoiceApp | undefined;
  afterEach(async () => {
    await a?.close();
    a = undefined;
  });

  for (const mode of ['drop', 'timeout'] as const) {
    it(`when the sandbox saves a batch of 12 invoices and then ${mode === 'drop' ? 'drops the answer' : 'holds it past our timeout'}, then the next attempt looks the orders up by Reference before sending anything: 11 found and linked, the refused one sent again alone, one invoice per order`, async function () {
      this.timeout(90_000);
      const saves: Saves = [];
      a = await startInvoiceApp(ctx.current().db, { webhooksToApp: false, sync: { wrap: recordingSaves(saves), timeoutMs: 1_000 } });
      await refreshSettings(a);
      await staleAccount(a);
      const ids = await seedOrders(a, 'Lost', 12, 4, [5]);
      await sandboxCall(a.sa, a.h, a.db, a.org.xeroTenantId, 'PUT', '/sandbox-admin/faults', {
        afterSave: [{ mode, collections: ['Invoices'], next: 1, ...(mode === 'timeout' ? { holdMs: 2_000 } : {}) }],
      });
      const tdb = tenantDb(a.db, a.org.id);
      const run = await a.sa.sync.bulk.forOrganisation(tdb).start('sales_order', { ids }, requester);
      await a.sa.sync.engine.worker.drain();

      // Xero has the 11 it accepted; Ledgerside never heard so: every order waits, its write marked as started.
      expect(saves.map((s) => [s.mode, s.invoices.length])).to.deep.equal([['create', 12]]);
      const waiting = await a.sa.sync.bulk.forOrganisation(tdb).progress(run.id);
      expect(waiting.counts).to.include({ waiting: 12, done: 0, failed: 0 });
      const ops = () => a!.db('xero_sync_operations').where({ organisation_id: a!.org.id, run_id: run.id });
      expect((await ops()).every((o) => o.write_started_at !== null)).to.equal(true);
      expect(await xeroInvoices(a)).to.have.length(11);
      expect(await a.db('sales_orders').where({ organisation_id: a.org.id }).whereNotNull('xero_invoice_id')).to.have.length(0);

      // Past the Idempotency-Key's replay window: only the lookup stands between the retry and doubles.
      saves.length = 0;
      a.sa.calls.clear();
      a.sa.clock.advance(10 * 60_000);
      await a.sa.sync.engine.worker.drain();
      expect(a.sa.calls.get('getInvoicesPage'), 'one lookup by Reference for the batch').to.equal(1);
      expect(a.sa.calls.get('saveContacts') ?? 0, 'customers are not created again').to.equal(0);
      expect(saves.map((s) => [s.mode, s.invoices.map((i) => i.reference)])).to.deep.equal([['create', [saves[0]?.invoices[0]?.reference]]]);
      expect(saves[0]!.invoices[0]!.url).to.match(new RegExp(`/sales-orders/${ids[4]}$`));

      const after = await a.sa.sync.bulk.forOrganisation(tdb).progress(run.id);
      expect(after.run.status).to.equal('done');
      expect(after.counts).to.include({ done: 11, failed: 1, waiting: 0, pending: 0 });
      const byRecord = new Map((await ops()).map((o) => [o.record_id, o]));
      const refused = byRecord.get(ids[4]);
      expect(refused).to.include({ status: 'failed', result_message: 'Xero refused it.' });
      expect(JSON.parse(refused.xero_messages)).to.deep.equal(["Account code '299' is not a valid code for this document."]);
      expect((await a.agent.get(`/bulk-sends/${run.id}`)).text).to.contain('<h1>12 sales orders to Xero: 1 failed <span');
      const invoices = await xeroInvoices(a);
      expect(invoices).to.have.length(11);
      const orders = await a.db('sales_orders').where({ organisation_id: a.org.id }).whereIn('id', ids);
      for (const order of orders.filter((o) => o.id !== ids[4])) {
        const op = byRecord.get(order.id);
        expect(op.status).to.equal('done');
        expect(op.outcome).to.equal('created');
        expect(op.result_message).to.match(/^Invoice INV-\d+ created in Xero \(confirmed after Xero’s answer was lost\)\.$/);
        const mine = invoices.filter((i) => i.url?.endsWith(`/sales-orders/${order.id}`));
        expect(mine, order.number).to.have.length(1);
        expect(String(order.xero_invoice_id).toLowerCase()).to.equal(mine[0]!.invoiceID!.toLowerCase());
        expect(op.xero_id.toLowerCase()).to.equal(mine[0]!.invoiceID!.toLowerCase());
      }
    });
  }

  it('when a run holds new orders, invoiced orders changed since and an unchanged one, then the changes go in one update call (InvoiceIDs, LineItemIDs kept) and the new ones in a separate create call, in the same run', async function () {
    this.timeout(90_000);
    const saves: Saves = [];
    a = await startInvoiceApp(ctx.current().db, { webhooksToApp: false, sync: { wrap: recordingSaves(saves) } });
    await refreshSettings(a);
    const ids = await seedOrders(a, 'Mixed', 5, 2);
    const tdb = tenantDb(a.db, a.org.id);
    await a.sa.sync.bulk.forOrganisation(tdb).start('sales_order', { ids: ids.slice(0, 3) }, requester);
    await a.sa.sync.engine.worker.drain();
    const first = new Map((await a.db('sales_orders').where({ organisation_id: a.org.id }).whereIn('id', ids.slice(0, 3))).map((o) => [o.id, o]));
    const lineIdsBefore = new Map<string, string[]>();
    for (const id of ids.slice(0, 2))
      lineIdsBefore.set(
        id,
        ((await a.invoice(first.get(id).xero_invoice_id)).lineItems ?? []).map((l) => l.lineItemID!),
      );

    // Orders 1 and 2 change in Ledgerside: a dearer first line and a new second one. Order 3 stays as sent; 4 and 5 are new.
    for (const id of ids.slice(0, 2))
      await editOrder(
        a,
        id,
        first.get(id).contact_id,
        [gstLine({ description: 'Work revised', unitPrice: '500.00' }), gstLine({ description: 'Extra visit', quantity: '1', unitPrice: '80.00' })],
        { reference: `Mixed-${id === ids[0] ? 1 : 2}` },
      );
    // The confirmation tells new invoices from those already sent.
    const confirm = await a.agent.get(`/bulk-sends/new?records=sales_order&${ids.map((id) => `id=${id}`).join('&')}`);
    expect(confirm.text).to.contain('<strong>2</strong> new invoices created in Xero');
    expect(confirm.text).to.contain('<strong>3</strong> already sent: their invoices updated in Xero where changed since (no call for the others)');
    expect(confirm.text).to.contain('<h2>Contacts on the way</h2>');
    saves.length = 0;
    a.sa.calls.clear();
    const run = await a.sa.sync.bulk.forOrganisation(tdb).start('sales_order', { ids }, requester);
    await a.sa.sync.engine.worker.drain();

    expect(saves.map((s) => s.mode)).to.deep.equal(['update', 'create']);
    const [update, create] = saves;
    expect(update!.invoices.map((i) => i.invoiceID)).to.deep.equal(ids.slice(0, 2).map((id) => first.get(id).xero_invoice_id));
    for (const [i, invoice] of update!.invoices.entries()) {
      // Line 1 keeps its LineItemID (updated in place); the new line has none (Xero adds it).
      expect(invoice.lineItems!.map((l) => [l.description, l.lineItemID ?? null])).to.deep.equal([
        ['Work revised', lineIdsBefore.get(ids[i]!)![0]],
        ['Extra visit', null],
      ]);
    }
    expect(create!.invoices.map((i) => [i.invoiceID ?? null, i.url?.split('/').pop()])).to.deep.equal([
      [null, ids[3]],
      [null, ids[4]],
    ]);
    expect(create!.invoices.flatMap((i) => i.lineItems!.map((l) => l.lineItemID ?? null))).to.deep.equal([null, null]);
    expect(a.sa.calls.get('getInvoicesPage'), 'one read of the invoices to update').to.equal(1);

    const outcomes = new Map(
      (await a.db('xero_sync_operations').where({ organisation_id: a.org.id, run_id: run.id })).map((o) => [o.record_id, [o.status, o.outcome]]),
    );
    expect(ids.map((id) => outcomes.get(id))).to.deep.equal([
      ['done', 'updated'],
      ['done', 'updated'],
      ['done', 'unchanged'],
      ['done', 'created'],
      ['done', 'created'],
    ]);
    expect((await a.agent.get(`/bulk-sends/${run.id}`)).text).to.match(
      /<h1>Sent 5 sales orders to Xero <span class="badge" data-bulk="statusLabel">Finished<\/span><\/h1>/,
    );
    const invoices = await xeroInvoices(a);
    expect(invoices, 'no invoice twice').to.have.length(5);
    for (const id of ids.slice(0, 2)) {
      const inXero = await a.invoice(first.get(id).xero_invoice_id);
      expect(inXero.lineItems!.map((l) => l.description)).to.deep.equal(['Work revised', 'Extra visit']);
      expect(inXero.lineItems![0]!.lineItemID).to.equal(lineIdsBefore.get(id)![0]);
      // 2 × 500.00 + 80.00, plus 10% GST.
      expect(inXero.total).to.equal(1188);
      const order = await a.db('sales_orders').where({ organisation_id: a.org.id, id }).first();
      expect(Number(order.total)).to.equal(118_800);
    }
  });

  it('when the process dies while Xero saves the second batch, then another worker picks the run up: the first batch is not sent again, the second is found by Reference, the third created, one invoice per order', async function () {
    this.timeout(120_000);
    let creates = 0;
    let saved!: () => void;
    const savedInXero = new Promise<void>((resolve) => {
      saved = resolve;
    });
    a = await startInvoiceApp(ctx.current().db, {
      webhooksToApp: false,
      sync: {
        owner: 'process-1',
        perOrganisation: 1,
        wrap: (g) => ({
          ...g,
          saveInvoices: async (mode, invoices, key) => {
            const answer = await g.saveInvoices(mode, invoices, key);
            if (++creates < 2) return answer;
            // Xero has saved the second batch; this process dies before it hears back.
            saved();
            return new Promise<never>(() => {});
          },
        }),
      },
    });
    await refreshSettings(a);
    const ids = await seedOrders(a, 'Crash', 101, 10);
    const tdb = tenantDb(a.db, a.org.id);
    const run = await a.sa.sync.bulk.forOrganisation(tdb).start('sales_order', { ids }, requester);
    expect(await a.sa.sync.engine.worker.runOne()).to.equal(true);
    void a.sa.sync.engine.worker.runOne();
    await savedInXero;
    const midway = await a.sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(midway.counts).to.include({ done: 50, running: 50, pending: 1 });
    expect(await xeroInvoices(a)).to.have.length(100);

    // A new process on the same database, after the dead one's leases ran out.
    const saves: Saves = [];
    const restarted = syncApp(a.h, a.db, { owner: 'process-2', wrap: recordingSaves(saves) });
    restarted.clock.advance(10 * 60_000);
    await restarted.sync.engine.worker.drain();
    expect(restarted.calls.get('getInvoicesPage'), 'the lost batch looked up once').to.equal(1);
    expect(saves.map((s) => [s.mode, s.invoices.map((i) => i.url?.split('/').pop())])).to.deep.equal([['create', [ids[100]]]]);
    const done = await restarted.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(done.run.status).to.equal('done');
    expect(done.counts).to.include({ done: 101, failed: 0, running: 0, pending: 0, waiting: 0 });
    const ops = await a.db('xero_sync_operations').where({ organisation_id: a.org.id, run_id: run.id });
    expect(ops.filter((o) => String(o.result_message).includes('confirmed after'))).to.have.length(50);
    const invoices = await xeroInvoices(a);
    expect(invoices).to.have.length(101);
    expect(new Set(invoices.map((i) => i.url)).size).to.equal(101);
    const orders = await a.db('sales_orders').where({ organisation_id: a.org.id }).whereIn('id', ids);
    const byUrl = new Map(invoices.map((i) => [i.url?.split('/').pop(), i.invoiceID?.toLowerCase()]));
    for (const order of orders) expect(String(order.xero_invoice_id).toLowerCase(), order.number).to.equal(byUrl.get(order.id));
  });
});
