import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { appOnSandbox, signInThroughApp } from '../../helpers/app-on-sandbox.js';
import { openDatabase } from '../../../src/db/database.js';
import { createLogger } from '../../../src/common/logger.js';
import { createXeroServices } from '../../../src/xero/xero-services.js';
import { organisationXeroStatus } from '../../../src/organisations/organisation-xero-status.js';
import { xeroIdentity, type XeroIdentity } from '../../../src/xero/xero-identity.js';
import { testConfig } from '../../helpers/test-app.js';
import { testRedirectUri } from '../../helpers/sandbox-harness.js';

const alice = { email: 'alice@example.com', firstName: 'Alice', lastName: 'Accountant', organisations: ['Demo Company (AU)'] };
const TWENTY_NINE_MINUTES = 29 * 60 * 1000;

describeEachDialect('Xero token refresh', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  async function signedIn() {
    const { db } = ctx.current();
    const wired = appOnSandbox(h, db);
    await signInThroughApp(request.agent(wired.app), h, alice);
    const org = await db('organisations').first();
    const grant = await db('xero_grants').first();
    return { ...wired, db, org: { id: org.id as string, xeroTenantId: org.xero_tenant_id as string, name: org.name as string }, grantId: grant.id as string };
  }

  it('when 20 requests need Xero as the access token is about to expire, then exactly one refresh happens and all 20 succeed', async () => {
    const s = await signedIn();
    const before = (await s.xero.tokenStore.find(s.grantId))!.tokenSet;
    h.clock.advance(TWENTY_NINE_MINUTES);
    s.advance(TWENTY_NINE_MINUTES);
    const results = await Promise.all(Array.from({ length: 20 }, () => s.xero.gateway.forOrganisation(s.org).getOrganisation()));
    expect(results.map((r) => r.name)).to.deep.equal(Array(20).fill('Demo Company (AU)'));
    expect(s.refreshCalls()).to.equal(1);
    const after = (await s.xero.tokenStore.find(s.grantId))!.tokenSet;
    expect(after.refresh_token).not.to.equal(before.refresh_token);
    expect(after.expires_at).to.be.greaterThan(before.expires_at);
  });

  it('when a second app process shares the database, then the two never refresh the same grant twice', async () => {
    const s = await signedIn();
    const { settings } = ctx.current();
    // A second process: its own pool, its own token service and in-process single flight.
    const otherDb = openDatabase(settings);
    try {
      const config = testConfig({
        XERO_CLIENT_ID: h.client.clientId,
        XERO_CLIENT_SECRET: h.client.clientSecret,
        XERO_REDIRECT_URI: testRedirectUri,
        XERO_ISSUER_URL: h.url,
        XERO_API_URL: h.apiBasePath,
      });
      let otherRefreshes = 0;
      const real = xeroIdentity(config.xero, { clockToleranceSeconds: 3600 });
      const counting: XeroIdentity = {
        ...real,
        refresh: async (t) => {
          otherRefreshes++;
          return real.refresh(t);
        },
      };
      const other = createXeroServices(config, otherDb, createLogger('silent'), {
        organisationStatus: organisationXeroStatus(otherDb),
        identity: counting,
        now: () => Date.now() + TWENTY_NINE_MINUTES,
      });
      h.clock.advance(TWENTY_NINE_MINUTES);
      s.advance(TWENTY_NINE_MINUTES);
      const both = await Promise.all([
        ...Array.from({ length: 10 }, () => s.xero.tokens.validTokenSet(s.grantId)),
        ...Array.from({ length: 10 }, () => other.tokens.validTokenSet(s.grantId)),
      ]);
      expect(s.refreshCalls() + otherRefreshes).to.equal(1);
      expect(new Set(both.map((t) => t.access_token)).size).to.equal(1);
      const gone = await other.gateway.forOrganisation(s.org).getOrganisation();
      expect(gone.name).to.equal('Demo Company (AU)');
    } finally {
      await otherDb.destroy();
    }
  });

  it("when a refresh response is lost, then the same refresh token is retried within Xero's grace and the rotated set is saved", async () => {
    const { db } = ctx.current();
    const s = await signedIn();
    const config = testConfig({
      XERO_CLIENT_ID: h.client.clientId,
      XERO_CLIENT_SECRET: h.client.clientSecret,
      XERO_REDIRECT_URI: testRedirectUri,
      XERO_ISSUER_URL: h.url,
      XERO_API_URL: h.apiBasePath,
    });
    const real = xeroIdentity(config.xero, { clockToleranceSeconds: 3600 });
    const usedTokens: string[] = [];
    let lost = false;
    const lossy: XeroIdentity = {
      ...real,
      async refresh(token) {
        usedTokens.push(token);
        const answer = await real.refresh(token);
        if (!lost) {
          lost = true;
          throw new Error('socket hang up');
        }
        return answer;
      },
    };
    const services = createXeroServices(config, db, createLogger('silent'), {
      organisationStatus: organisationXeroStatus(db),
      identity: lossy,
      now: () => Date.now() + TWENTY_NINE_MINUTES,
    });
    h.clock.advance(TWENTY_NINE_MINUTES);
    const fresh = await services.tokens.validTokenSet(s.grantId);
    expect(usedTokens).to.have.length(2);
    expect(usedTokens[0]).to.equal(usedTokens[1]);
    expect((await services.tokenStore.find(s.grantId))!.tokenSet.refresh_token).to.equal(fresh.refresh_token);
    const org = await services.gateway.forOrganisation(s.org).getOrganisation();
    expect(org.name).to.equal('Demo Company (AU)');
  });

  it('when Xero answers invalid_grant, then the grant needs re-consent, the organisation asks to reconnect, and no refresh loop follows', async () => {
    const s = await signedIn();
    const current = (await s.xero.tokenStore.find(s.grantId))!.tokenSet;
    // Revoked from elsewhere: the refresh token is dead.
    await fetch(`${h.url}/connect/revocation`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${h.client.clientId}:${h.client.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: current.refresh_token }).toString(),
    });
    h.clock.advance(TWENTY_NINE_MINUTES);
    s.advance(TWENTY_NINE_MINUTES);
    let first: unknown;
    try {
      await s.xero.gateway.forOrganisation(s.org).getOrganisation();
    } catch (error) {
      first = error;
    }
    expect(first).to.have.property('code').that.is.oneOf(['xero_reconsent_required', 'xero_not_connected']);
    expect((await s.db('xero_grants').first()).status).to.equal('needs_reconsent');
    expect((await s.db('organisations').first()).status).to.equal('needs_reconnect');
    const callsAfterFirst = s.refreshCalls();
    for (let i = 0; i < 3; i++)
      await s.xero.gateway
        .forOrganisation(s.org)
        .getOrganisation()
        .catch(() => undefined);
    expect(s.refreshCalls()).to.equal(callsAfterFirst);
    expect(callsAfterFirst).to.equal(1);
  });
});
