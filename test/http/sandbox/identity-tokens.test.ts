import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { custom, errors } from 'openid-client';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

const minutes = (n: number): number => n * 60 * 1000;
const ada = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('sandbox identity: token endpoint', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const tokenRequest = (body: Record<string, string>, basic?: string) => h.tokenRequest(body, basic);

  it('when xero-node refreshes, then the refresh token rotates and the new pair verifies', async () => {
    const { tokenSet, xero } = await h.signIn(ada);
    const refreshed = await xero.refreshToken();
    expect(refreshed.refresh_token).to.be.a('string').and.not.equal(tokenSet.refresh_token);
    expect(refreshed.access_token).not.to.equal(tokenSet.access_token);
    expect(refreshed.claims().sub).to.equal(tokenSet.claims().sub);
    const again = await xero.refreshToken();
    expect(again.refresh_token).not.to.equal(refreshed.refresh_token);
  });

  it('when a superseded refresh token is retried within 30 minutes, then it returns a fresh pair, and after that invalid_grant', async () => {
    const { tokenSet, xero } = await h.signIn(ada);
    const original = tokenSet.refresh_token!;
    await xero.refreshToken();
    h.clock.advance(minutes(29));
    xero.openIdClient[custom.clock_tolerance] = 3600; // ID-token times follow the sandbox clock, openid-client the real one
    const retried = await xero.openIdClient.refresh(original);
    expect(retried.access_token).to.be.a('string');
    expect(retried.refresh_token).to.be.a('string').and.not.equal(original);
    h.clock.advance(minutes(2));
    const err = await rejection(xero.openIdClient.refresh(original));
    expect(err).to.be.instanceOf(errors.OPError);
    expect((err as InstanceType<typeof errors.OPError>).error).to.equal('invalid_grant');
    const raw = await tokenRequest({ grant_type: 'refresh_token', refresh_token: original });
    expect(raw.status).to.equal(400);
    expect(await raw.json()).to.deep.equal({ error: 'invalid_grant' });
    // the pair handed out in the grace window still works
    const fromRetry = await xero.openIdClient.refresh(retried.refresh_token!);
    expect(fromRetry.refresh_token).to.be.a('string');
  });

  it('when a refresh token goes unused for 60 days, then refreshing answers invalid_grant', async () => {
    const { tokenSet } = await h.signIn(ada);
    h.clock.advance(minutes(60 * 24 * 60) + 1000);
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokenSet.refresh_token! });
    expect(res.status).to.equal(400);
    expect(await res.json()).to.deep.equal({ error: 'invalid_grant' });
  });

  it('when a refresh token is used just inside 60 days, then it still rotates', async () => {
    const { tokenSet } = await h.signIn(ada);
    h.clock.advance(minutes(60 * 24 * 60) - minutes(1));
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokenSet.refresh_token! });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).to.include({ token_type: 'Bearer', expires_in: 1800 });
    expect(body.refresh_token).to.be.a('string');
  });

  it('when an authorization code is exchanged twice, then the second exchange is invalid_grant and the first refresh token dies', async () => {
    const xero = h.xeroClient();
    const { callbackUrl } = await h.driveAuthorize(await xero.buildConsentUrl(), ada);
    const first = await xero.apiCallback(callbackUrl);
    const second = h.xeroClient({ state: new URL(callbackUrl).searchParams.get('state')! });
    const err = await rejection(second.apiCallback(callbackUrl));
    expect((err as InstanceType<typeof errors.OPError>).error).to.equal('invalid_grant');
    const res = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token! });
    expect(res.status).to.equal(400);
  });

  it('when a code is older than 5 minutes, then exchanging it is invalid_grant', async () => {
    const xero = h.xeroClient();
    const { callbackUrl } = await h.driveAuthorize(await xero.buildConsentUrl(), ada);
    h.clock.advance(minutes(5) + 1000);
    const err = await rejection(xero.apiCallback(callbackUrl));
    expect((err as InstanceType<typeof errors.OPError>).error).to.equal('invalid_grant');
  });

  it('when the client secret is wrong, then the token endpoint answers 401 invalid_client', async () => {
    const good = h.xeroClient();
    const { callbackUrl } = await h.driveAuthorize(await good.buildConsentUrl(), ada);
    const bad = h.xeroClient({ clientSecret: 'not-the-secret', state: new URL(callbackUrl).searchParams.get('state')! });
    const err = await rejection(bad.apiCallback(callbackUrl));
    expect((err as InstanceType<typeof errors.OPError>).error).to.equal('invalid_client');
    const raw = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x' }, `${h.client.clientId}:wrong`);
    expect(raw.status).to.equal(401);
    expect(await raw.json()).to.deep.equal({ error: 'invalid_client' });
  });

  it('when the client authenticates with client_secret_post, then the code exchange succeeds', async () => {
    const xero = h.xeroClient();
    const { callbackUrl } = await h.driveAuthorize(await xero.buildConsentUrl(), ada);
    const code = new URL(callbackUrl).searchParams.get('code')!;
    const res = await fetch(`${h.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: h.client.redirectUris[0]!,
        client_id: h.client.clientId,
        client_secret: h.client.clientSecret,
      }).toString(),
    });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.have.keys('id_token', 'access_token', 'expires_in', 'token_type', 'refresh_token', 'scope');
  });

  it('when the token request names another redirect_uri than the authorize request, then it is invalid_grant', async () => {
    const xero = h.xeroClient();
    const { callbackUrl } = await h.driveAuthorize(await xero.buildConsentUrl(), ada);
    const res = await tokenRequest({
      grant_type: 'authorization_code',
      code: new URL(callbackUrl).searchParams.get('code')!,
      redirect_uri: 'http://localhost:3999/elsewhere',
    });
    expect(res.status).to.equal(400);
    expect(await res.json()).to.deep.equal({ error: 'invalid_grant' });
  });

  it('when the app used PKCE, then only the matching code_verifier redeems the code', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const xero = h.xeroClient();
    const url = xero.openIdClient.authorizationUrl({
      scope: 'openid email profile offline_access accounting.contacts',
      state: 'pkce-state',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const wrong = await h.driveAuthorize(url, ada);
    const err = await rejection(
      xero.openIdClient.callback(h.client.redirectUris[0], xero.openIdClient.callbackParams(wrong.callbackUrl), {
        state: 'pkce-state',
        code_verifier: randomBytes(32).toString('base64url'),
      }),
    );
    expect((err as InstanceType<typeof errors.OPError>).error).to.equal('invalid_grant');
    const right = await h.driveAuthorize(url, ada);
    const tokens = await xero.openIdClient.callback(h.client.redirectUris[0], xero.openIdClient.callbackParams(right.callbackUrl), {
      state: 'pkce-state',
      code_verifier: verifier,
    });
    expect(tokens.claims().email).to.equal('ada@example.com');
  });

  it('when the grant type is unsupported or a field is missing, then the endpoint answers 400 with the OAuth error', async () => {
    const unsupported = await tokenRequest({ grant_type: 'client_credentials' });
    expect(unsupported.status).to.equal(400);
    expect(await unsupported.json()).to.deep.equal({ error: 'unsupported_grant_type' });
    const missing = await tokenRequest({ grant_type: 'authorization_code' });
    expect(missing.status).to.equal(400);
    expect(await missing.json()).to.deep.equal({ error: 'invalid_request' });
    const huge = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x'.repeat(20000) });
    expect(huge.status).to.equal(400);
    expect(await huge.json()).to.deep.equal({ error: 'invalid_request' });
  });

  it('when the app sends a nonce, then the ID token echoes it and openid-client checks it', async () => {
    const xero = h.xeroClient();
    const url = xero.openIdClient.authorizationUrl({ scope: 'openid email profile', state: 's1', nonce: 'n-123' });
    const { callbackUrl } = await h.driveAuthorize(url, ada);
    const tokens = await xero.openIdClient.callback(h.client.redirectUris[0], xero.openIdClient.callbackParams(callbackUrl), {
      state: 's1',
      nonce: 'n-123',
    });
    expect(tokens.claims().nonce).to.equal('n-123');
    expect(tokens.refresh_token).to.equal(undefined); // no offline_access, no refresh token
  });
});
