/**
 * Xero's daily limit during a bulk send of sales orders, with the sandbox's own limit (SANDBOX_RATE_LIMITS
 * day=…) and clocks moved by the test (the sandbox's ManualClock, the engine's injected clock): the run
 * waits, its page says until when, nothing is sent before Xero's reset, and it finishes after it.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { dateStyleFor } from '../../../src/common/dates.js';
import { refreshSettings, startInvoiceApp, type InvoiceApp } from './invoice-app.js';
import { seedOrders, xeroInvoices } from './bulk-orders.js';
import { spendDayDownTo } from '../xero-sync/sync-app.js';

const requester = { userId: null, name: 'Alice Accountant' };
const DAY = 86_400_000;

/** X-DayLimit-Remaining of one GET /Organisation with the app's token (the read counts itself). */
async function xeroDayRemaining(a: InvoiceApp): Promise<number> {
  const grant = await a.db('xero_grants').first();
  const token = (await a.sa.xero.tokenStore.find(String(grant.id)))!.tokenSet.access_token;
  const res = await fetch(`${a.h.apiBasePath}/Organisation`, { headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': a.org.xeroTenantId } });
  await res.arrayBuffer();
  return Number(res.headers.get('x-daylimit-remaining'));
}

describeEachDialect('Bulk send of sales orders at Xero’s daily limit (the sandbox’s limit and clock)', (ctx) => {
  let a: InvoiceApp | undefined;
  afterEach(async () => {
    await a?.close();
    a = undefined;
  });

  it('when Xero’s daily limit runs out after the first of two batches, then the second waits (the page and its figures say until when), nothing is sent before the reset, and after it the run finishes with each order invoiced once', async function () {
    this.timeout(90_000);
    a = await startInvoiceApp(ctx.current().db, {
      webhooksToApp: false,
      sandboxEnv: { SANDBOX_RATE_LIMITS: 'minute=1000,day=80,concurrent=5,appminute=10000' },
      // The sandbox's clock goes a day on: the refreshed ID token is a day ahead of the real clock.
      sync: { perOrganisation: 1, clockToleranceSeconds: 3 * 86_400 },
    });
    await refreshSettings(a);
    const ids = await seedOrders(a, 'Daily', 60, 6);
    const tdb = tenantDb(a.db, a.org.id);
    // The customers go first (their own run), so each batch of orders is one call: the invoices' create.
    const customers = (await a.db('contacts').where({ organisation_id: a.org.id }).select('id')).map((c) => String(c.id));
    await a.sa.sync.bulk.forOrganisation(tdb).start('contact', { ids: customers }, requester);
    await a.sa.sync.engine.worker.drain();
    // Spend the day's calls but one.
    await spendDayDownTo(a.sa, a.h, a.db, a.org.xeroTenantId, 1);

    a.sa.calls.clear();
    const run = await a.sa.sync.bulk.forOrganisation(tdb).start('sales_order', { ids }, requester);
    await a.sa.sync.engine.worker.drain();
    expect(a.sa.calls.get('saveInvoices'), 'the first batch’s create, then the second’s refused').to.equal(2);
    const held = await a.sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(held.run.status).to.equal('running');
    expect(held.counts).to.include({ done: 50, waiting: 10, failed: 0, pending: 0 });
    expect(held.heldUntil).to.be.an.instanceOf(Date);
    // Xero's Retry-After: the rest of the sandbox's day (it began with the first call of the test).
    expect(held.heldUntil!.getTime() - Date.now()).to.be.within(DAY - 10 * 60_000, DAY + 60_000);
    expect(held.run.dayRemaining).to.equal(0);
    const waitingOps = await a.db('xero_sync_operations').where({ organisation_id: a.org.id, run_id: run.id, status: 'waiting' });
    expect(waitingOps).to.have.length(10);
    for (const op of waitingOps) {
      expect(op.result_message).to.match(/limit/i);
      expect(op.advice).to.equal('Nothing to do: it is sent automatically when the limit resets. Cancel it if it is no longer needed.');
    }
    const page = await a.agent.get(`/bulk-sends/${run.id}`);
    const until = dateStyleFor('AU').moment(held.heldUntil!);
    expect(page.text).to.contain(`Xero's daily limit of calls for this organisation is spent: the send waits and goes on by itself at ${until}.`);
    // The page's script reloads it when the hold starts or ends (it compares this with progress.json's heldUntil).
    expect(page.text).to.contain(`data-bulk-held="${until}"`);
    expect(page.text).to.contain('<span data-bulk="percentText">83% of 60</span>');
    // Another send asked for meanwhile: its confirmation says the day's calls are spent, and until when.
    const confirm = await a.agent.get(`/bulk-sends/new?records=sales_order&id=${ids[59]}`);
    expect(confirm.text).to.contain(`Xero's calls left today for this organisation: <strong>none until ${until} (Xero&#39;s daily limit is spent)</strong>`);
    expect(confirm.text).to.contain(`Xero&#39;s daily limit for this organisation is spent: this send waits until ${until}, then goes on by itself.`);
    const json = (await a.agent.get(`/bulk-sends/${run.id}/progress.json`)).body as Record<string, unknown>;
    expect(json).to.include({ status: 'running', done: 50, waiting: 10, remaining: 0, callsLeftToday: 0, heldUntil: until });
    expect(json.timeLeft).to.equal(`until Xero's daily limit resets (${until}), then more`);
    expect(await xeroInvoices(a).catch(() => 'refused')).to.equal('refused');

    // An hour on, still the same day: nothing is tried.
    a.sa.clock.advance(3_600_000);
    a.h.clock.advance(3_600_000);
    a.sa.calls.clear();
    expect(await a.sa.sync.engine.worker.drain()).to.equal(0);
    expect(a.sa.calls.size).to.equal(0);

    // Past Xero's reset.
    a.h.clock.advance(DAY);
    a.sa.clock.advance(DAY);
    const marked = await a.db('xero_sync_operations').where({ organisation_id: a.org.id, run_id: run.id, status: 'waiting' }).whereNotNull('write_started_at');
    expect(marked, 'Xero’s 429 proved the create wrote nothing: no operation is left marked write-started').to.have.length(0);
    await a.sa.sync.engine.worker.drain();
    // No lookup of the orders' invoices first: Xero's 429 proved the refused create wrote nothing.
    a.sa.calls.delete('callsLeftToday'); // the run's figures, not a call
    expect(Object.fromEntries(a.sa.calls), 'the second batch’s create, once, and no other call').to.deep.equal({ saveInvoices: 1 });
    expect(await xeroDayRemaining(a), 'Xero counted two calls in its new day: the create and this read').to.equal(78);
    const done = await a.sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(done.run.status).to.equal('done');
    expect(done.counts).to.include({ done: 60, waiting: 0, failed: 0 });
    expect(done.heldUntil).to.equal(null);
    expect((await a.agent.get(`/bulk-sends/${run.id}`)).text).not.to.contain('daily limit');
    const invoices = await xeroInvoices(a);
    expect(invoices).to.have.length(60);
    expect(new Set(invoices.map((i) => i.url)).size).to.equal(60);
  });
});
