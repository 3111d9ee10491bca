import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

const ada = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

describe('sandbox identity: connections and API authentication', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const api = (path: string, accessToken: string, tenantId?: string) =>
    fetch(`${h.apiBasePath}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', ...(tenantId ? { 'Xero-Tenant-Id': tenantId } : {}) },
    });

  it('when two consents connect different organisations, then authEventId selects each consent and no filter lists all', async () => {
    const first = await h.signIn({ ...ada, organisations: ['Demo Company (AU)'] });
    const second = await h.signIn({ ...ada, organisations: ['Demo Company (UK)', 'Demo Company (US)'] });
    expect(first.tenants.map((t) => t.tenantName)).to.deep.equal(['Demo Company (AU)']);
    expect(second.tenants.map((t) => t.tenantName)).to.deep.equal(['Demo Company (UK)', 'Demo Company (US)']);
    const all = await h.connections(second.tokenSet.access_token!);
    expect(all.map((t) => t.tenantName).sort()).to.deep.equal(['Demo Company (AU)', 'Demo Company (UK)', 'Demo Company (US)']);
  });

  it('when the app deletes a connection, then it answers 204, the list shrinks and the API answers 403 for that tenant', async () => {
    const { tokenSet, tenants } = await h.signIn(ada);
    const [gone, kept] = tenants;
    const del = await fetch(`${h.url}/connections/${gone!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokenSet.access_token}` } });
    expect(del.status).to.equal(204);
    expect((await h.connections(tokenSet.access_token!)).map((t) => t.id)).not.to.include(gone!.id);
    expect((await api('/Organisation', tokenSet.access_token!, gone!.tenantId)).status).to.equal(403);
    expect((await api('/Organisation', tokenSet.access_token!, kept!.tenantId)).status).to.equal(200);
    const again = await fetch(`${h.url}/connections/${gone!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokenSet.access_token}` } });
    expect(again.status).to.equal(404);
  });

  it('when xero-node calls the Accounting API for a connected tenant, then authenticate lets it through with the tenant', async () => {
    const { xero, tenants } = await h.signIn({ ...ada, organisations: ['Demo Company (NZ)'] });
    const result = await xero.accountingApi.getOrganisations(tenants[0]!.tenantId);
    expect(result.body.organisations?.[0]?.name).to.equal('Demo Company (NZ)');
  });

  it("when xero-node revokes the refresh token, then all of that user's connections to the app are gone", async () => {
    const { xero, tokenSet } = await h.signIn(ada);
    await h.signIn({ ...ada, organisations: ['Demo Company (AU)'] });
    expect(await h.connections(tokenSet.access_token!)).to.have.length(4);
    await xero.revokeToken();
    expect(await h.connections(tokenSet.access_token!)).to.deep.equal([]);
    const res = await h.tokenRequest({ grant_type: 'refresh_token', refresh_token: tokenSet.refresh_token! });
    expect(res.status).to.equal(400);
  });

  it("when the access token is past its 30 minutes, then the API answers 401 TokenExpired in Xero's shape", async () => {
    const { tokenSet, tenants } = await h.signIn(ada);
    h.clock.advance(30 * 60 * 1000 + 1000);
    const res = await api('/Organisation', tokenSet.access_token!, tenants[0]!.tenantId);
    expect(res.status).to.equal(401);
    const body = (await res.json()) as { Title: string; Status: number; Detail: string };
    expect(body.Title).to.equal('Unauthorized');
    expect(body.Status).to.equal(401);
    expect(body.Detail).to.match(/^TokenExpired: token expired at \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
    expect((await fetch(`${h.url}/connections`, { headers: { authorization: `Bearer ${tokenSet.access_token}` } })).status).to.equal(401);
  });

  it('when the bearer token is garbage or missing, then the API and /connections answer 401', async () => {
    const res = await api('/Organisation', 'not.a.jwt', randomUUID());
    expect(res.status).to.equal(401);
    expect(await res.json()).to.include({ Title: 'Unauthorized', Status: 401 });
    expect((await fetch(`${h.url}/connections`)).status).to.equal(401);
  });

  it('when the tenant is not connected (or absent), then the API answers 403 AuthenticationUnsuccessful', async () => {
    const { tokenSet } = await h.signIn({ ...ada, organisations: ['Demo Company (AU)'] });
    const other = await h.signIn({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' });
    for (const tenantId of [other.tenants[0]!.tenantId, undefined]) {
      const res = await api('/Organisation', tokenSet.access_token!, tenantId);
      expect(res.status).to.equal(403);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).to.include({ Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' });
      expect(body.Instance).to.match(/^[0-9a-f-]{36}$/);
      expect(body.Extensions).to.deep.equal({});
    }
  });

  it("when userinfo is called with the access token, then it returns the user's claims", async () => {
    const { tokenSet } = await h.signIn(ada);
    const res = await fetch(`${h.url}/connect/userinfo`, { headers: { authorization: `Bearer ${tokenSet.access_token}` } });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.include({
      sub: tokenSet.claims().sub,
      xero_userid: tokenSet.claims().xero_userid,
      email: 'ada@example.com',
      given_name: 'Ada',
      family_name: 'Lovelace',
    });
  });
});
