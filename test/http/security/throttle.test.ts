/**
 * Issue 17: sign-in and every POST are throttled per IP and per user (rate-limiter-flexible; counters
 * in the database on PostgreSQL, shared by every app process). A burst gets 429 with Retry-After and
 * a page saying how long to wait; another user is not affected.
 */
import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { loadConfig } from '../../../src/config.js';
import { TEST_SECRETS } from '../../helpers/test-app.js';

const SMALL_LIMITS = { THROTTLE: 'on', THROTTLE_POSTS_PER_USER: '5', THROTTLE_POSTS_PER_IP: '1000', THROTTLE_SIGN_IN_PER_IP: '3' };

describeEachDialect('throttling', (ctx) => {
  async function findCompany(signedIn: Awaited<ReturnType<typeof signedInAgent>>, csrf: string) {
    return signedIn.agent
      .post('/contacts')
      .type('form')
      .send({ _csrf: csrf, kind: 'person', first_name: 'Ana', company_search: 'Acme', action: 'find-company' });
  }

  it('when a user sends a burst of posts past their limit, then the next one is 429 with Retry-After and a clear page, and another user is not affected', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Throttle Co');
    const app = testApp(db, SMALL_LIMITS);
    const alice = await signedInAgent(app, db, [org]);
    const bob = await signedInAgent(app, db, [org]);
    const aliceCsrf = await alice.csrf();
    const bobCsrf = await bob.csrf();
    for (let i = 0; i < 5; i++) expect((await findCompany(alice, aliceCsrf)).status, `post ${i + 1}`).to.equal(200);
    const refused = await findCompany(alice, aliceCsrf);
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 600);
    expect(refused.text).to.contain('<h1>Too many requests</h1>');
    expect(refused.text).to.match(/Please wait \d+ (seconds?|minutes) and try again; this request was not carried out\./);
    // Pages still open for her; Bob (same address) can still post.
    expect((await alice.agent.get('/contacts')).status).to.equal(200);
    expect((await findCompany(bob, bobCsrf)).status).to.equal(200);
  });

  it('when sign-in is tried past its limit from one address, then the next attempt is 429 before anything else runs', async () => {
    const { db } = ctx.current();
    const app = testApp(db, SMALL_LIMITS);
    for (let i = 0; i < 3; i++) {
      const res = await request(app).get('/auth/xero/callback?code=x&state=y');
      expect(res.status, `attempt ${i + 1}`).to.not.equal(429);
    }
    const refused = await request(app).get('/auth/xero/callback?code=x&state=y');
    expect(refused.status).to.equal(429);
    expect(refused.headers['retry-after']).to.match(/^\d+$/);
  });

  {
    it('when two app processes share the PostgreSQL database, then they share the counters (the burst is refused across them)', async function () {
      const { db, dialect } = ctx.current();
      // On SQLite the one app process keeps its counters in memory.
      if (dialect !== 'pg') this.skip();
      const org = await createTestOrganisation(db, 'Two Processes');
      const first = testApp(db, SMALL_LIMITS);
      const second = testApp(db, SMALL_LIMITS);
      const onFirst = await signedInAgent(first, db, [org]);
      const csrf = await onFirst.csrf();
      const onSecond = { ...onFirst, agent: request.agent(second).set('Cookie', onFirst.cookie) };
      for (let i = 0; i < 3; i++) expect((await findCompany(onFirst, csrf)).status).to.equal(200);
      for (let i = 0; i < 2; i++) expect((await findCompany(onSecond, csrf)).status).to.equal(200);
      expect((await findCompany(onSecond, csrf)).status).to.equal(429);
      const rows = await db('request_throttles').select('key');
      expect(rows.map((r: { key: string }) => r.key)).to.include(`post-user:${onFirst.userId}`);
    });
  }
});

describe('throttle settings', () => {
  const base = { ...TEST_SECRETS, DATA_DIR: '/tmp/ledgerside-throttle-config' };
  it('when nothing is set, then the throttle is on outside tests with generous limits, and off under NODE_ENV=test', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).throttle).to.deep.equal({
      enabled: true,
      windowSeconds: 600,
      signInPerIp: 30,
      postsPerIp: 1200,
      postsPerUser: 600,
    });
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).throttle.enabled).to.equal(false);
  });

  it('when a limit is not a positive whole number, then the configuration is refused naming the setting', () => {
    expect(() => loadConfig({ ...base, THROTTLE_POSTS_PER_USER: '0' })).to.throw(/THROTTLE_POSTS_PER_USER must be 1 or more/);
  });
});
