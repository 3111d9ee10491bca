import { expect } from 'chai';
import { cookieHeader, startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

const ada = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };
const otherApp = {
  clientId: 'OTHERAPP000000000000000000000000',
  clientSecret: 'other-secret',
  redirectUris: ['http://localhost:4000/callback'],
  name: 'Other App',
};

describe('sandbox identity: My organisations pages', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness({ extraClients: [otherApp] });
  });
  afterEach(async () => {
    await h.close();
  });

  const page = async (jar: Map<string, string>): Promise<string> => {
    const res = await fetch(`${h.url}/identity/my-xero`, { headers: { cookie: cookieHeader(jar) }, redirect: 'manual' });
    expect(res.status).to.equal(200);
    return res.text();
  };
  const post = (jar: Map<string, string>, path: string, form: Record<string, string>) =>
    fetch(`${h.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  async function signedInApp(organisations?: string[]) {
    const xero = h.xeroClient();
    const { callbackUrl, cookies } = await h.driveAuthorize(await xero.buildConsentUrl(), { ...ada, organisations });
    const tokenSet = await xero.apiCallback(callbackUrl);
    return { xero, tokenSet, cookies, tenants: await h.connections(tokenSet.access_token!) };
  }

  it('when the user disconnects the app from the sandbox page, then the app gets 403 for that organisation', async () => {
    const { tokenSet, cookies, tenants } = await signedInApp(['Demo Company (AU)']);
    const html = await page(cookies);
    expect(html).to.contain('Demo Company (AU)').and.contain('Demo Company (US)').and.contain('Ledgerside');
    const action = /action="(\/identity\/my-xero\/connections\/[^"]+\/disconnect)"/.exec(html)![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    expect((await post(cookies, action, { csrf })).status).to.equal(303);
    const res = await fetch(`${h.apiBasePath}/Organisation`, {
      headers: { authorization: `Bearer ${tokenSet.access_token}`, 'xero-tenant-id': tenants[0]!.tenantId },
    });
    expect(res.status).to.equal(403);
    expect(await h.connections(tokenSet.access_token!)).to.deep.equal([]);
  });

  it('when a disconnect form arrives without the session CSRF token, then nothing is disconnected', async () => {
    const { tokenSet, cookies } = await signedInApp(['Demo Company (AU)']);
    const action = /action="(\/identity\/my-xero\/connections\/[^"]+\/disconnect)"/.exec(await page(cookies))![1]!;
    expect((await post(cookies, action, { csrf: 'forged' })).status).to.equal(403);
    expect(await h.connections(tokenSet.access_token!)).to.have.length(1);
  });

  it('when the user adds an organisation, then it is listed and can be connected on the next consent', async () => {
    const { cookies } = await signedInApp(['Demo Company (AU)']);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page(cookies))![1]!;
    const res = await post(cookies, '/identity/my-xero/organisations', { csrf, name: 'Kiwi Plumbing Ltd', countryCode: 'NZ' });
    expect(res.status).to.equal(303);
    expect(await page(cookies)).to.contain('Kiwi Plumbing Ltd');
    const { tenants } = await h.signIn({ ...ada, organisations: ['Kiwi Plumbing Ltd'] });
    expect(tenants.map((t) => t.tenantName)).to.deep.equal(['Kiwi Plumbing Ltd']);
  });

  it('when the add-organisation form has no name or an unknown country, then the page shows the errors', async () => {
    const { cookies } = await signedInApp(['Demo Company (AU)']);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page(cookies))![1]!;
    const res = await post(cookies, '/identity/my-xero/organisations', { csrf, name: ' ', countryCode: 'FR' });
    expect(res.status).to.equal(400);
    const html = await res.text();
    expect(html).to.contain('Enter an organisation name').and.contain('Choose a country');
  });

  it('when nobody is signed in, then the page redirects to the sandbox sign-in', async () => {
    const res = await fetch(`${h.url}/identity/my-xero`, { redirect: 'manual' });
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal('/identity/sign-in');
  });

  it("when one app is revoked, then the same user's connections to another app survive", async () => {
    const ours = await signedInApp();
    const theirs = await h.signIn({ ...ada, clientId: otherApp.clientId, redirectUri: otherApp.redirectUris[0], organisations: ['Demo Company (UK)'] });
    expect(theirs.tenants.map((t) => t.tenantName)).to.deep.equal(['Demo Company (UK)']);
    expect(await h.connections(ours.tokenSet.access_token!)).to.have.length(4); // each app sees only its own
    await ours.xero.revokeToken();
    expect(await h.connections(ours.tokenSet.access_token!)).to.deep.equal([]);
    expect(await h.connections(theirs.tokenSet.access_token!)).to.have.length(1);
  });
});

describe('sandbox identity: end session', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when openid-client ends the session with a registered origin, then the sandbox signs out and returns to the app', async () => {
    const xero = h.xeroClient();
    const { callbackUrl, cookies } = await h.driveAuthorize(await xero.buildConsentUrl(), ada);
    const tokenSet = await xero.apiCallback(callbackUrl);
    const url = xero.openIdClient.endSessionUrl({
      id_token_hint: tokenSet.id_token!,
      post_logout_redirect_uri: 'http://localhost:3999/signed-out',
      state: 'bye',
    });
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(cookies) } });
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal('http://localhost:3999/signed-out?state=bye');
    const after = await fetch(`${h.url}/identity/my-xero`, { redirect: 'manual', headers: { cookie: cookieHeader(cookies) } });
    expect(after.headers.get('location')).to.equal('/identity/sign-in');
  });

  it('when the post-logout address is on an unregistered origin, then the sandbox stays on its own sign-in page', async () => {
    const res = await fetch(`${h.url}/identity/sign-out?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`, {
      redirect: 'manual',
    });
    expect(res.headers.get('location')).to.equal('/identity/sign-in');
  });
});
