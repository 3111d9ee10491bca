/**
 * Two organisations' bulk sends of sales orders at once: one organisation's batch stuck in Xero (its
 * customers' create call does not answer) holds up neither the other organisation's contact step nor its
 * invoices, though its run was started first and is the larger; once the stuck call answers, it finishes too.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { csrfFrom } from '../../helpers/app-on-sandbox.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { press, signedIn, syncApp } from '../xero-sync/sync-app.js';
import { seedOrders, xeroInvoices } from './bulk-orders.js';

const requester = { userId: null, name: 'Alice Accountant' };

describeEachDialect('Bulk send of sales orders for two organisations side by side', (ctx) => {
  let h: SandboxHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('when one organisation’s batch is stuck in Xero, then the other organisation’s run (started later, smaller) is sent in full meanwhile, and the first finishes once Xero answers', async function () {
    this.timeout(120_000);
    h = await startSandboxHarness();
    const { db } = ctx.current();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const stuck = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const sa = syncApp(h, db, {
      concurrency: 4,
      perOrganisation: 1,
      wrap: (g, organisation) =>
        organisation.name === 'Demo Company (AU)'
          ? {
              ...g,
              saveContacts: async (mode, contacts, key) => {
                entered();
                await gate;
                return g.saveContacts(mode, contacts, key);
              },
            }
          : g,
    });
    const { agent, org: au } = await signedIn(sa, h, db, ['Demo Company (AU)', 'Demo Company (NZ)']);
    const nzRow = await db('organisations').where({ name: 'Demo Company (NZ)' }).first();
    const nz = { id: String(nzRow.id), xeroTenantId: String(nzRow.xero_tenant_id) };
    const csrf = async () => csrfFrom((await agent.get('/dashboard')).text);
    const switchTo = async (organisationId: string) =>
      agent
        .post('/organisations/switch')
        .type('form')
        .send({ _csrf: await csrf(), organisationId });

    await press(agent, '/settings/xero', '/settings/xero/refresh');
    const auIds = await seedOrders({ db, agent, csrf, org: au }, 'Aussie', 60, 6);
    await switchTo(nz.id);
    await press(agent, '/settings/xero', '/settings/xero/refresh');
    const nzIds = await seedOrders({ db, agent, csrf, org: nz }, 'Kiwi', 20, 4, [], { currency: 'NZD', taxType: 'OUTPUT2' });

    const auRun = await sa.sync.bulk.forOrganisation(tenantDb(db, au.id)).start('sales_order', { ids: auIds }, requester);
    const auFirst = sa.sync.engine.worker.runOne();
    await stuck;
    const nzRun = await sa.sync.bulk.forOrganisation(tenantDb(db, nz.id)).start('sales_order', { ids: nzIds }, requester);
    // Everything due now, while AU's first batch waits on Xero: only NZ's run can go (AU has its one slot busy).
    await sa.sync.engine.worker.drain();

    const nzDone = await sa.sync.bulk.forOrganisation(tenantDb(db, nz.id)).progress(nzRun.id);
    expect(nzDone.run.status).to.equal('done');
    expect(nzDone.counts).to.include({ done: 20, failed: 0 });
    const auMidway = await sa.sync.bulk.forOrganisation(tenantDb(db, au.id)).progress(auRun.id);
    expect(auMidway.counts).to.include({ done: 0, running: 50, pending: 10 });
    const nzInvoices = await xeroInvoices({ db, h, sa, org: nz });
    expect(nzInvoices).to.have.length(20);
    expect(new Set(nzInvoices.map((i) => String(i.currencyCode)))).to.deep.equal(new Set(['NZD']));
    expect(await xeroInvoices({ db, h, sa, org: au })).to.have.length(0);

    release();
    await auFirst;
    await sa.sync.engine.worker.drain();
    const auDone = await sa.sync.bulk.forOrganisation(tenantDb(db, au.id)).progress(auRun.id);
    expect(auDone.run.status).to.equal('done');
    expect(auDone.counts).to.include({ done: 60, failed: 0 });
    const auInvoices = await xeroInvoices({ db, h, sa, org: au });
    expect(auInvoices).to.have.length(60);
    expect(new Set(auInvoices.map((i) => i.url)).size).to.equal(60);
    expect(await xeroInvoices({ db, h, sa, org: nz }), 'nothing of AU’s went to NZ').to.have.length(20);
  });
});
