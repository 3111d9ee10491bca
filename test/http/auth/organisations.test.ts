import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { cookieHeader, startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { appOnSandbox, csrfFrom, signInThroughApp } from '../../helpers/app-on-sandbox.js';

const alice = { email: 'alice@example.com', firstName: 'Alice', lastName: 'Accountant' };
const bob = { email: 'bob@example.com', firstName: 'Bob', lastName: 'Builder' };

/** Disconnects the app from inside "Xero" (the sandbox's own My Xero page), as a user would. */
async function disconnectFromXeroSide(h: SandboxHarness, cookies: Map<string, string>, tenantName: string): Promise<void> {
  const page = await fetch(`${h.url}/identity/my-xero`, { headers: { cookie: cookieHeader(cookies) } });
  const html = await page.text();
  const section = html.slice(html.indexOf(tenantName));
  const form = /<form[^>]*action="([^"]*\/disconnect)"[^>]*>([\s\S]*?)<\/form>/.exec(section);
  if (!form?.[1]) throw new Error(`no disconnect form for ${tenantName}`);
  const body = new URLSearchParams();
  for (const m of form[2]!.matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"/g)) body.set(m[1]!, m[2]!);
  const res = await fetch(new URL(form[1], h.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  expect(res.status).to.equal(303);
}

describeEachDialect('organisations', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when an accountant opens Organisations, then each connected organisation shows its status and last successful Xero call', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    await signInThroughApp(agent, h, alice);
    const page = await agent.get('/organisations');
    expect(page.status).to.equal(200);
    for (const name of ['Demo Company (AU)', 'Demo Company (NZ)', 'Demo Company (UK)', 'Demo Company (US)']) expect(page.text).to.contain(name);
    expect(page.text.match(/badge-ok">Connected</g)).to.have.length(4);
    expect(page.text).to.contain('Just now');
    expect(page.text).to.contain('Disconnect <span class="visually-hidden">Demo Company (AU)</span>');
  });

  it('when a user switches organisation, then the header and dashboard follow; switching to one they are not a member of is refused', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    await signInThroughApp(agent, h, alice);
    const nz = await db('organisations').where({ name: 'Demo Company (NZ)' }).first();
    const dashboard = await agent.get('/dashboard');
    const switched = await agent
      .post('/organisations/switch')
      .type('form')
      .send({ _csrf: csrfFrom(dashboard.text), organisationId: nz.id });
    expect(switched.status).to.equal(303);
    const after = await agent.get('/dashboard');
    expect(after.text).to.match(/<h1>Demo Company \(NZ\)<\/h1>/);

    await db('organisations').insert({ id: '00000000-0000-4000-8000-000000000001', xero_tenant_id: 'someone-elses', name: 'Someone Else Ltd' });
    const refused = await agent
      .post('/organisations/switch')
      .type('form')
      .send({ _csrf: csrfFrom(after.text), organisationId: '00000000-0000-4000-8000-000000000001' });
    expect(refused.status).to.equal(404);
    expect(refused.text).not.to.contain('Someone Else Ltd');
    const still = await agent.get('/dashboard');
    expect(still.text).to.match(/<h1>Demo Company \(NZ\)<\/h1>/);
  });

  it("when a user disconnects an organisation, then Xero's connection is deleted, its data stays read-only, and the last one revokes the grant", async () => {
    const { db } = ctx.current();
    const { app, xero } = appOnSandbox(h, db);
    const agent = request.agent(app);
    await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)', 'Demo Company (NZ)'] });
    const [au, nz] = await db('organisations').orderBy('name');
    const grant = await db('xero_grants').first();
    const token = (await xero.tokenStore.find(grant.id))!.tokenSet.access_token;
    expect(await h.connections(token)).to.have.length(2);

    let page = await agent.get('/organisations');
    let res = await agent
      .post(`/organisations/${au.id}/disconnect`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(res.status, res.text).to.equal(303);
    expect((await h.connections(token)).map((c) => c.tenantName)).to.deep.equal(['Demo Company (NZ)']);
    expect((await db('organisations').where({ id: au.id }).first()).status).to.equal('disconnected');
    expect((await db('xero_grants').first()).status).to.equal('active');

    // Read-only: the organisation still opens, with a Reconnect banner, but writes are refused.
    page = await agent.get('/organisations');
    await agent
      .post('/organisations/switch')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), organisationId: au.id });
    const dashboard = await agent.get('/dashboard');
    expect(dashboard.text).to.contain('is disconnected from Xero');
    expect(dashboard.text).to.contain('Reconnect to Xero');

    page = await agent.get('/organisations');
    res = await agent
      .post(`/organisations/${nz.id}/disconnect`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(res.status).to.equal(303);
    expect((await db('xero_grants').first()).status).to.equal('revoked');
    const revoked = await fetch(`${h.url}/connections`, { headers: { authorization: `Bearer ${token}` } });
    expect(await revoked.json()).to.deep.equal([]);
  });

  it('when an organisation is disconnected from inside Xero, then the next Xero call marks it disconnected and a Reconnect banner shows', async () => {
    const { db } = ctx.current();
    const { app, xero } = appOnSandbox(h, db);
    const agent = request.agent(app);
    const { cookies } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)'] });
    await disconnectFromXeroSide(h, cookies, 'Demo Company (AU)');
    const org = await db('organisations').first();
    let failure: unknown;
    try {
      await xero.gateway.forOrganisation({ id: org.id, xeroTenantId: org.xero_tenant_id, name: org.name }).getOrganisation();
    } catch (error) {
      failure = error;
    }
    expect(failure).to.have.property('code', 'xero_tenant_disconnected');
    expect((await db('organisations').first()).status).to.equal('disconnected');
    const dashboard = await agent.get('/dashboard');
    expect(dashboard.status).to.equal(200);
    expect(dashboard.text).to.contain('Reconnect to Xero');
  });

  it('when the daily check runs, then a connection removed in Xero is found and marked', async () => {
    const { db } = ctx.current();
    const { app, xero } = appOnSandbox(h, db);
    const agent = request.agent(app);
    const { cookies } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)', 'Demo Company (UK)'] });
    await disconnectFromXeroSide(h, cookies, 'Demo Company (UK)');
    const { organisationsService } = await import('../../../src/organisations/organisations-service.js');
    const { createLogger } = await import('../../../src/common/logger.js');
    const result = await organisationsService({ db, xero, logger: createLogger('silent') }).checkAll();
    expect(result).to.deep.equal({ checked: 2, disconnected: 1, failed: 0 });
    const statuses = Object.fromEntries((await db('organisations').select('name', 'status')).map((o: { name: string; status: string }) => [o.name, o.status]));
    expect(statuses).to.deep.equal({ 'Demo Company (AU)': 'connected', 'Demo Company (UK)': 'disconnected' });
  });

  it("when a disconnected organisation's data is deleted, then everything of it goes and other organisations keep theirs", async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)', 'Demo Company (NZ)'] });
    const [au, nz] = await db('organisations').orderBy('name');
    let page = await agent.get('/organisations');
    const early = await agent
      .post(`/organisations/${au.id}/delete-data`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), confirmName: au.name });
    expect(early.status).to.equal(422);
    expect(early.text).to.contain('Disconnect the organisation from Xero before deleting its data.');
    await agent
      .post(`/organisations/${au.id}/disconnect`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    page = await agent.get(`/organisations/${au.id}/delete-data`);
    expect(page.text).to.contain('Type the organisation name to confirm');
    const wrong = await agent
      .post(`/organisations/${au.id}/delete-data`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), confirmName: 'nope' });
    expect(wrong.status).to.equal(422);
    expect(wrong.text).to.contain('value="nope"');
    expect(await db('organisations').where({ id: au.id }).first()).to.not.equal(undefined);
    const done = await agent
      .post(`/organisations/${au.id}/delete-data`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), confirmName: au.name });
    expect(done.status).to.equal(303);
    expect(await db('organisations').where({ id: au.id }).first()).to.equal(undefined);
    expect(await db('memberships').where({ organisation_id: au.id }).select()).to.deep.equal([]);
    expect(await db('organisations').where({ id: nz.id }).first()).to.not.equal(undefined);
  });

  it('when a colleague signs in to the same Xero organisation, then they join it rather than creating another', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    await signInThroughApp(request.agent(app), h, { ...alice, organisations: ['Demo Company (AU)'] });
    await signInThroughApp(request.agent(app), h, { ...bob, organisations: ['Demo Company (NZ)'] });
    // In Xero, Alice renames her organisation and invites Bob to it.
    const aliceOrg = await db('organisations').where({ name: 'Demo Company (AU)' }).first();
    await h.db('acc_organisations').where({ tenant_id: aliceOrg.xero_tenant_id }).update({ name: 'Shared Plumbing' });
    const bobUser = await h.db('identity_users').where({ email: 'bob@example.com' }).first('id');
    await h.db('identity_user_organisations').insert({ user_id: bobUser.id, tenant_id: aliceOrg.xero_tenant_id, created_at: Date.now() });

    const { done } = await signInThroughApp(request.agent(app), h, { ...bob, organisations: ['Shared Plumbing'] }, 'connect');
    expect(done.status).to.equal(303);
    const rows = await db('organisations').where({ xero_tenant_id: aliceOrg.xero_tenant_id });
    expect(rows).to.have.length(1);
    expect(rows[0].id).to.equal(aliceOrg.id);
    const members = await db('memberships').where({ organisation_id: aliceOrg.id }).join('users', 'users.id', 'memberships.user_id').pluck('users.email');
    expect([...members].sort()).to.deep.equal(['alice@example.com', 'bob@example.com']);
  });
});

describeEachDialect('organisations: four organisations, one person', (ctx) => {
  it("when a user with four organisations switches between them, then each shows only its own contacts and the others' are 404", async () => {
    const h = await startSandboxHarness();
    try {
      const { db } = ctx.current();
      const { app } = appOnSandbox(h, db);
      const agent = request.agent(app);
      await signInThroughApp(agent, h, alice);
      const organisations = await db('organisations').orderBy('name');
      expect(organisations).to.have.length(4);
      const contactIdByOrg = new Map<string, string>();
      for (const org of organisations) {
        let page = await agent.get('/dashboard');
        await agent
          .post('/organisations/switch')
          .type('form')
          .send({ _csrf: csrfFrom(page.text), organisationId: org.id });
        page = await agent.get('/contacts/new');
        const created = await agent
          .post('/contacts')
          .type('form')
          .send({ _csrf: csrfFrom(page.text), kind: 'company', name: `Customer of ${org.name}`, is_customer: '1' });
        expect(created.status, created.text).to.equal(303);
        contactIdByOrg.set(org.id, String(created.headers.location).split('/').pop()!);
      }
      for (const org of organisations) {
        const page = await agent.get('/dashboard');
        await agent
          .post('/organisations/switch')
          .type('form')
          .send({ _csrf: csrfFrom(page.text), organisationId: org.id });
        const list = await agent.get('/contacts');
        expect(list.status).to.equal(200);
        for (const other of organisations) {
          const shown = list.text.includes(`Customer of ${other.name}`);
          expect(shown, `${other.name}'s contact in ${org.name}'s list`).to.equal(other.id === org.id);
          const record = await agent.get(`/contacts/${contactIdByOrg.get(other.id)}`);
          expect(record.status, `${other.name}'s contact opened from ${org.name}`).to.equal(other.id === org.id ? 200 : 404);
          if (other.id !== org.id) expect(record.text).not.to.contain(`Customer of ${other.name}`);
        }
      }
    } finally {
      await h.close();
    }
  });
});

describeEachDialect('organisations: reconnect', (ctx) => {
  it('when a disconnected organisation is reconnected, then Xero is asked again and it is connected with its data intact', async () => {
    const h = await startSandboxHarness();
    try {
      const { db } = ctx.current();
      const { app } = appOnSandbox(h, db);
      const agent = request.agent(app);
      const { cookies } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)', 'Demo Company (NZ)'] });
      const au = await db('organisations').where({ name: 'Demo Company (AU)' }).first();
      let page = await agent.get('/organisations');
      await agent
        .post(`/organisations/${au.id}/disconnect`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      expect((await db('organisations').where({ id: au.id }).first()).status).to.equal('disconnected');

      page = await agent.get('/organisations');
      expect(page.text).to.contain(`action="/organisations/${au.id}/reconnect"`);
      const reconnect = await agent
        .post(`/organisations/${au.id}/reconnect`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      expect(reconnect.status).to.equal(307);
      expect(reconnect.headers.location).to.equal('/auth/xero');
      const start = await agent
        .post('/auth/xero')
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      expect(start.status).to.equal(303);
      const { callbackUrl } = await h.driveAuthorize(String(start.headers.location), { ...alice, organisations: ['Demo Company (AU)'], cookies });
      const callback = new URL(callbackUrl);
      const done = await agent.get(callback.pathname + callback.search);
      expect(done.status).to.equal(303);
      expect(done.headers.location).to.equal('/organisations');
      const after = await db('organisations').where({ id: au.id }).first();
      expect(after.status).to.equal('connected');
      expect(await db('organisations').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 2);
      const list = await agent.get('/organisations');
      expect(list.text.match(/badge-ok">Connected</g)).to.have.length(2);
    } finally {
      await h.close();
    }
  });
});
