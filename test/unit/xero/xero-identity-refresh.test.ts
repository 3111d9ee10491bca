import { expect } from 'chai';
import nock from 'nock';
import { xeroIdentity } from '../../../src/xero/xero-identity.js';

const ISSUER = 'https://identity.xero.com';
const settings = {
  clientId: 'CLIENT-ID-1',
  clientSecret: 'client-secret-1',
  redirectUri: 'https://crm.example.com/auth/xero/callback',
  issuerUrl: ISSUER,
  apiUrl: 'https://api.xero.com/api.xro/2.0',
  connectionsUrl: 'https://api.xero.com/connections',
  webUrl: 'https://go.xero.com',
  webhookKey: 'webhook-key',
};

// Xero's discovery document, cut to the members openid-client reads.
const discovery = {
  issuer: ISSUER,
  authorization_endpoint: 'https://login.xero.com/identity/connect/authorize',
  token_endpoint: `${ISSUER}/connect/token`,
  revocation_endpoint: `${ISSUER}/connect/revocation`,
  userinfo_endpoint: `${ISSUER}/connect/userinfo`,
  jwks_uri: `${ISSUER}/.well-known/openid-configuration/jwks`,
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  id_token_signing_alg_values_supported: ['RS256'],
};
const basicAuth = `Basic ${Buffer.from('CLIENT-ID-1:client-secret-1').toString('base64')}`;

describe('Xero token refresh through openid-client (nock on identity.xero.com)', () => {
  it('when a refresh token is refreshed, then Xero gets a Basic-authenticated refresh_token grant and the rotated set comes back', async () => {
    nock(ISSUER).get('/.well-known/openid-configuration').reply(200, discovery);
    let form: URLSearchParams | undefined;
    const token = nock(ISSUER, { reqheaders: { authorization: basicAuth, 'content-type': 'application/x-www-form-urlencoded' } })
      .post('/connect/token', (body: string) => {
        form = new URLSearchParams(body);
        return true;
      })
      .reply(200, {
        access_token: 'access-2',
        refresh_token: 'refresh-2',
        expires_in: 1800,
        token_type: 'Bearer',
        scope: 'openid offline_access accounting.contacts',
      });
    const before = Math.floor(Date.now() / 1000);

    const set = await xeroIdentity(settings).refresh('refresh-1');
    const after = Math.ceil(Date.now() / 1000);

    expect(token.isDone()).to.equal(true);
    expect(Object.fromEntries(form ?? [])).to.deep.equal({ grant_type: 'refresh_token', refresh_token: 'refresh-1' });
    expect([set.access_token, set.refresh_token, set.token_type]).to.deep.equal(['access-2', 'refresh-2', 'Bearer']);
    expect(set.expires_at).to.be.within(before + 1800, after + 1800);
  });

  it('when Xero answers invalid_grant (a superseded refresh token), then the refresh rejects with that OAuth error', async () => {
    nock(ISSUER).get('/.well-known/openid-configuration').reply(200, discovery);
    nock(ISSUER).post('/connect/token').reply(400, { error: 'invalid_grant' });
    let caught: unknown;
    try {
      await xeroIdentity(settings).refresh('refresh-old');
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(Error).and.to.include({ error: 'invalid_grant' });
  });
});
