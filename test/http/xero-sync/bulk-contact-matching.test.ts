/**
 * Bulk batches and the contacts they may create (issue 15, the benchmark's findings): a large run
 * matches new contacts against one copy of the organisation's Xero contacts instead of two lookups per
 * batch, and two engines (two app processes on one database) never both create the same new customer.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { csrfFrom, sandboxAppConfig } from '../../helpers/app-on-sandbox.js';
import { tenantDb, type TenantDb } from '../../../src/db/tenant-db.js';
import type { Database } from '../../../src/db/database.js';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/common/logger.js';
import { createXeroServices } from '../../../src/xero/xero-services.js';
import type { OrganisationGateway } from '../../../src/xero/index.js';
import { tenantLimiter } from '../../../src/xero/rate-limiter.js';
import { organisationXeroStatus } from '../../../src/organisations/index.js';
import { xeroIdentity } from '../../../src/xero/xero-identity.js';
import { createXeroSync } from '../../../src/xero-sync/index.js';
import { salesInvoiceHandler, salesOrderBulkSource } from '../../../src/xero-invoices/index.js';
import { countingGateway, sandboxCall, signedIn, syncApp, xeroContacts, type SyncApp } from './sync-app.js';
import { createContact, documentBody, gstLine } from '../../fixtures/documents.js';
import { orderHeader } from '../xero-invoices/invoice-app.js';

const requester = { userId: null, name: 'Alice Accountant' };

/** syncApp with the engine told to match runs of `contactIndexFrom` records or more against its copy of Xero's contacts. */
function indexingApp(h: SandboxHarness, db: Database, contactIndexFrom: number): SyncApp {
  const config = sandboxAppConfig(h);
  const logger = createLogger('silent');
  const xero = createXeroServices(config, db, logger, {
    organisationStatus: organisationXeroStatus(db),
    identity: xeroIdentity(config.xero, { clockToleranceSeconds: 3600 }),
    limiter: tenantLimiter(5),
  });
  const calls = new Map<string, number>();
  const clock = {
    offset: 0,
    advance(ms: number) {
      clock.offset += ms;
    },
  };
  const sync = createXeroSync(db, countingGateway(xero.gateway, calls), logger, {
    webUrl: config.xero.webUrl,
    handlers: [salesInvoiceHandler({ appUrl: config.appUrl })],
    sources: [salesOrderBulkSource],
    now: () => new Date(Date.now() + clock.offset),
    contactIndexFrom,
  });
  const app = createApp({ config, db, logger, xero, xeroSync: sync, sessionCleanupIntervalMs: 0, refreshXeroSettingsOnConnect: false });
  return { app, xero, sync, calls, clock };
}

async function seedContacts(tdb: TenantDb, names: string[]): Promise<string[]> {
  const at = new Date().toISOString();
  const rows = names.map((name, i) => ({
    id: `${name.toLowerCase().replace(/\W+/g, '-')}-${i}`,
    kind: 'company',
    name,
    name_key: name.toLowerCase(),
    email: null,
    is_customer: true,
    is_supplier: false,
    created_at: at,
    updated_at: at,
  }));
  await tdb.insert('contacts', rows);
  return rows.map((r) => r.id);
}

const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${String(i + 1).padStart(3, '0')} Pty`);

describeEachDialect('Bulk sends: the contacts a batch may create', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when a large run sends new contacts, then they are matched against one read of the organisation’s Xero contacts (no lookup per batch): an exact name is linked, a probable match waits for the user, the rest are created once', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    const sa = indexingApp(h, db, 1);
    const { org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    // The sandbox's Demo Company has "Bayside Club" and "ABC Furniture".
    const ids = await seedContacts(tdb, [...numbered('Copied', 98), 'Bayside Club', 'ABC Furniture Ltd']);
    const run = await sa.sync.bulk.forOrganisation(tdb).start('contact', { ids }, requester);
    await sa.sync.engine.worker.drain();

    expect(sa.calls.get('getContactSummaries'), 'one read of Xero’s contacts for both batches').to.equal(1);
    expect(sa.calls.get('lookupContacts') ?? 0).to.equal(0);
    // Two creates (49 and 49) and one update (Bayside Club, linked by its name).
    expect(sa.calls.get('saveContacts')).to.equal(3);
    const progress = await sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(progress.counts).to.include({ done: 99, failed: 0, waiting: 1 });
    const ops = await db('xero_sync_operations').where({ organisation_id: org.id, run_id: run.id });
    const byRecord = new Map(ops.map((o) => [o.record_id, o]));
    expect(byRecord.get(ids[98]!).outcome).to.equal('linked');
    expect(byRecord.get(ids[99]!).status).to.equal('waiting');
    expect(JSON.parse(byRecord.get(ids[99]!).candidates).map((c: { name: string }) => c.name)).to.deep.equal(['ABC Furniture']);
    const inXero = await xeroContacts(sa, h, db, org.xeroTenantId);
    expect(inXero.filter((c) => c.name?.startsWith('Copied '))).to.have.length(98);
    expect(inXero.filter((c) => c.name === 'Bayside Club')).to.have.length(1);
  });

  it('when someone creates a contact in Xero after the copy was read and a batch then creates one of that name, then Xero’s refusal makes the batch look it up and link it (never two)', async function () {
    this.timeout(60_000);
    const { db } = ctx.current();
    const sa = indexingApp(h, db, 1);
    const { org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const first = await seedContacts(tdb, numbered('Early', 3));
    await sa.sync.bulk.forOrganisation(tdb).start('contact', { ids: first }, requester);
    await sa.sync.engine.worker.drain();
    expect(sa.calls.get('getContactSummaries')).to.equal(1);

    await sandboxCall(sa, h, db, org.xeroTenantId, 'PUT', '/Contacts', { Contacts: [{ Name: 'Late Arrival Pty' }] });
    const second = await seedContacts(tdb, ['Late Arrival Pty', 'Late Other Pty']);
    sa.calls.clear();
    const run = await sa.sync.bulk.forOrganisation(tdb).start('contact', { ids: second }, requester);
    await sa.sync.engine.worker.drain();

    expect(sa.calls.get('getContactSummaries') ?? 0, 'the copy is less than a minute old').to.equal(0);
    expect(sa.calls.get('saveContacts')).to.equal(1);
    expect(sa.calls.get('lookupContacts'), 'the refused name looked up').to.equal(1);
    const ops = await db('xero_sync_operations').where({ organisation_id: org.id, run_id: run.id }).orderBy('record_id');
    expect(ops.map((o) => [o.status, o.outcome])).to.deep.equal([
      ['done', 'linked'],
      ['done', 'created'],
    ]);
    const inXero = await xeroContacts(sa, h, db, org.xeroTenantId);
    expect(inXero.filter((c) => c.name === 'Late Arrival Pty')).to.have.length(1);
    const linked = await db('contacts').where({ organisation_id: org.id, id: second[0] }).first();
    expect(linked.xero_contact_id).to.equal(inXero.find((c) => c.name === 'Late Arrival Pty')!.contactID);
  });

  it('when two engines (two app processes on one database) send batches of orders for the same new customers at once, then each customer is created in Xero once and every order is invoiced', async function () {
    this.timeout(120_000);
    const { db } = ctx.current();
    let running = 0;
    // Whichever engine creates the customers does so only once the other holds the other batch: both are on their way at once.
    const bothOnTheirWay = (g: OrganisationGateway): OrganisationGateway => ({
      ...g,
      saveContacts: async (mode, contacts, key) => {
        while ((running = Number((await db('xero_sync_operations').where({ status: 'running' }).count({ n: '*' }))[0]!.n)) < 60)
          await new Promise((resolve) => setTimeout(resolve, 50));
        return g.saveContacts(mode, contacts, key);
      },
    });
    const a = syncApp(h, db, { owner: 'process-a', wrap: bothOnTheirWay });
    const b = syncApp(h, db, { owner: 'process-b', wrap: bothOnTheirWay });
    const { agent, org } = await signedIn(a, h, db);
    // The invoices' mapping check reads the organisation's Xero settings: read them from the sandbox first.
    const refreshed = await agent
      .post('/settings/xero/refresh')
      .type('form')
      .send({ _csrf: csrfFrom((await agent.get('/dashboard')).text) });
    expect(refreshed.status).to.equal(303);
    const customers: string[] = [];
    for (let c = 1; c <= 10; c++) customers.push(await createContact(db, org.id, `Shared Customer ${String(c).padStart(2, '0')} Pty`));
    const csrf = csrfFrom((await agent.get('/dashboard')).text);
    const ids: string[] = [];
    for (let i = 1; i <= 60; i++) {
      const res = await agent
        .post('/sales-orders/new')
        .type('form')
        .send(documentBody({ _csrf: csrf, ...orderHeader(customers[(i - 1) % 10]!, { reference: `Shared-${i}` }) }, [gstLine({ description: `Work ${i}` })]));
      expect(res.status).to.equal(303);
      ids.push(String(res.headers.location).split('/').pop()!);
    }
    const tdb = tenantDb(db, org.id);
    const run = await a.sync.bulk.forOrganisation(tdb).start('sales_order', { ids }, requester);
    // Both workers poll (a drain that finds nothing due while the other claims would stop at once).
    a.sync.engine.worker.start();
    b.sync.engine.worker.start();
    try {
      while ((await a.sync.bulk.forOrganisation(tdb).progress(run.id)).run.status !== 'done') await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await a.sync.engine.worker.stop();
      await b.sync.engine.worker.stop();
    }

    expect(running, 'both batches were on their way at once').to.equal(60);
    expect((a.calls.get('saveContacts') ?? 0) + (b.calls.get('saveContacts') ?? 0), 'one create of the 10 customers').to.equal(1);
    expect((a.calls.get('saveInvoices') ?? 0) + (b.calls.get('saveInvoices') ?? 0)).to.equal(2);
    const progress = await a.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(progress.counts).to.include({ done: 60, failed: 0 });
    const inXero = (await xeroContacts(a, h, db, org.xeroTenantId)).filter((c) => c.name?.startsWith('Shared Customer '));
    expect(inXero).to.have.length(10);
    expect(Number((await db('xero_contact_claims').count({ n: '*' }))[0]!.n), 'every claim released').to.equal(0);
  });
});
