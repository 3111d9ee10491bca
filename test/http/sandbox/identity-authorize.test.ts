import { expect } from 'chai';
import { cookieHeader, startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

const ada = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

describe('sandbox identity: authorize pages', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const authorizeUrl = (params: Record<string, string>): string => {
    const url = new URL(`${h.url}/identity/connect/authorize`);
    const defaults = {
      client_id: h.client.clientId,
      redirect_uri: h.client.redirectUris[0]!,
      response_type: 'code',
      scope: 'openid profile email offline_access accounting.transactions accounting.settings accounting.contacts',
      state: 'st-1',
    };
    for (const [k, v] of Object.entries({ ...defaults, ...params })) url.searchParams.set(k, v);
    return url.toString();
  };

  it('when the user presses Cancel, then the app gets error=access_denied with its state and no connection exists', async () => {
    const { callbackUrl } = await h.driveAuthorize(authorizeUrl({}), { ...ada, decision: 'cancel' });
    const url = new URL(callbackUrl);
    expect(url.origin + url.pathname).to.equal(h.client.redirectUris[0]);
    expect(url.searchParams.get('error')).to.equal('access_denied');
    expect(url.searchParams.get('state')).to.equal('st-1');
    expect(url.searchParams.has('code')).to.equal(false);
    expect(await h.db('identity_connections').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('when the redirect_uri is not registered, then the sandbox shows an error page instead of redirecting', async () => {
    const res = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }), { redirect: 'manual' });
    expect(res.status).to.equal(400);
    expect(res.headers.get('location')).to.equal(null);
    expect(await res.text()).to.contain('Invalid redirect_uri');
  });

  it('when the client_id is unknown, then the sandbox shows an error page', async () => {
    const res = await fetch(authorizeUrl({ client_id: 'NOPE' }), { redirect: 'manual' });
    expect(res.status).to.equal(400);
    expect(await res.text()).to.contain('Unknown client_id');
  });

  it('when a scope name is unknown, then the app gets error=invalid_scope', async () => {
    const res = await fetch(authorizeUrl({ scope: 'openid accounting.everything' }), { redirect: 'manual' });
    expect(res.status).to.equal(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).to.equal('invalid_scope');
    expect(location.searchParams.get('state')).to.equal('st-1');
  });

  it('when response_type is not code, then the app gets error=unsupported_response_type', async () => {
    const res = await fetch(authorizeUrl({ response_type: 'token' }), { redirect: 'manual' });
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).to.equal('unsupported_response_type');
  });

  it('when granular read-only scopes are asked for, then the access token carries exactly them', async () => {
    const scopes = ['openid', 'offline_access', 'accounting.invoices.read', 'accounting.contacts.read', 'accounting.settings.read'];
    const { tokenSet } = await h.signIn({ ...ada, scopes });
    const payload = JSON.parse(Buffer.from(tokenSet.access_token!.split('.')[1]!, 'base64url').toString()) as { scope: string[] };
    expect(payload.scope).to.deep.equal(scopes);
    expect(tokenSet.claims()).not.to.have.property('email'); // no email scope, no email claim
  });

  it('when the same email signs in twice, then it is the same Xero user and the demo companies are not seeded again', async () => {
    const first = await h.signIn(ada);
    const second = await h.signIn({ email: 'ADA@example.com', firstName: 'Ada', lastName: 'King' });
    expect(second.tokenSet.claims().xero_userid).to.equal(first.tokenSet.claims().xero_userid);
    expect(second.tokenSet.claims().family_name).to.equal('King');
    expect(second.tenants.map((t) => t.tenantId).sort()).to.deep.equal(first.tenants.map((t) => t.tenantId).sort());
    expect(await h.db('identity_user_organisations').count({ n: '*' }).first()).to.deep.equal({ n: 4 });
  });

  it('when only OpenID scopes are asked for ("Sign in with Xero"), then no organisation is offered or connected', async () => {
    const xero = h.xeroClient({ scopes: ['openid', 'profile', 'email'] });
    const signInPage = await (await fetch(await xero.buildConsentUrl())).text();
    expect(signInPage).to.contain('name="request"');
    const { tokenSet, tenants } = await h.signIn({ ...ada, scopes: ['openid', 'profile', 'email'] });
    expect(tokenSet.claims().email).to.equal('ada@example.com');
    expect(tenants).to.deep.equal([]);
    expect(await h.connections(tokenSet.access_token!)).to.deep.equal([]);
  });

  it('when the user ticks two organisations, then only those two are connected for that consent', async () => {
    const { tenants } = await h.signIn({ ...ada, organisations: ['Demo Company (NZ)', 'Demo Company (US)'] });
    expect(tenants.map((t) => t.tenantName)).to.deep.equal(['Demo Company (NZ)', 'Demo Company (US)']);
  });

  it('when the user ticks no organisation for accounting scopes, then the consent page asks again', async () => {
    const err = await h.driveAuthorize(authorizeUrl({}), { ...ada, organisations: [] }).catch((e: unknown) => e);
    expect(String(err)).to.contain('consent answered 400').and.contain('Choose at least one organisation');
  });

  it('when the browser already signed in to the sandbox, then authorize goes straight to the consent page', async () => {
    const first = await h.driveAuthorize(authorizeUrl({ state: 'a' }), ada);
    const res = await fetch(authorizeUrl({ state: 'b' }), {
      redirect: 'manual',
      headers: { cookie: cookieHeader(first.cookies) },
    });
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.match(/^\/identity\/connect\/consent\?request=/);
  });

  it('when a signed-in browser chooses "Use another account", then the consent is given as the new user', async () => {
    const first = await h.driveAuthorize(authorizeUrl({ state: 'a' }), ada);
    const res = await fetch(authorizeUrl({ state: 'b' }), { redirect: 'manual', headers: { cookie: cookieHeader(first.cookies) } });
    const consent = await (await fetch(`${h.url}${res.headers.get('location')}`, { headers: { cookie: cookieHeader(first.cookies) } })).text();
    const switchPath = /href="(\/identity\/sign-in\?request=[^"]+)"/.exec(consent)![1]!.replace(/&amp;/g, '&');
    const grace = { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' };
    const { callbackUrl } = await h.driveAuthorize(`${h.url}${switchPath}`, { ...grace, cookies: first.cookies, organisations: ['Demo Company (US)'] });
    expect(new URL(callbackUrl).searchParams.get('state')).to.equal('b');
    const xero = h.xeroClient({ state: 'b' });
    const tokenSet = await xero.apiCallback(callbackUrl);
    expect(tokenSet.claims().email).to.equal('grace@example.com');
  });

  it('when another browser submits a pending request id, then the consent page refuses it', async () => {
    const signInPage = await (await fetch(authorizeUrl({}))).text();
    const requestId = /name="request" value="([^"]+)"/.exec(signInPage)![1]!;
    const other = await h.driveAuthorize(authorizeUrl({}), ada); // a browser signed in as someone else
    const res = await fetch(`${h.url}/identity/connect/consent?request=${encodeURIComponent(requestId)}`, {
      headers: { cookie: cookieHeader(other.cookies) },
    });
    expect(res.status).to.equal(400);
    expect(await res.text()).to.contain('This sign-in has expired');
  });

  it('when the sign-in form has a bad email, then it is shown again with the error and labelled inputs', async () => {
    const page = await (await fetch(authorizeUrl({}))).text();
    const requestId = /name="request" value="([^"]+)"/.exec(page)![1]!;
    const res = await fetch(`${h.url}/identity/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: requestId, email: 'not-an-email', first_name: 'A', last_name: 'B' }).toString(),
    });
    expect(res.status).to.equal(400);
    const html = await res.text();
    expect(html).to.contain('Enter a valid email address.');
    expect(html).to.contain('<label for="email">').and.contain('value="not-an-email"');
    expect(html).not.to.contain('<script');
  });
});
