import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { openDatabase } from '../../../src/db/database.js';
import { makeContact } from '../../helpers/sync-contacts.js';
import { sandboxCall, signedIn, syncApp, xeroContacts } from './sync-app.js';

const requester = { userId: null, name: 'Alice Accountant' };

describeEachDialect('Send to Xero: exactly once', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when the app dies after Xero saved a new contact but before hearing back, then after a restart the send completes with exactly one contact in Xero', async () => {
    const { db } = ctx.current();
    let saved!: () => void;
    const savedInXero = new Promise<void>((resolve) => {
      saved = resolve;
    });
    // The first process: Xero saves the contact, and the process dies before the answer arrives (it never resolves).
    const dying = syncApp(h, db, {
      owner: 'process-1',
      wrap: (g) => ({
        ...g,
        createContact: async (c, key) => {
          await g.createContact(c, key);
          saved();
          return new Promise<never>(() => {});
        },
      }),
    });
    const { org } = await signedIn(dying, h, db);
    const tdb = tenantDb(db, org.id);
    const id = await makeContact(tdb, { name: 'Lost Answer Pty', email: 'lost@answer.example' });
    const { operation } = await dying.sync.engine
      .forOrganisation(tdb)
      .enqueue({ recordKind: 'contact', recordId: id, recordLabel: 'Lost Answer Pty', requester });
    void dying.sync.engine.worker.runOne();
    await savedInXero;
    const mid = await db('xero_sync_operations').where({ organisation_id: org.id, id: operation.id }).first();
    expect(mid.status).to.equal('running');
    expect(mid.write_started_at).to.not.equal(null);

    // The restarted process: a new worker on the same database, after the dead one's lease ran out.
    const restarted = syncApp(h, db, { owner: 'process-2' });
    restarted.clock.advance(10 * 60_000);
    expect(await restarted.sync.engine.worker.drain()).to.equal(1);
    const done = await restarted.sync.engine.forOrganisation(tdb).get(operation.id);
    expect(done.status, done.resultMessage ?? '').to.equal('done');
    expect(done.outcome).to.equal('created');
    expect(done.attempts).to.equal(2);
    expect(restarted.calls.get('createContact') ?? 0, 'nothing re-created').to.equal(0);
    const inXero = (await xeroContacts(restarted, h, db, org.xeroTenantId)).filter((c) => c.name === 'Lost Answer Pty');
    expect(inXero).to.have.length(1);
    expect((await db('contacts').where({ organisation_id: org.id, id }).first()).xero_contact_id).to.equal(inXero[0]!.contactID);
  });

  for (const mode of ['drop', 'timeout'] as const) {
    it(`when the sandbox saves the contact and then ${mode === 'drop' ? 'drops the answer' : 'holds the answer past our timeout'}, then the retry finds it and Xero has exactly one`, async () => {
      const { db } = ctx.current();
      const sa = syncApp(h, db, { timeoutMs: 500 });
      const { org } = await signedIn(sa, h, db);
      const tdb = tenantDb(db, org.id);
      await sandboxCall(sa, h, db, org.xeroTenantId, 'PUT', '/sandbox-admin/faults', {
        afterSave: [{ mode, collections: ['Contacts'], next: 1, ...(mode === 'timeout' ? { holdMs: 2_000 } : {}) }],
      });
      const id = await makeContact(tdb, { name: `Saved Then ${mode} Ltd` });
      const { operation } = await sa.sync.engine.forOrganisation(tdb).enqueue({ recordKind: 'contact', recordId: id, recordLabel: 'x', requester });
      await sa.sync.engine.worker.drain();
      const waiting = await sa.sync.engine.forOrganisation(tdb).get(operation.id);
      expect(waiting.status, waiting.resultMessage ?? '').to.equal('waiting');
      expect(waiting.writeStartedAt).to.not.equal(null);
      expect(
        (await xeroContacts(sa, h, db, org.xeroTenantId)).filter((c) => c.name === `Saved Then ${mode} Ltd`),
        'Xero saved it',
      ).to.have.length(1);
      sa.clock.advance(10 * 60_000);
      await sa.sync.engine.worker.drain();
      const done = await sa.sync.engine.forOrganisation(tdb).get(operation.id);
      expect(done.status, done.resultMessage ?? '').to.equal('done');
      expect(done.outcome).to.equal('created');
      expect(sa.calls.get('createContact')).to.equal(1);
      const inXero = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter((c) => c.name === `Saved Then ${mode} Ltd`);
      expect(inXero).to.have.length(1);
      expect((await db('contacts').where({ organisation_id: org.id, id }).first()).xero_contact_id).to.equal(inXero[0]!.contactID);
    });
  }

  it('when two app processes work on one database, then each operation runs exactly once', async () => {
    const { db, settings } = ctx.current();
    const first = syncApp(h, db, { owner: 'process-1' });
    const { org } = await signedIn(first, h, db);
    const tdb = tenantDb(db, org.id);
    const names = Array.from({ length: 12 }, (_, i) => `Parallel ${String(i + 1).padStart(2, '0')} Pty`);
    const ids: string[] = [];
    for (const name of names) {
      const id = await makeContact(tdb, { name });
      ids.push(id);
      await first.sync.engine.forOrganisation(tdb).enqueue({ recordKind: 'contact', recordId: id, recordLabel: name, requester });
    }
    const otherDb = openDatabase(settings);
    try {
      const second = syncApp(h, otherDb, { owner: 'process-2' });
      const [a, b] = await Promise.all([first.sync.engine.worker.drain(), second.sync.engine.worker.drain()]);
      expect(a + b).to.equal(12);
      const ops = await db('xero_sync_operations').where({ organisation_id: org.id });
      expect(ops.map((o) => [o.status, Number(o.attempts)])).to.deep.equal(Array(12).fill(['done', 1]));
      const creates = (first.calls.get('createContact') ?? 0) + (second.calls.get('createContact') ?? 0);
      expect(creates).to.equal(12);
      const inXero = (await xeroContacts(first, h, db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Parallel '));
      expect(inXero.map((c) => c.name).sort()).to.deep.equal(names);
    } finally {
      await otherDb.destroy();
    }
  });
});
