import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { appOnSandbox, csrfFrom, signInThroughApp } from '../../helpers/app-on-sandbox.js';
import { expectCsrfRefused } from '../../helpers/refusals.js';

const alice = { email: 'alice@example.com', firstName: 'Alice', lastName: 'Accountant' };
const DEMO_ORGS = ['Demo Company (AU)', 'Demo Company (NZ)', 'Demo Company (UK)', 'Demo Company (US)'];

describeEachDialect('sign in with Xero', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when a new person signs in, then their user, organisations (with Xero details) and memberships are created and they land on the first', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    const { authorizeUrl, done } = await signInThroughApp(agent, h, alice);

    const params = new URL(authorizeUrl).searchParams;
    expect(params.get('scope')?.split(' ').sort()).to.deep.equal([
      'accounting.attachments',
      'accounting.contacts',
      'accounting.invoices',
      'accounting.payments',
      'accounting.settings',
      'email',
      'offline_access',
      'openid',
      'profile',
    ]);
    expect(params.get('code_challenge_method')).to.equal('S256');
    expect(params.get('state')).to.have.length.greaterThan(20);
    expect(params.get('nonce')).to.have.length.greaterThan(20);

    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/dashboard');
    const users = await db('users').select();
    expect(users).to.have.length(1);
    expect(users[0]).to.include({ email: 'alice@example.com', first_name: 'Alice', last_name: 'Accountant' });
    const organisations = await db('organisations').orderBy('name');
    expect(organisations.map((o: { name: string }) => o.name)).to.deep.equal(DEMO_ORGS);
    const au = organisations[0];
    expect(au.base_currency).to.equal('AUD');
    expect(au.country_code).to.equal('AU');
    expect(au.short_code).to.match(/^!/);
    expect(await db('memberships').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 4);

    const dashboard = await agent.get('/dashboard');
    expect(dashboard.status).to.equal(200);
    expect(dashboard.text).to.contain('Demo Company (AU)');
  });

  it('when tokens are stored, then the database holds no plaintext token', async () => {
    const { db } = ctx.current();
    const { app, xero } = appOnSandbox(h, db);
    await signInThroughApp(request.agent(app), h, alice);
    const [grant] = await db('xero_grants').select();
    const tokenSet = (await xero.tokenStore.find(grant.id))!.tokenSet;
    expect(tokenSet.access_token.split('.')).to.have.length(3);
    const raw = JSON.stringify(await db('xero_grants').select());
    expect(raw).not.to.contain(tokenSet.access_token);
    expect(raw).not.to.contain(tokenSet.refresh_token);
    expect(raw).not.to.contain(tokenSet.access_token.split('.')[1]);
    expect(grant.token_set_enc).to.match(/^v1\./);
    const sessions = JSON.stringify(await db('sessions').select());
    expect(sessions).not.to.contain(tokenSet.refresh_token);
  });

  it("when the person cancels on Xero's consent page, then they return to the sign-in page and nothing is written", async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    const { done } = await signInThroughApp(agent, h, { ...alice, decision: 'cancel' });
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/');
    const page = await agent.get('/');
    expect(page.text).to.contain('You cancelled connecting to Xero');
    expect(await db('users').select()).to.deep.equal([]);
    expect(await db('organisations').select()).to.deep.equal([]);
  });

  it('when a callback is replayed or its state is wrong, then it ends on a clear page and nothing is written', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    const home = await agent.get('/');
    const start = await agent
      .post('/auth/xero')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    const { callbackUrl } = await h.driveAuthorize(String(start.headers.location), alice);
    const url = new URL(callbackUrl);
    url.searchParams.set('state', 'forged-state');
    const forged = await agent.get(url.pathname + url.search);
    expect(forged.status).to.equal(400);
    expect(forged.text).to.contain('could not be verified');
    expect(await db('users').select()).to.deep.equal([]);

    // The attempt was consumed by the forged try: the genuine callback now finds nothing to complete.
    const original = new URL(callbackUrl);
    const replay = await agent.get(original.pathname + original.search);
    expect(replay.status).to.equal(400);
    expect(replay.text).to.contain('expired or was already used');
    expect(await db('users').select()).to.deep.equal([]);
    expect(replay.text).not.to.match(/at .*\.ts:\d+/);
  });

  it('when a code is used twice, then the second sign-in fails cleanly', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const first = request.agent(app);
    const { callbackUrl } = await signInThroughApp(first, h, alice);
    // A second browser that somehow has the same code but its own fresh attempt (state differs) is refused.
    const second = request.agent(app);
    const home = await second.get('/');
    await second
      .post('/auth/xero')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    const url = new URL(callbackUrl);
    const reuse = await second.get(url.pathname + url.search);
    expect(reuse.status).to.equal(400);
    expect(await db('users').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 1);
  });

  it('when the sign-in form is posted without its CSRF token, then it is refused and no attempt starts', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    await agent.get('/');
    const res = await agent.post('/auth/xero').type('form').send({});
    expectCsrfRefused(res);
    expect(res.headers.location).to.equal(undefined);
  });

  it('when a visitor follows the connection link, then the same sign-in starts', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    const { done } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (NZ)'] }, 'connect');
    expect(done.status).to.equal(303);
    const organisations = await db('organisations').select('name');
    expect(organisations.map((o: { name: string }) => o.name)).to.deep.equal(['Demo Company (NZ)']);
  });

  it('when the session cookie is tampered with, then the visitor is treated as signed out', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    await signInThroughApp(agent, h, alice);
    const sid = (await db('sessions').first('sid')).sid as string;
    const res = await request(app).get('/dashboard').set('Cookie', `ledgerside.sid=s%3A${sid}.forgedsignature`);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
  });

  it('when the person signs out, then the session ends', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const agent = request.agent(app);
    await signInThroughApp(agent, h, alice);
    const dashboard = await agent.get('/dashboard');
    const out = await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfFrom(dashboard.text) });
    expect(out.status).to.equal(303);
    const after = await agent.get('/dashboard');
    expect(after.status).to.equal(303);
    expect(after.headers.location).to.equal('/');
  });
});

describeEachDialect('sign in with Xero: a code issued to another app', (ctx) => {
  it('when the callback carries a code issued to a different client, then sign-in fails and nothing is written', async () => {
    const other = { clientId: 'OTHERAPPCLIENT00000000000000000000', clientSecret: 'other-secret', redirectUris: ['http://localhost:3999/auth/xero/callback'] };
    const h = await startSandboxHarness({ extraClients: [other] });
    try {
      const { db } = ctx.current();
      const { app } = appOnSandbox(h, db);
      const agent = request.agent(app);
      const home = await agent.get('/');
      const start = await agent
        .post('/auth/xero')
        .type('form')
        .send({ _csrf: csrfFrom(home.text) });
      const ours = new URL(String(start.headers.location));
      // Same state (so only the client differs), but the authorisation is for the other app.
      ours.searchParams.set('client_id', other.clientId);
      ours.searchParams.delete('code_challenge');
      ours.searchParams.delete('code_challenge_method');
      const { callbackUrl } = await h.driveAuthorize(ours.toString(), alice);
      const url = new URL(callbackUrl);
      const res = await agent.get(url.pathname + url.search);
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('could not be verified');
      expect(await db('users').select()).to.deep.equal([]);
      expect(await db('xero_grants').select()).to.deep.equal([]);
    } finally {
      await h.close();
    }
  });
});

describeEachDialect('sign in with Xero: a callback without a code', (ctx) => {
  it("when Xero's callback arrives with neither a code nor an error, then a clear page shows and nothing is written", async () => {
    const h = await startSandboxHarness();
    try {
      const { db } = ctx.current();
      const { app } = appOnSandbox(h, db);
      const agent = request.agent(app);
      const home = await agent.get('/');
      const start = await agent
        .post('/auth/xero')
        .type('form')
        .send({ _csrf: csrfFrom(home.text) });
      const state = new URL(String(start.headers.location)).searchParams.get('state');
      const res = await agent.get(`/auth/xero/callback?state=${state}`);
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('could not be verified');
      expect(await db('users').select()).to.deep.equal([]);
    } finally {
      await h.close();
    }
  });
});

describeEachDialect("sign in with Xero: a new organisation's settings", (ctx) => {
  it('when an organisation is connected, then its Xero accounts, tax rates and currencies are cached in the background for its forms', async () => {
    const h = await startSandboxHarness();
    try {
      const { db } = ctx.current();
      const { app, runner } = appOnSandbox(h, db, { refreshXeroSettingsOnConnect: true });
      const agent = request.agent(app);
      await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (NZ)'] });
      await runner.idle();
      const org = await db('organisations').first();
      const accounts = await db('xero_accounts').where({ organisation_id: org.id }).pluck('code');
      expect(accounts).to.include('200');
      const taxTypes = await db('xero_tax_rates').where({ organisation_id: org.id }).pluck('tax_type');
      expect(taxTypes).to.include('OUTPUT2');
      const form = await agent.get('/quotes/new');
      expect(form.text).to.contain('200 – Sales');
    } finally {
      await h.close();
    }
  });
});
