import { expect } from 'chai';
import request from 'supertest';
import express from 'express';
import path from 'node:path';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp, testConfig } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/common/logger.js';
import { AppError } from '../../../src/common/errors.js';
import type { Database } from '../../../src/db/database.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { setSignedIn } from '../../../src/http/request-context.js';
import { xeroSettingsRoutes } from '../../../src/xero-settings/index.js';
import type { Organisation } from '../../../src/common/tenancy.js';
import { nzSettings, type InMemoryXeroSettingsSource } from '../../integration/xero-settings/in-memory-xero-settings-source.js';
import { expectCsrfRefused } from '../../helpers/refusals.js';

function appWithSources(db: Database, sources: Map<string, InMemoryXeroSettingsSource>) {
  return createApp({
    config: testConfig(),
    db,
    logger: createLogger('silent'),
    sessionCleanupIntervalMs: 0,
    xeroSettingsSourceFor: (organisation: Organisation) => {
      const source = sources.get(organisation.id);
      if (!source) throw new Error(`no test source for ${organisation.id}`);
      return source;
    },
  });
}

let flashed: unknown[] = [];

/**
 * createApp always wires the gateway adapter, so the "no source" branch is exercised on the router
 * alone, behind a stand-in for the request context (signed-in member of `organisationId`).
 */
function routerOnly(db: Database, organisationId: string) {
  flashed = [];
  const app = express();
  app.set('views', path.resolve('views'));
  app.set('view engine', 'ejs');
  app.use((req, res, next) => {
    const organisation: Organisation = {
      id: organisationId,
      xeroTenantId: 'tenant',
      name: 'Solo Ltd',
      shortCode: null,
      baseCurrency: 'NZD',
      countryCode: 'NZ',
      status: 'connected',
      lastXeroSuccessAt: null,
    };
    const user = { id: 'user', xeroUserId: 'xero-user', email: 'test@example.com', firstName: 'Test', lastName: '' };
    Object.assign(req, {
      session: {
        get flash() {
          return flashed;
        },
        set flash(v: unknown[]) {
          flashed = v;
        },
      },
    });
    Object.assign(res.locals, { csrfToken: 't', flash: [] });
    setSignedIn(res, { user, organisations: [organisation], context: { user, organisation, role: 'member', tdb: tenantDb(db, organisationId) } }, 'Test');
    next();
  });
  app.use(xeroSettingsRoutes({ sourceFor: undefined }));
  return app;
}

describeEachDialect('xero settings routes', (ctx) => {
  it('when a visitor opens the Xero settings page, then they are sent to sign in', async () => {
    const res = await request(testApp(ctx.current().db)).get('/settings/xero');
    expect(res.status).to.equal(303);
  });

  it('when no Xero source is configured, then the page says refreshing is unavailable and a refresh writes nothing', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const app = routerOnly(db, org.id);
    const page = await request(app).get('/settings/xero');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Refreshing from Xero is not available here').and.not.contain('Refresh from Xero</button>');
    const res = await request(app).post('/settings/xero/refresh');
    expect(res.status).to.equal(303);
    expect(flashed).to.deep.equal([{ kind: 'error', text: 'Refreshing from Xero is not available: this Ledgerside has no Xero connection configured.' }]);
    expect(await db('xero_settings_sync').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('when a member refreshes, then the cache fills for their organisation only and the page shows sizes and times', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const other = await createTestOrganisation(db);
    const source = nzSettings();
    const app = appWithSources(
      db,
      new Map([
        [org.id, source],
        [other.id, nzSettings()],
      ]),
    );
    const signedIn = await signedInAgent(app, db, [org]);
    const before = await signedIn.agent.get('/settings/xero');
    expect(before.text).to.contain('Nothing has been fetched from Xero yet').and.contain('action="/settings/xero/refresh"').and.contain('name="_csrf"');
    const res = await signedIn.agent
      .post('/settings/xero/refresh')
      .type('form')
      .send({ _csrf: await signedIn.csrf() });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/settings/xero');
    const after = await signedIn.agent.get('/settings/xero');
    expect(after.text)
      .to.contain('Refreshed from Xero: 6 accounts')
      .and.match(/<td>Currencies<\/td><td class="num">2<\/td>/);
    expect(after.text).not.to.contain('Never');
    expect(await db('xero_currencies').where({ organisation_id: other.id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('when "fetch everything again" is ticked, then accounts are fetched without If-Modified-Since', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const source = nzSettings();
    const signedIn = await signedInAgent(appWithSources(db, new Map([[org.id, source]])), db, [org]);
    const csrf = await signedIn.csrf();
    await signedIn.agent.post('/settings/xero/refresh').type('form').send({ _csrf: csrf });
    await signedIn.agent.post('/settings/xero/refresh').type('form').send({ _csrf: csrf });
    await signedIn.agent.post('/settings/xero/refresh').type('form').send({ _csrf: csrf, full: '1' });
    expect(source.calls.filter((c) => c.method === 'accounts').map((c) => c.ifModifiedSince !== undefined)).to.deep.equal([false, true, false]);
  });

  it('when Xero refuses the refresh, then the user sees why and the cache is unchanged', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const failing = nzSettings();
    failing.currencies = async () => {
      throw new AppError('xero_unauthorised', 401, 'Xero needs you to reconnect.');
    };
    const signedIn = await signedInAgent(appWithSources(db, new Map([[org.id, failing]])), db, [org]);
    const res = await signedIn.agent
      .post('/settings/xero/refresh')
      .type('form')
      .send({ _csrf: await signedIn.csrf() });
    expect(res.status).to.equal(303);
    expect((await signedIn.agent.get('/settings/xero')).text).to.contain('Could not refresh from Xero: Xero needs you to reconnect.');
    expect(await db('xero_accounts').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('when a member opens the dashboard, then a card links to the Xero settings page', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    expect((await signedIn.agent.get('/dashboard')).text).to.contain('href="/settings/xero"');
  });

  it('when a refresh is posted without a CSRF token, then it is refused', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const source = nzSettings();
    const signedIn = await signedInAgent(appWithSources(db, new Map([[org.id, source]])), db, [org]);
    expectCsrfRefused(await signedIn.agent.post('/settings/xero/refresh').type('form').send({}));
    expect(source.calls).to.deep.equal([]);
  });
});
