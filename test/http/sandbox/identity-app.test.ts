import { expect } from 'chai';
import type { Knex } from 'knex';
import request from 'supertest';
import { ManualClock } from '../../../src/sandbox/identity-accounting-seam.js';
import { ensureIdentitySchema, loadOrCreateSigningKeys, openSandboxDb } from '../../../src/sandbox/identity/index.js';
import { createSandboxApp } from '../../../src/sandbox/sandbox-app.js';
import { loadSandboxConfig } from '../../../src/sandbox/sandbox-config.js';
import { fakeAccountingSide } from '../../helpers/sandbox-harness.js';

describe('sandbox composition: createSandboxApp without listening', () => {
  let db: Knex;
  beforeEach(async () => {
    db = openSandboxDb(':memory:');
    await ensureIdentitySchema(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function app() {
    const config = loadSandboxConfig({ SANDBOX_DB: ':memory:', SANDBOX_ISSUER: 'https://sandbox.example' });
    const keys = await loadOrCreateSigningKeys(db);
    return createSandboxApp({ config, db, clock: new ManualClock(), keys, accounting: fakeAccountingSide() });
  }

  it('when the issuer is configured, then discovery advertises every endpoint on it', async () => {
    const res = await request(await app())
      .get('/.well-known/openid-configuration')
      .expect(200);
    expect(res.body).to.include({
      issuer: 'https://sandbox.example',
      authorization_endpoint: 'https://sandbox.example/identity/connect/authorize',
      token_endpoint: 'https://sandbox.example/connect/token',
      jwks_uri: 'https://sandbox.example/.well-known/openid-configuration/jwks',
    });
    expect(res.body.code_challenge_methods_supported).to.deep.equal(['S256']);
    expect(res.body.token_endpoint_auth_methods_supported).to.deep.equal(['client_secret_basic', 'client_secret_post']);
  });

  it('when the app is built twice on one DB, then the same signing key is published', async () => {
    const first = await request(await app())
      .get('/.well-known/openid-configuration/jwks')
      .expect(200);
    const second = await request(await app())
      .get('/.well-known/openid-configuration/jwks')
      .expect(200);
    expect(second.body).to.deep.equal(first.body);
  });

  it("when an unknown path is requested, then the answer is Xero's 404 text", async () => {
    const res = await request(await app())
      .get('/no/such/thing')
      .expect(404);
    expect(res.text).to.equal("The resource you're looking for cannot be found");
  });

  it('when a sandbox page is served, then it forbids scripts and framing', async () => {
    const res = await request(await app())
      .get('/identity/sign-in')
      .expect(200);
    expect(res.headers['content-security-policy']).to.contain("default-src 'none'").and.contain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).to.equal('DENY');
    expect(res.text).to.contain('<label for="email">Email address</label>').and.not.contain('<script');
  });
});
