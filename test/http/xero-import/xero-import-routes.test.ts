import { expect } from 'chai';
import request from 'supertest';
import type { Contact as XeroContact } from 'xero-node';
import type { OrganisationGateway, XeroGateway } from '../../../src/xero/xero-gateway.js';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { csrfFrom } from '../../helpers/app-on-sandbox.js';
import { importApp, press, sandboxApi, signedInOnSandbox } from './import-app.js';

const SEEDED = [
  'ABC Furniture',
  'Bayside Club',
  'Boom FM',
  'City Agency',
  'Coco Cafe',
  'Hamilton Smith Ltd',
  'Marine Systems',
  'Port & Philip Freight',
  'PowerDirect',
  'Rex Media Group',
  'Ridgeway University',
  'Swanston Security',
];

/** Wraps the real gateway so one call of getContactsPage can be intercepted. */
function interceptContactsPage(intercept: (page: number, real: OrganisationGateway) => Promise<XeroContact[]> | undefined) {
  return (real: XeroGateway): XeroGateway => ({
    forOrganisation(organisation) {
      const org = real.forOrganisation(organisation);
      return { ...org, getContactsPage: (page, since) => intercept(page, org) ?? org.getContactsPage(page, since) };
    },
  });
}

describeEachDialect('xero import pages against the sandbox', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("when a user imports contacts twice, then the demo organisation's seeded Xero contacts appear once each, linked by ContactID", async () => {
    const { db } = ctx.current();
    const ia = importApp(h, db);
    const { agent, org } = await signedInOnSandbox(ia, h, db);
    const before = await agent.get('/import/xero');
    expect(before.status).to.equal(200);
    expect(before.text).to.contain('Import contacts from Xero').and.contain('Import products from Xero').and.contain('Not imported yet.');
    expect(before.text).not.to.contain('http-equiv="refresh"');

    const started = await press(agent, '/import/xero', '/import/xero/contacts');
    expect(started.status).to.equal(303);
    expect(started.headers.location).to.equal('/import/xero');
    await ia.runner.idle();
    const done = await agent.get('/import/xero');
    expect(done.text).to.contain('Finished').and.contain('Read 1 page from Xero');
    expect(done.text).to.match(/<dt>Created<\/dt><dd class="num">12<\/dd>/);

    const xeroContacts = (await sandboxApi(ia, h, db, org.xeroTenantId, 'GET', '/Contacts')).Contacts as Array<{ ContactID: string; Name: string }>;
    const rows = await db('contacts').where({ organisation_id: org.id }).orderBy('name_key');
    expect(rows.map((r) => r.name)).to.deep.equal(SEEDED);
    expect(rows.map((r) => r.xero_contact_id).sort()).to.deep.equal(xeroContacts.map((c) => c.ContactID).sort());
    const abc = rows.find((r) => r.name === 'ABC Furniture');
    expect(abc).to.include({
      email: 'trish@abcfurniture.example',
      phone: '5550100',
      mobile: null,
      postal_city: 'Melbourne',
      street_city: 'Melbourne',
      first_name: 'Trish',
      last_name: 'Rawlings',
    });
    const list = await agent.get('/contacts');
    for (const name of SEEDED) expect(list.text).to.contain(name.replace('&', '&amp;'));
    // Just imported, each is as Xero has it: the list and the contact's Xero panel agree.
    expect(list.text).not.to.contain('<span class="badge badge-warn">Changed since sent</span>');
    expect((await agent.get('/contacts?xero=in')).text.match(/<span class="badge badge-ok">In Xero<\/span>/g)).to.have.length(12);
    const abcPage = await agent.get(`/contacts/${String(abc.id)}`);
    expect(abcPage.text).to.contain('<span class="badge badge-ok">In Xero</span>').and.not.contain('Changed since last sent');

    await press(agent, '/import/xero', '/import/xero/contacts');
    await ia.runner.idle();
    const again = await agent.get('/import/xero');
    expect(again.text)
      .to.match(/<dt>Created<\/dt><dd class="num">0<\/dd>/)
      .and.to.match(/<dt>Unchanged<\/dt><dd class="num">12<\/dd>/);
    expect(await db('contacts').where({ organisation_id: org.id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 12);
  });

  it("when a user imports products twice, then the demo organisation's seeded Xero items appear once each with their prices, accounts and tax types", async () => {
    const { db } = ctx.current();
    const ia = importApp(h, db);
    const { agent, org } = await signedInOnSandbox(ia, h, db);
    const started = await press(agent, '/import/xero', '/import/xero/items');
    expect(started.status).to.equal(303);
    await ia.runner.idle();
    const done = await agent.get('/import/xero');
    expect(done.text)
      .to.contain('Finished')
      .and.to.match(/<dt>Created<\/dt><dd class="num">4<\/dd>/);

    const xeroItems = (await sandboxApi(ia, h, db, org.xeroTenantId, 'GET', '/Items')).Items as Array<{ ItemID: string; Code: string }>;
    const rows = await db('products').where({ organisation_id: org.id }).orderBy('code_key');
    expect(
      rows.map((r) => [
        r.code,
        Number(r.sale_price),
        r.cost_price === null ? null : Number(r.cost_price),
        r.sales_account_code,
        r.sales_tax_type,
        r.purchases_account_code,
        r.purchases_tax_type,
      ]),
    ).to.deep.equal([
      ['DevD', 6_500_000, 4_500_000, '200', 'OUTPUT', '300', 'INPUT'],
      ['GB1-White', 55_000, 22_500, '200', 'OUTPUT', '300', 'INPUT'],
      ['Support-M', 1_990_000, null, '200', 'OUTPUT', null, null],
      ['Train-H', 1_200_000, 600_000, '200', 'OUTPUT', '300', 'INPUT'],
    ]);
    expect(rows.map((r) => r.xero_item_id).sort()).to.deep.equal(xeroItems.map((i) => i.ItemID).sort());

    await press(agent, '/import/xero', '/import/xero/items');
    await ia.runner.idle();
    const again = await agent.get('/import/xero');
    expect(again.text).to.match(/<dt>Unchanged<\/dt><dd class="num">4<\/dd>/);
    expect(await db('products').where({ organisation_id: org.id })).to.have.length(4);
  });

  it("when Xero answers 503 on page 2, then the page shows Xero's message and Resume import finishes all 122 contacts without duplicates", async () => {
    const { db } = ctx.current();
    let breakOnce: (() => Promise<void>) | null = null;
    const ia = importApp(
      h,
      db,
      interceptContactsPage((page, real) => {
        if (page !== 2 || !breakOnce) return undefined;
        const inject = breakOnce;
        breakOnce = null;
        // The real sandbox answers this one call with its maintenance 503, through the real gateway.
        return inject()
          .then(() => real.getContactsPage(page))
          .finally(() => setFaults({}));
      }),
    );
    const { agent, org } = await signedInOnSandbox(ia, h, db);
    const setFaults = (faults: Record<string, unknown>) =>
      sandboxApi(ia, h, db, org.xeroTenantId, 'PUT', '/sandbox-admin/faults', faults).then(() => undefined);
    const extra = Array.from({ length: 110 }, (_, i) => ({ Name: `Paged Customer ${String(i + 1).padStart(3, '0')}` }));
    await sandboxApi(ia, h, db, org.xeroTenantId, 'PUT', '/Contacts', { Contacts: extra });
    breakOnce = () => setFaults({ failureRate: 1, failureStatus: 503 });

    await press(agent, '/import/xero', '/import/xero/contacts');
    await ia.runner.idle();
    const failed = await agent.get('/import/xero');
    expect(failed.text).to.contain('Stopped with an error').and.contain('Stopped at page 2; 1 page imported');
    expect(failed.text).to.contain('The Xero API is currently offline for maintenance');
    expect(await db('contacts').where({ organisation_id: org.id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 100);
    const run = await db('xero_import_runs').where({ organisation_id: org.id }).first();
    expect(run).to.include({ status: 'failed', next_page: 2 });

    const resumed = await press(agent, '/import/xero', `/import/xero/runs/${run.id}/resume`);
    expect(resumed.status).to.equal(303);
    await ia.runner.idle();
    const done = await agent.get('/import/xero');
    expect(done.text).to.contain('Finished').and.contain('Read 2 pages from Xero').and.not.contain('Resume import');
    const rows = await db('contacts').where({ organisation_id: org.id });
    expect(rows).to.have.length(122);
    expect(new Set(rows.map((r) => r.xero_contact_id)).size).to.equal(122);
  });

  it("when a Xero contact's name belongs to a CRM contact linked elsewhere, then the page says which record was skipped and why", async () => {
    const { db } = ctx.current();
    const ia = importApp(h, db);
    const { agent, org } = await signedInOnSandbox(ia, h, db);
    const now = new Date().toISOString();
    await db('contacts').insert({
      organisation_id: org.id,
      id: 'c0000000-0000-4000-8000-000000000001',
      kind: 'company',
      name: 'Boom FM',
      name_key: 'boom fm',
      xero_contact_id: '99999999-0000-4000-8000-000000000000',
      created_at: now,
      updated_at: now,
    });
    await press(agent, '/import/xero', '/import/xero/contacts');
    await ia.runner.idle();
    const page = await agent.get('/import/xero');
    expect(page.text)
      .to.match(/<dt>Skipped<\/dt><dd class="num">1<\/dd>/)
      .and.to.match(/<dt>Created<\/dt><dd class="num">11<\/dd>/);
    expect(page.text)
      .to.contain('Why 1 record was skipped')
      .and.contain('<strong>Boom FM</strong>: The Ledgerside contact with this name is linked to a different Xero contact.');
  });

  it('when an import is running, then the page refreshes itself every 2 seconds and offers no second start', async () => {
    const { db } = ctx.current();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ia = importApp(
      h,
      db,
      interceptContactsPage((page, real) => (page === 1 ? gate.then(() => real.getContactsPage(1)) : undefined)),
    );
    const { agent, org } = await signedInOnSandbox(ia, h, db);
    await press(agent, '/import/xero', '/import/xero/contacts');
    const running = await agent.get('/import/xero');
    expect(running.text.slice(0, running.text.indexOf('</head>'))).to.contain('<meta http-equiv="refresh" content="2">');
    expect(running.text).and.contain('Importing now…').and.contain('href="/import/xero">Refresh</a>');
    expect(running.text).not.to.contain('action="/import/xero/contacts"');
    const second = await agent
      .post('/import/xero/contacts')
      .type('form')
      .send({ _csrf: csrfFrom(running.text) });
    expect(second.status).to.equal(303);
    const refused = await agent.get('/import/xero');
    expect(refused.text).to.contain('An import of contacts is already running');
    release();
    await ia.runner.idle();
    expect((await agent.get('/import/xero')).text).not.to.contain('http-equiv="refresh"');
    expect(await db('xero_import_runs').where({ organisation_id: org.id })).to.have.length(1);
  });

  it("when someone resumes another organisation's run or names an unknown kind, then they get 404 and nothing runs; signed out, they are sent to sign in", async () => {
    const { db } = ctx.current();
    const ia = importApp(h, db);
    const { agent } = await signedInOnSandbox(ia, h, db);
    await db('organisations').insert({ id: '00000000-0000-4000-8000-0000000000aa', xero_tenant_id: 'someone-elses', name: 'Someone Else Ltd' });
    await db('xero_import_runs').insert({
      organisation_id: '00000000-0000-4000-8000-0000000000aa',
      id: 'f0000000-0000-4000-8000-000000000001',
      kind: 'contacts',
      status: 'failed',
      next_page: 3,
      started_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    const page = await agent.get('/import/xero');
    const theirs = await agent
      .post('/import/xero/runs/f0000000-0000-4000-8000-000000000001/resume')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(theirs.status).to.equal(404);
    expect(theirs.text).not.to.contain('Someone Else Ltd');
    expect(await db('xero_import_runs').where({ id: 'f0000000-0000-4000-8000-000000000001' }).first()).to.include({ status: 'failed' });
    const badKind = await agent
      .post('/import/xero/invoices')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(badKind.status).to.equal(404);
    const noCsrf = await agent.post('/import/xero/contacts').type('form').send({});
    expect(noCsrf.status).to.equal(403);
    await ia.runner.idle();
    expect(await db('xero_import_runs').whereNot({ organisation_id: '00000000-0000-4000-8000-0000000000aa' })).to.have.length(0);
    const anonymous = await request(ia.app).get('/import/xero');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/');
  });
});
