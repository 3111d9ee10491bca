import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { tenantDb, type TenantDb } from '../../../src/db/tenant-db.js';
import { XeroCallsPausedError } from '../../../src/xero/index.js';
import { press, signedIn, syncApp, xeroContacts, type SyncApp } from './sync-app.js';
import { seedContacts } from './bulk-seed.js';

const requester = { userId: null, name: 'Alice Accountant' };

async function runOf(sa: SyncApp, tdb: TenantDb, ids: string[]) {
  return sa.sync.bulk.forOrganisation(tdb).start('contact', { ids }, requester);
}

describeEachDialect('Bulk send to Xero', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when 120 contacts with one bad email are sent, then they go in batches of 50 (an exact and a probable-match lookup and one create call each) and each record gets its own result, the bad one Xero’s message', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const ids = await seedContacts(tdb, 'Batch', 120, [77]);
    const run = await runOf(sa, tdb, ids);
    expect(run.total).to.equal(120);
    await sa.sync.engine.worker.drain();

    expect(sa.calls.get('lookupContacts')).to.equal(6);
    expect(sa.calls.get('saveContacts')).to.equal(3);
    expect(sa.calls.get('createContact') ?? 0).to.equal(0);
    const progress = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(progress.run.status).to.equal('done');
    expect(progress.run.calls).to.equal(9);
    expect(progress.counts).to.include({ done: 119, failed: 1, pending: 0, running: 0, waiting: 0 });
    expect(progress.run.dayRemaining).to.be.a('number');

    const ops = await db('xero_sync_operations').where({ organisation_id: org.id, run_id: run.id });
    const bad = ops.find((o) => o.record_id === ids[76]);
    expect(bad.status).to.equal('failed');
    expect(JSON.parse(bad.xero_messages)).to.deep.equal(['Email address must be valid.']);
    expect(bad.advice).to.contain('Email');
    const inXero = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Batch '));
    expect(inXero).to.have.length(119);
    const byName = new Map(inXero.map((c) => [c.name, c.contactID]));
    const contacts = await db('contacts').where({ organisation_id: org.id }).whereIn('id', ids);
    for (const op of ops.filter((o) => o.status === 'done')) {
      const contact = contacts.find((c) => c.id === op.record_id);
      expect(op.outcome).to.equal('created');
      expect(op.xero_id).to.equal(contact.xero_contact_id);
      expect(byName.get(contact.name)).to.equal(op.xero_id);
    }

    // Sent again unchanged: nothing is called; after a change, only the changed one is updated.
    await db('contacts')
      .where({ organisation_id: org.id, id: ids[0] })
      .update({ phone: '02 9999 0000', updated_at: new Date(Date.now() + 1000).toISOString() });
    sa.calls.clear();
    const again = await runOf(sa, tdb, ids.slice(0, 50));
    await sa.sync.engine.worker.drain();
    sa.calls.delete('callsLeftToday');
    expect(Object.fromEntries(sa.calls)).to.deep.equal({ getContactsByIds: 1, saveContacts: 1 });
    const outcomes = await db('xero_sync_operations').where({ organisation_id: org.id, run_id: again.id }).select('outcome');
    expect(outcomes.filter((o) => o.outcome === 'unchanged')).to.have.length(49);
    expect(outcomes.filter((o) => o.outcome === 'updated')).to.have.length(1);
  });

  it('when the user selects all matching contacts and sends them, then the confirmation counts them, the progress page shows the bad one with Xero’s words, and Retry failed after the fix finishes the run', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const ids = await seedContacts(tdb, 'Paged', 60, [5]);
    await seedContacts(tdb, 'Other', 3);

    const list = await agent.get('/contacts?q=paged');
    expect(list.text).to.contain('Select all 60 matching');
    // The list's own link (its filters kept: a `kind` filter of the list must not be taken for the kind of record).
    const allHref = /href="(\/bulk-sends\/new\?[^"]+)"/.exec((await agent.get('/contacts?q=paged&kind=company')).text)![1]!.replace(/&amp;/g, '&');
    expect(allHref).to.contain('kind=company');
    const confirm = await agent.get(allHref);
    expect(confirm.status).to.equal(200);
    expect(confirm.text).to.contain('Send 60 to Xero');
    expect(confirm.text).to.match(/<strong>60<\/strong> created in Xero/);
    // The records are the contacts: no "on the way", no documents line.
    expect(confirm.text).to.contain('<h2>In Xero</h2>').and.not.contain('Contacts on the way').and.not.contain('already sent: their');
    expect(confirm.text).to.contain('about <strong>6</strong> calls: <strong>under a minute at Xero&#39;s pace</strong>');
    expect(confirm.text).to.contain('Xero lets an app make 60 calls a minute, 5 at a time for one organisation.');
    // No run yet: Xero has not said how many calls are left today.
    expect(confirm.text).to.contain('<strong>up to 5,000 (Xero has not said how many are left today)</strong>; this send needs about <strong>6</strong>.');
    expect(confirm.text).not.to.contain('daily reset');
    const started = await agent
      .post('/bulk-sends')
      .type('form')
      .send(
        `${[...confirm.text.slice(confirm.text.indexOf('action="/bulk-sends"')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => `${m[1]}=${encodeURIComponent(m[2]!)}`).join('&')}`,
      );
    expect(started.status).to.equal(303);
    const page = String(started.headers.location);
    expect(page).to.match(/^\/bulk-sends\/[0-9a-f-]{36}$/);
    const running = await agent.get(page);
    expect(running.text).to.contain('data-bulk-poll');
    expect(running.text).to.contain('>Pause<');
    expect(running.text).to.contain('<dt>Rate</dt>').and.contain('a minute in the last minute').and.not.contain('Average rate');

    await sa.sync.engine.worker.drain();
    const json = (await agent.get(`${page}/progress.json`)).body as Record<string, unknown>;
    expect(json).to.include({ status: 'done', done: 59, failed: 1, remaining: 0, total: 60 });
    const finished = await agent.get(page);
    expect(finished.text).to.contain('Finished');
    expect(finished.text).to.contain('Email address must be valid.');
    expect(finished.text).to.contain('Paged 005 Pty');
    // Finished: the run's own average over its sending time, not the last minute's rate.
    expect(finished.text).to.match(
      /<dt>Average rate<\/dt><dd>[\d,]+ a minute over the send \(60 sent or failed in under a minute, from its start to its last record;/,
    );
    expect(finished.text).not.to.contain('<dt>Rate</dt>');
    const runId = page.split('/').pop()!;
    const lastSent = (await db('xero_sync_operations').where({ run_id: runId }).max({ at: 'finished_at' }).first()) as { at: string | Date };
    await db('xero_bulk_runs')
      .where({ id: runId })
      .update({ created_at: new Date(new Date(lastSent.at).getTime() - 120_000).toISOString() });
    expect((await agent.get(page)).text).to.contain(
      '<dt>Average rate</dt><dd>30 a minute over the send (60 sent or failed in about 2 minutes, from its start to its last record;',
    );
    expect(((await agent.get(`${page}/progress.json`)).body as Record<string, unknown>).averagePerMinute).to.equal(30);
    // The next confirmation: the day's calls Xero said were left after the run's last batch.
    const left = (json as { callsLeftToday: number }).callsLeftToday;
    expect(left).to.be.a('number').and.be.below(5000);
    expect((await agent.get(allHref)).text).to.match(
      new RegExp(`<strong>${left.toLocaleString('en')} \\(as Xero said at [^)]+\\)</strong>; this send needs about`),
    );

    await db('contacts').where({ organisation_id: org.id, id: ids[4] }).update({ email: 'fixed@example.com' });
    const retried = await press(agent, page, `${page}/retry-failed`);
    expect(retried.status).to.equal(303);
    await sa.sync.engine.worker.drain();
    const after = (await agent.get(`${page}/progress.json`)).body as Record<string, unknown>;
    expect(after).to.include({ status: 'done', done: 60, failed: 0 });
    expect((await agent.get('/bulk-sends')).text).to.contain('60 contacts');
  });

  it('when the app dies after Xero saved a batch but before the answer, then after a restart the run completes with every contact in Xero exactly once and nothing created again', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    let saved!: () => void;
    const savedInXero = new Promise<void>((resolve) => {
      saved = resolve;
    });
    const dying = syncApp(h, db, {
      owner: 'process-1',
      wrap: (g) => ({
        ...g,
        saveContacts: async (mode, contacts, key) => {
          await g.saveContacts(mode, contacts, key);
          saved();
          return new Promise<never>(() => {});
        },
      }),
    });
    const { org } = await signedIn(dying, h, db);
    const tdb = tenantDb(db, org.id);
    const ids = await seedContacts(tdb, 'Crash', 80);
    const run = await runOf(dying, tdb, ids);
    void dying.sync.engine.worker.runOne();
    await savedInXero;

    const restarted = syncApp(h, db, { owner: 'process-2' });
    restarted.clock.advance(10 * 60_000);
    await restarted.sync.engine.worker.drain();
    const progress = await restarted.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(progress.counts).to.include({ done: 80, failed: 0 });
    expect(progress.run.status).to.equal('done');
    // The first batch (50) was reconciled by its names; only the other 30 were created by process 2.
    expect(restarted.calls.get('saveContacts')).to.equal(1);
    const ops = await db('xero_sync_operations').where({ organisation_id: org.id, run_id: run.id });
    expect(ops.filter((o) => o.result_message.includes('confirmed after'))).to.have.length(50);
    const inXero = (await xeroContacts(restarted, h, db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Crash '));
    expect(inXero).to.have.length(80);
    expect(new Set(inXero.map((c) => c.name)).size).to.equal(80);
  });

  it('when a run is paused nothing more is sent until Resume, and when one is cancelled its unsent records are cancelled', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const ids = await seedContacts(tdb, 'Pause', 100);
    const run = await runOf(sa, tdb, ids);
    const page = `/bulk-sends/${run.id}`;
    expect((await press(agent, page, `${page}/pause`)).status).to.equal(303);
    expect(await sa.sync.engine.worker.drain()).to.equal(0);
    const paused = await agent.get(page);
    expect(paused.text).to.contain('Paused');
    expect(paused.text).to.contain('>Resume<');
    expect(sa.calls.size).to.equal(0);
    await press(agent, page, `${page}/resume`);
    await sa.sync.engine.worker.drain();
    expect((await sa.sync.bulk.forOrganisation(tdb).progress(run.id)).counts.done).to.equal(100);

    const more = await seedContacts(tdb, 'Cancel', 60);
    const second = await runOf(sa, tdb, more);
    await press(agent, `/bulk-sends/${second.id}`, `/bulk-sends/${second.id}/cancel`);
    expect(await sa.sync.engine.worker.drain()).to.equal(0);
    const cancelled = await sa.sync.bulk.forOrganisation(tdb).progress(second.id);
    expect(cancelled.run.status).to.equal('cancelled');
    expect(cancelled.counts).to.include({ cancelled: 60, done: 0, pending: 0 });
    expect((await xeroContacts(sa, h, db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Cancel '))).to.have.length(0);
  });

  it('when a bulk send has contacts that probably match Xero’s (same name give or take case and suffix, same name, same email), then none is created again: exact ones are linked, the probable one waits for the user, and Link then links it', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    // Xero already has these three (an accountant made them there).
    const grant = await db('xero_grants').first();
    const client = h.xeroClient();
    client.setTokenSet((await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet);
    const { body } = await client.accountingApi.createContacts(org.xeroTenantId, {
      contacts: [{ name: 'ACME Limited' }, { name: 'Harbour Trading' }, { name: 'Kiwi Supplies', emailAddress: 'orders@kiwi.example' }],
    });
    const acmeInXero = body.contacts![0]!.contactID!;
    const at = new Date().toISOString();
    const row = (id: string, name: string, email: string | null) => ({
      id,
      kind: 'company',
      name,
      name_key: name.toLowerCase(),
      email,
      is_customer: true,
      is_supplier: false,
      created_at: at,
      updated_at: at,
    });
    await tdb.insert('contacts', [
      row('pm-acme', 'Acme Ltd', null),
      row('pm-harbour', 'harbour trading', null),
      row('pm-kiwi', 'Kiwi Supplies NZ', 'orders@kiwi.example'),
      row('pm-new', 'Brand New Bakery', null),
    ]);
    const run = await runOf(sa, tdb, ['pm-acme', 'pm-harbour', 'pm-kiwi', 'pm-new']);
    await sa.sync.engine.worker.drain();

    const ops = new Map((await db('xero_sync_operations').where({ organisation_id: org.id, run_id: run.id })).map((o) => [o.record_id, o]));
    expect(ops.get('pm-harbour')).to.include({ status: 'done', outcome: 'linked' });
    expect(ops.get('pm-kiwi')).to.include({ status: 'done', outcome: 'linked' });
    expect(ops.get('pm-new')).to.include({ status: 'done', outcome: 'created' });
    const acme = ops.get('pm-acme');
    expect(acme).to.include({ status: 'waiting', outcome: 'needs_choice' });
    expect(acme.result_message).to.equal('Xero has a contact with a similar name: link it, or create a new Xero contact.');
    expect(JSON.parse(acme.candidates).map((c: { name: string }) => c.name)).to.deep.equal(['ACME Limited']);
    let names = (await xeroContacts(sa, h, db, org.xeroTenantId)).map((c) => c.name).filter((n) => /acme|harbour|kiwi|bakery/i.test(n ?? ''));
    // Linked ones are updated with Ledgerside's fields (the name included); none is there twice.
    expect(names.sort()).to.deep.equal(['ACME Limited', 'Brand New Bakery', 'Kiwi Supplies NZ', 'harbour trading']);

    // The user links it on the sync log, as for a single send: still one ACME in Xero.
    const linked = await press(agent, '/sync-log', `/sync-log/${acme.id}/link`, { xeroContactId: acmeInXero.toLowerCase(), returnTo: '/sync-log' });
    expect(linked.status).to.equal(303);
    await sa.sync.engine.worker.drain();
    const after = await db('xero_sync_operations').where({ organisation_id: org.id, id: acme.id }).first();
    expect(after).to.include({ status: 'done', outcome: 'linked', xero_id: acmeInXero.toLowerCase() });
    expect((await db('contacts').where({ organisation_id: org.id, id: 'pm-acme' }).first()).xero_contact_id.toLowerCase()).to.equal(acmeInXero.toLowerCase());
    names = (await xeroContacts(sa, h, db, org.xeroTenantId)).map((c) => c.name).filter((n) => /acme/i.test(n ?? ''));
    expect(names).to.deep.equal(['Acme Ltd']);
    expect((await sa.sync.bulk.forOrganisation(tdb).progress(run.id)).run.status).to.equal('done');
  });

  it('when Xero’s daily limit is spent, then the run waits (the page says until when) and goes on by itself after the reset', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    let limitSpent = true;
    const sa = syncApp(h, db, {
      wrap: (g) => ({
        ...g,
        lookupContacts: async (where) => {
          if (limitSpent) throw new XeroCallsPausedError(new Date(Date.now() + 3 * 3_600_000), 'day');
          return g.lookupContacts(where);
        },
      }),
    });
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const run = await runOf(sa, tdb, await seedContacts(tdb, 'Daily', 30));
    await sa.sync.engine.worker.drain();
    const waiting = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(waiting.counts).to.include({ waiting: 30, failed: 0, done: 0 });
    expect(waiting.heldUntil).to.not.equal(null);
    expect(waiting.run.status).to.equal('running');
    const page = await agent.get(`/bulk-sends/${run.id}`);
    expect(page.text).to.contain("Xero's daily limit of calls for this organisation is spent");
    expect(await sa.sync.engine.worker.drain(), 'nothing runs before the reset').to.equal(0);

    limitSpent = false;
    sa.clock.advance(3 * 3_600_000 + 60_000);
    await sa.sync.engine.worker.drain();
    const done = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(done.counts).to.include({ done: 30, waiting: 0 });
    expect(done.run.status).to.equal('done');
    expect(done.heldUntil).to.equal(null);
  });

  it('when two organisations send at once, then their batches go side by side (one’s run never waits for the other’s to finish)', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    const order: string[] = [];
    const sa = syncApp(h, db, {
      concurrency: 2,
      perOrganisation: 1,
      wrap: (g, organisation) => ({
        ...g,
        saveContacts: async (mode, contacts, key) => {
          order.push(organisation.name);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return g.saveContacts(mode, contacts, key);
        },
      }),
    });
    const { org } = await signedIn(sa, h, db, ['Demo Company (AU)', 'Demo Company (NZ)']);
    const otherRow = await db('organisations').where({ name: 'Demo Company (NZ)' }).first();
    const a = tenantDb(db, org.id);
    const b = tenantDb(db, String(otherRow.id));
    const runA = await runOf(sa, a, await seedContacts(a, 'Alpha', 200));
    const runB = await runOf(sa, b, await seedContacts(b, 'Beta', 100));
    // The worker as the server runs it: two slots, at most one batch per organisation at a time.
    sa.sync.engine.worker.start();
    try {
      for (;;) {
        const left = await db('xero_sync_operations').whereIn('run_id', [runA.id, runB.id]).whereNot('status', 'done').count({ n: '*' }).first();
        if (Number(left?.n) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await sa.sync.engine.worker.stop();
    }
    expect((await sa.sync.bulk.forOrganisation(a).progress(runA.id)).counts.done).to.equal(200);
    expect((await sa.sync.bulk.forOrganisation(b).progress(runB.id)).counts.done).to.equal(100);
    expect(order.filter((o) => o === 'Demo Company (AU)')).to.have.length(4);
    expect(order.filter((o) => o === 'Demo Company (NZ)')).to.have.length(2);
    // NZ's first batch went before AU's second, though AU's run was recorded first and has twice as many.
    expect(order.indexOf('Demo Company (NZ)')).to.be.lessThan(2);
    expect(order.slice(0, 4)).to.have.members(['Demo Company (AU)', 'Demo Company (NZ)', 'Demo Company (AU)', 'Demo Company (NZ)']);
    expect((await xeroContacts(sa, h, db, String(otherRow.xero_tenant_id))).filter((c) => c.name?.startsWith('Beta '))).to.have.length(100);
  });
});
