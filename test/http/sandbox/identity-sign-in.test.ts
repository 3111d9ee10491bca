import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { Issuer } from 'openid-client';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

describe('sandbox identity: sign-in through xero-node', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when openid-client discovers the sandbox, then every endpoint is on the sandbox origin', async () => {
    const issuer = await Issuer.discover(h.url);
    expect(issuer.metadata.issuer).to.equal(h.url);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'revocation_endpoint', 'jwks_uri'] as const) {
      expect(String(issuer.metadata[key])).to.match(new RegExp(`^${h.url}/`));
    }
    const jwks = (await (await fetch(String(issuer.metadata.jwks_uri))).json()) as { keys: { kty: string; alg: string; d?: string }[] };
    expect(jwks.keys).to.have.length(1);
    expect(jwks.keys[0]).to.include({ kty: 'RSA', alg: 'RS256' });
    expect(jwks.keys[0]).not.to.have.property('d');
  });

  it('when a new user signs in and ticks all demo companies, then xero-node gets verified tokens and four connections', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { tokenSet, tenants, callbackUrl } = await h.signIn({ email: 'Ada@Example.com', firstName: 'Ada', lastName: 'Lovelace' });
    const after = Math.ceil(Date.now() / 1000);
    expect(new URL(callbackUrl).searchParams.get('code')).to.be.a('string');
    const id = tokenSet.claims();
    expect(id.iss).to.equal(h.url);
    expect(id.aud).to.equal(h.client.clientId);
    expect(id).to.include({ email: 'ada@example.com', preferred_username: 'ada@example.com', given_name: 'Ada', family_name: 'Lovelace' });
    for (const claim of ['xero_userid', 'global_session_id', 'sid', 'at_hash', 'sub', 'nbf', 'auth_time']) expect(id).to.have.property(claim);
    // openid-client turns Xero's expires_in (1800) into expires_at when the answer arrives.
    expect(tokenSet.expires_at).to.be.within(before + 1800, after + 1800);
    expect(tokenSet.refresh_token).to.be.a('string');
    const access = decodeJwt(tokenSet.access_token!);
    expect(access.exp! - access.iat!).to.equal(1800);
    expect(access).to.include({ xero_userid: id.xero_userid, client_id: h.client.clientId, sub: id.sub });
    expect(access.scope).to.include.members(['openid', 'accounting.contacts', 'offline_access']);
    expect(tenants.map((t) => t.tenantName)).to.deep.equal(['Demo Company (AU)', 'Demo Company (NZ)', 'Demo Company (UK)', 'Demo Company (US)']);
    for (const t of tenants) {
      expect(t).to.include({ tenantType: 'ORGANISATION', authEventId: access.authentication_event_id });
      expect(t.createdDateUtc).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
    }
  });
});
