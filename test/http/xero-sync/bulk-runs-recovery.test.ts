/**
 * Bulk runs of contacts and purchase orders part-way through: Xero's daily limit with the sandbox's own
 * limit (SANDBOX_RATE_LIMITS) and clocks moved by the test, a process that dies while Xero saves a batch
 * (another worker finishes the run), and Pause or Cancel after the first batch. Batches go one at a time
 * (perOrganisation 1) so "after the first batch" is exact; the test runs them with runOne/drain.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { dateStyleFor } from '../../../src/common/dates.js';
import type { Database } from '../../../src/db/database.js';
import { press, signedIn, spendDayDownTo, syncApp, xeroContacts, type SyncApp } from './sync-app.js';
import { seedContacts, seedPurchaseOrders, xeroPurchaseOrders } from './bulk-seed.js';

const requester = { userId: null, name: 'Alice Accountant' };
const DAY = 86_400_000;
const LIMITS = { SANDBOX_RATE_LIMITS: 'minute=1000,day=150,concurrent=5,appminute=10000' };

async function withSettings(sa: SyncApp, agent: Parameters<typeof press>[0]) {
  await press(agent, '/settings/xero', '/settings/xero/refresh');
  return sa;
}

describeEachDialect('Bulk runs of contacts and purchase orders: daily limit, restart, pause and cancel mid-run', (ctx) => {
  let h: SandboxHarness;
  afterEach(async () => {
    await h?.close();
  });

  const start = async (options: Parameters<typeof syncApp>[2] = {}, env: Record<string, string> = {}) => {
    h = await startSandboxHarness({ env });
    const { db } = ctx.current();
    const sa = syncApp(h, db, { perOrganisation: 1, ...options });
    const { agent, org } = await signedIn(sa, h, db);
    return { db, sa, agent, org, tdb: tenantDb(db, org.id) };
  };

  const runOps = (db: Database, orgId: string, runId: string) => db('xero_sync_operations').where({ organisation_id: orgId, run_id: runId });

  it('when Xero’s daily limit is spent after the first batch of contacts, then the second waits (the page says until when) and after Xero’s reset the run finishes, each contact in Xero once', async function () {
    this.timeout(90_000);
    const { db, sa, agent, org, tdb } = await start({ clockToleranceSeconds: 3 * 86_400 }, LIMITS);
    const ids = await seedContacts(tdb, 'Limit', 80);
    const run = await sa.sync.bulk.forOrganisation(tdb).start('contact', { ids }, requester);
    expect(await sa.sync.engine.worker.runOne()).to.equal(true);
    await spendDayDownTo(sa, h, db, org.xeroTenantId, 0);

    sa.calls.clear();
    await sa.sync.engine.worker.drain();
    const held = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(held.run.status).to.equal('running');
    expect(held.counts).to.include({ done: 50, waiting: 30, failed: 0, pending: 0 });
    expect(held.heldUntil).to.be.an.instanceOf(Date);
    const until = dateStyleFor('AU').moment(held.heldUntil!);
    expect((await agent.get(`/bulk-sends/${run.id}`)).text).to.contain(
      `Xero's daily limit of calls for this organisation is spent: the send waits and goes on by itself at ${until}.`,
    );
    expect(sa.calls.get('saveContacts') ?? 0, 'nothing saved once the limit is spent').to.equal(0);
    sa.calls.clear();
    sa.clock.advance(3_600_000);
    h.clock.advance(3_600_000);
    expect(await sa.sync.engine.worker.drain(), 'an hour on, nothing is tried').to.equal(0);
    expect(sa.calls.size).to.equal(0);

    h.clock.advance(DAY);
    sa.clock.advance(DAY);
    await sa.sync.engine.worker.drain();
    const done = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(done.run.status).to.equal('done');
    expect(done.counts).to.include({ done: 80, waiting: 0, failed: 0 });
    expect(done.heldUntil).to.equal(null);
    const inXero = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Limit '));
    expect(inXero).to.have.length(80);
    expect(new Set(inXero.map((c) => c.name)).size).to.equal(80);
  });

  it('when part of a run waits to be retried, then its time left counts those records too, but not one waiting for the user to choose', async function () {
    this.timeout(60_000);
    const { db, sa, org, tdb } = await start();
    const ids = await seedContacts(tdb, 'Eta', 80);
    const run = await sa.sync.bulk.forOrganisation(tdb).start('contact', { ids }, requester);
    expect(await sa.sync.engine.worker.runOne()).to.equal(true);
    // Of the 30 left, 20 wait for a retry after a failed batch, 1 waits for a choice, 9 are still to go.
    const left = (await runOps(db, org.id, run.id).where({ status: 'pending' }).orderBy('id').select('id')).map((r: { id: string }) => r.id);
    expect(left).to.have.length(30);
    const later = new Date(Date.now() + 600_000);
    await runOps(db, org.id, run.id).whereIn('id', left.slice(0, 20)).update({ status: 'waiting', outcome: 'retrying', next_run_at: later });
    await runOps(db, org.id, run.id).whereIn('id', left.slice(20, 21)).update({ status: 'waiting', outcome: 'needs_choice', next_run_at: null });
    const p = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(p.counts).to.include({ done: 50, waiting: 21, pending: 9 });
    expect(p.perMinute).to.equal(50);
    expect(p.remaining).to.equal(9);
    // (9 to go + 20 to retry) at 50 a minute; without the retries it would say 9 / 50.
    expect(p.minutesLeft).to.be.closeTo(29 / 50, 1e-9);
  });

  it('when Xero’s daily limit is hit by the second batch’s create of purchase orders, then it waits, and after the reset looks them up before creating them: each purchase order in Xero once', async function () {
    this.timeout(120_000);
    const { db, sa, agent, org, tdb } = await start({ clockToleranceSeconds: 3 * 86_400 }, LIMITS);
    await withSettings(sa, agent);
    const ids = await seedPurchaseOrders(agent, db, org.id, { prefix: 'Limit', count: 60, suppliers: 5 });
    const run = await sa.sync.bulk.forOrganisation(tdb).start('purchase_order', { ids }, requester);
    expect(await sa.sync.engine.worker.runOne()).to.equal(true);
    // The second batch's suppliers are all in Xero by now: its one call is the create, which Xero refuses.
    await spendDayDownTo(sa, h, db, org.xeroTenantId, 0);
    sa.calls.clear();
    await sa.sync.engine.worker.drain();
    expect(sa.calls.get('savePurchaseOrders')).to.equal(1);
    const held = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(held.counts).to.include({ done: 50, waiting: 10, failed: 0 });
    expect(held.heldUntil).to.be.an.instanceOf(Date);
    expect(await xeroPurchaseOrders(sa, h, db, org.xeroTenantId).catch(() => 'refused'), 'the sandbox refuses reads too').to.equal('refused');

    h.clock.advance(DAY + 60_000);
    sa.clock.advance(DAY + 60_000);
    sa.calls.clear();
    await sa.sync.engine.worker.drain();
    expect(sa.calls.get('savePurchaseOrders'), 'created once after the reset').to.equal(1);
    const done = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(done.run.status).to.equal('done');
    expect(done.counts).to.include({ done: 60, waiting: 0, failed: 0 });
    const inXero = await xeroPurchaseOrders(sa, h, db, org.xeroTenantId);
    expect(inXero).to.have.length(60);
    expect(new Set(inXero.map((p) => p.reference)).size).to.equal(60);
    const stored = await db('purchase_orders').where({ organisation_id: org.id }).whereIn('id', ids).select('xero_purchase_order_id');
    expect(new Set(stored.map((r: { xero_purchase_order_id: string }) => String(r.xero_purchase_order_id).toLowerCase()))).to.deep.equal(
      new Set(inXero.map((p) => String(p.purchaseOrderID).toLowerCase())),
    );
  });

  it('when the process dies while Xero saves the first batch of purchase orders, then another worker finds those 50 by Reference, creates the other 10, and Xero has each once', async function () {
    this.timeout(120_000);
    let saved!: () => void;
    const savedInXero = new Promise<void>((resolve) => {
      saved = resolve;
    });
    const { db, sa, agent, org, tdb } = await start({
      owner: 'process-1',
      wrap: (g) => ({
        ...g,
        savePurchaseOrders: async (mode, purchaseOrders, key) => {
          await g.savePurchaseOrders(mode, purchaseOrders, key);
          saved();
          return new Promise<never>(() => {});
        },
      }),
    });
    await withSettings(sa, agent);
    const ids = await seedPurchaseOrders(agent, db, org.id, { prefix: 'Crash', count: 60, suppliers: 6 });
    const run = await sa.sync.bulk.forOrganisation(tdb).start('purchase_order', { ids }, requester);
    void sa.sync.engine.worker.runOne();
    await savedInXero;
    expect((await sa.sync.bulk.forOrganisation(tdb).progress(run.id)).counts).to.include({ running: 50, pending: 10, done: 0 });
    expect(await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).to.have.length(50);

    const restarted = syncApp(h, db, { owner: 'process-2' });
    restarted.clock.advance(10 * 60_000);
    await restarted.sync.engine.worker.drain();
    expect(restarted.calls.get('savePurchaseOrders'), 'only the last 10 created').to.equal(1);
    const done = await restarted.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(done.run.status).to.equal('done');
    expect(done.counts).to.include({ done: 60, failed: 0, running: 0, pending: 0 });
    const ops = await runOps(db, org.id, run.id);
    expect(ops.filter((o) => String(o.result_message).includes('confirmed after Xero’s answer was lost'))).to.have.length(50);
    const inXero = await xeroPurchaseOrders(restarted, h, db, org.xeroTenantId);
    expect(inXero).to.have.length(60);
    expect(new Set(inXero.map((p) => p.reference)).size).to.equal(60);
  });

  it('when a run of purchase orders is paused after its first batch, then nothing more goes until Resume, and then the rest go once', async function () {
    this.timeout(120_000);
    const { db, sa, agent, org, tdb } = await start();
    await withSettings(sa, agent);
    const ids = await seedPurchaseOrders(agent, db, org.id, { prefix: 'Pause', count: 60, suppliers: 4 });
    const run = await sa.sync.bulk.forOrganisation(tdb).start('purchase_order', { ids }, requester);
    const page = `/bulk-sends/${run.id}`;
    expect(await sa.sync.engine.worker.runOne()).to.equal(true);
    expect((await press(agent, page, `${page}/pause`)).status).to.equal(303);
    sa.calls.clear();
    expect(await sa.sync.engine.worker.drain()).to.equal(0);
    expect(sa.calls.size).to.equal(0);
    const paused = await agent.get(page);
    expect(paused.text).to.contain('Paused').and.contain('>Resume<').and.not.contain('>Pause<');
    expect((await agent.get(`${page}/progress.json`)).body).to.include({ status: 'paused', done: 50, remaining: 10 });
    expect(await xeroPurchaseOrders(sa, h, db, org.xeroTenantId)).to.have.length(50);

    await press(agent, page, `${page}/resume`);
    await sa.sync.engine.worker.drain();
    expect(sa.calls.get('savePurchaseOrders')).to.equal(1);
    expect((await agent.get(`${page}/progress.json`)).body).to.include({ status: 'done', done: 60, remaining: 0 });
    const inXero = await xeroPurchaseOrders(sa, h, db, org.xeroTenantId);
    expect(inXero).to.have.length(60);
    expect(new Set(inXero.map((p) => p.reference)).size).to.equal(60);
  });

  it('when a run of contacts is cancelled after its first batch, then the 50 sent stay done, the other 70 are cancelled and never sent, and Retry failed is refused', async function () {
    this.timeout(90_000);
    const { db, sa, agent, org, tdb } = await start();
    const ids = await seedContacts(tdb, 'Stop', 120);
    const run = await sa.sync.bulk.forOrganisation(tdb).start('contact', { ids }, requester);
    const page = `/bulk-sends/${run.id}`;
    expect(await sa.sync.engine.worker.runOne()).to.equal(true);
    expect((await press(agent, page, `${page}/cancel`)).status).to.equal(303);
    sa.calls.clear();
    expect(await sa.sync.engine.worker.drain()).to.equal(0);
    expect(sa.calls.size).to.equal(0);
    const cancelled = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(cancelled.run.status).to.equal('cancelled');
    expect(cancelled.counts).to.include({ done: 50, cancelled: 70, pending: 0, waiting: 0 });
    const ops = await runOps(db, org.id, run.id);
    expect(ops.filter((o) => o.status === 'done').map((o) => o.record_id)).to.have.members(ids.slice(0, 50));
    const shown = await agent.get(page);
    expect(shown.text).to.contain('Cancelled').and.not.contain('>Pause<').and.not.contain('>Resume<');
    const inXero = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Stop '));
    expect(inXero.map((c) => c.name).sort()).to.deep.equal(Array.from({ length: 50 }, (_, i) => `Stop ${String(i + 1).padStart(3, '0')} Pty`));
    // A cancelled run is not started again by Retry failed (start a new one from the list).
    const csrf = /name="_csrf" value="([^"]+)"/.exec(shown.text)![1]!;
    await agent.post(`${page}/retry-failed`).type('form').send({ _csrf: csrf });
    expect(await sa.sync.engine.worker.drain()).to.equal(0);
    expect((await agent.get(page)).text).to.contain('This send was cancelled; start a new one from the list.');
  });
});
