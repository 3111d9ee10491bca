import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { createLogger } from '../../../src/common/logger.js';
import { TenantStore } from '../../../src/sandbox/accounting/store.js';
import { checkMapping, syncEngine, type RecordHandler } from '../../../src/xero-sync/index.js';
import { makeContact } from '../../helpers/sync-contacts.js';
import { press, signedIn, syncApp } from './sync-app.js';

/** A record kind that uses account 200 and tax type OUTPUT, as an invoice line would. */
const probe: RecordHandler = {
  kind: 'probe',
  noun: 'Probe',
  href: (id) => `/probes/${id}`,
  xeroPath: (id) => `/Probes/${id}`,
  async send(ctx) {
    await checkMapping(ctx.tdb, { accountCodes: [{ value: '200', where: 'line 1' }], taxTypes: ['OUTPUT'] });
    return { kind: 'done', outcome: 'created', xeroId: 'none', message: 'Sent.' };
  },
};

describeEachDialect('Pre-send mapping check against the sandbox', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when account 200 is archived in Xero and the settings are refreshed, then a send using it stops naming the account and the fix, with no call to Xero', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const engine = syncEngine({
      db,
      logger: createLogger('silent'),
      gatewayFor: (organisation) => sa.xero.gateway.forOrganisation(organisation),
      handlers: [probe],
    });
    const tdb = tenantDb(db, org.id);
    const requester = { userId: null, name: 'Test' };

    await press(agent, '/settings/xero', '/settings/xero/refresh');
    await engine.forOrganisation(tdb).enqueue({ recordKind: 'probe', recordId: 'p1', recordLabel: 'Probe 1', requester });
    await engine.worker.drain();
    expect((await db('xero_sync_operations').where({ organisation_id: org.id, record_id: 'p1' }).first()).status).to.equal('done');

    // The accountant archives account 200 in Xero.
    const store = new TenantStore(h.db, org.xeroTenantId);
    const sales = (await store.list('Accounts')).find((a) => a.data['Code'] === '200')!;
    const now = h.clock.now() + 60_000;
    await store.update(
      'Accounts',
      sales.id,
      { ...sales.data, Status: 'ARCHIVED', UpdatedDateUTC: `/Date(${now}+0000)/` },
      { number: '200', status: 'ARCHIVED', updatedAt: now },
    );
    await press(agent, '/settings/xero', '/settings/xero/refresh');
    expect((await db('xero_accounts').where({ organisation_id: org.id, code: '200' }).first()).status).to.equal('ARCHIVED');

    await engine.forOrganisation(tdb).enqueue({ recordKind: 'probe', recordId: 'p2', recordLabel: 'Probe 2', requester });
    await engine.worker.drain();
    const op = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: 'p2' }).first();
    expect(op.status).to.equal('failed');
    expect(op.result_message).to.equal('Account 200 Sales (line 1) is archived in Xero.');
    expect(op.advice).to.equal('Choose another account on the line or change the default on the Xero settings page, then press Retry.');

    // A contact whose default currency the organisation no longer has (saved before it was removed in
    // Xero: the form only offers the cached currencies) stops before any call too.
    const id = await makeContact(tdb, { name: 'Euro Traders' });
    await tdb.update('contacts', { id }, { default_currency: 'EUR' });
    sa.calls.clear();
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const contactOp = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: id }).first();
    expect(contactOp.status).to.equal('failed');
    expect(contactOp.result_message).to.equal("Currency EUR (the default currency of Euro Traders) is not one of this organisation's currencies in Xero.");
    expect([...sa.calls.keys()]).to.deep.equal([]);
    const page = await agent.get(`/contacts/${id}`);
    expect(page.text).to.contain('Currency EUR (the default currency of Euro Traders) is not one of this organisation&#39;s currencies in Xero.');
  });
});
