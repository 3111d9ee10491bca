/**
 * The webhook receiver through the whole app (both dialects): signature before anything else, body
 * limit, events stored once, intent-to-receive, no session, and the worker's ignored reasons.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/common/logger.js';
import type { Database } from '../../../src/db/database.js';
import { createXeroWebhooks, signXeroWebhook, type WebhookHandler, type XeroWebhooks } from '../../../src/xero-webhooks/index.js';
import { salesInvoiceEventHandler } from '../../../src/xero-invoices/index.js';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testConfig } from '../../helpers/test-app.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';

const KEY = 'receiver-test-webhook-key';
const LIMIT = 16 * 1024;

interface Harness {
  app: Express;
  webhooks: XeroWebhooks;
  handled: string[];
}

/** The app with its receiver built from the given handlers (default: a CONTACT handler that records what it saw). */
function harness(db: Database, handlers?: WebhookHandler[]): Harness {
  const handled: string[] = [];
  const recording: WebhookHandler = {
    category: 'CONTACT',
    handle({ event, organisation }) {
      handled.push(`${organisation.id}:${event.resourceId}`);
      return Promise.resolve({ outcome: 'handled', reason: 'recorded by the test handler' });
    },
  };
  const logger = createLogger('silent');
  const webhooks = createXeroWebhooks({
    db,
    logger,
    key: KEY,
    limitBytes: LIMIT,
    handlers: handlers ?? [
      recording,
      salesInvoiceEventHandler({
        gatewayFor: () => {
          throw new Error('no Xero call expected');
        },
      }),
    ],
  });
  const config = testConfig({ XERO_WEBHOOK_KEY: KEY });
  const app = createApp({ config, db, logger, sessionCleanupIntervalMs: 0, xeroWebhooks: webhooks, refreshXeroSettingsOnConnect: false });
  return { app, webhooks, handled };
}

function event(tenantId: string, category = 'CONTACT', resourceId: string = randomUUID()) {
  return {
    resourceUrl: `https://api.xero.com/api.xro/2.0/${category === 'INVOICE' ? 'Invoices' : 'Contacts'}/${resourceId}`,
    resourceId,
    tenantId,
    tenantType: 'ORGANISATION',
    eventCategory: category,
    eventType: 'UPDATE',
    eventDateUtc: '2026-12-01T09:30:12.345',
  };
}

function delivery(events: object[]): string {
  return JSON.stringify({ events, firstEventSequence: 1, lastEventSequence: events.length, entropy: 'ABCDEFGHIJKLMNOPQRST' });
}

function post(app: Express, body: string, signature = signXeroWebhook(KEY, body)) {
  return request(app).post('/webhooks/xero').set('Content-Type', 'application/json').set('x-xero-signature', signature).send(body);
}

const count = async (db: Database): Promise<number> => Number((await db('xero_webhook_events').count({ n: '*' }).first())?.n ?? 0);

describeEachDialect('xero webhooks: the receiver', (t) => {
  it('when a delivery is signed with the webhook key, then it answers 200 with an empty body, sets no cookie and stores the event pending', async () => {
    const { db } = t.current();
    const h = harness(db);
    const org = await createTestOrganisation(db);
    const e = event(org.xeroTenantId);
    const res = await post(h.app, delivery([e]));
    expect(res.status).to.equal(200);
    expect(res.text).to.equal('');
    expect(res.headers['set-cookie']).to.equal(undefined);
    const [stored] = await h.webhooks.events.recent();
    expect(stored).to.include({
      xeroTenantId: org.xeroTenantId,
      category: 'CONTACT',
      type: 'UPDATE',
      resourceId: e.resourceId,
      eventDateUtc: e.eventDateUtc,
      status: 'pending',
      resourceUrl: e.resourceUrl,
    });
    expect(await count(db)).to.equal(1);
    expect(await db('sessions').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('when the signature is wrong, missing or made with another key, then it answers 401 with an empty body and stores nothing', async () => {
    const { db } = t.current();
    const h = harness(db);
    const org = await createTestOrganisation(db);
    const body = delivery([event(org.xeroTenantId)]);
    for (const signature of [signXeroWebhook('another-key', body), '', 'not base64 at all', signXeroWebhook(KEY, `${body} `)]) {
      const res = await post(h.app, body, signature);
      expect(res.status, signature).to.equal(401);
      expect(res.text).to.equal('');
      expect(res.headers['set-cookie']).to.equal(undefined);
    }
    const unsigned = await request(h.app).post('/webhooks/xero').set('Content-Type', 'application/json').send(body);
    expect(unsigned.status).to.equal(401);
    expect(await count(db)).to.equal(0);
  });

  it('when the body is larger than the limit, then it answers 413 with an empty body and stores nothing, even if signed', async () => {
    const { db } = t.current();
    const h = harness(db);
    const org = await createTestOrganisation(db);
    const events = Array.from({ length: 200 }, () => event(org.xeroTenantId));
    const body = delivery(events);
    expect(body.length).to.be.greaterThan(LIMIT);
    const res = await post(h.app, body);
    expect(res.status).to.equal(413);
    expect(res.text).to.equal('');
    expect(await count(db)).to.equal(0);
  });

  it('when Xero checks intent to receive (no events), then a signed check gets 200 with an empty body and a wrongly signed one 401', async () => {
    const { db } = t.current();
    const h = harness(db);
    const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'QWERTYUIOPASDFGHJKLZ' });
    const good = await post(h.app, body);
    expect([good.status, good.text]).to.deep.equal([200, '']);
    const bad = await post(h.app, body, signXeroWebhook('wrong-key', body));
    expect([bad.status, bad.text]).to.deep.equal([401, '']);
    expect(await count(db)).to.equal(0);
  });

  it('when the same event is delivered twice (a replay), then it is stored once and handled once', async () => {
    const { db } = t.current();
    const h = harness(db);
    const org = await createTestOrganisation(db);
    const body = delivery([event(org.xeroTenantId)]);
    expect((await post(h.app, body)).status).to.equal(200);
    // Xero re-delivers with another entropy and sequence: the event itself is the same.
    const again = JSON.parse(body) as { entropy: string };
    again.entropy = 'ZZZZZZZZZZZZZZZZZZZZ';
    expect((await post(h.app, JSON.stringify(again))).status).to.equal(200);
    expect(await count(db)).to.equal(1);
    expect(await h.webhooks.worker.drain()).to.equal(1);
    expect((await post(h.app, body)).status).to.equal(200);
    expect(await h.webhooks.worker.drain()).to.equal(0);
    expect(h.handled).to.have.length(1);
    const [stored] = await h.webhooks.events.recent();
    expect(stored).to.include({ status: 'handled', reason: 'recorded by the test handler', organisationId: org.id, attempts: 1 });
  });

  it('when events come for an unknown tenant, a disconnected organisation or a category with no handler, then each is recorded as ignored with the reason', async () => {
    const { db } = t.current();
    const h = harness(db);
    const org = await createTestOrganisation(db, 'Connected Co');
    const gone = await createTestOrganisation(db, 'Gone Co', 'disconnected');
    const unknownTenant = randomUUID();
    const events = [event(unknownTenant), event(gone.xeroTenantId), event(org.xeroTenantId, 'CREDITNOTE'), event(org.xeroTenantId, 'INVOICE')];
    expect((await post(h.app, delivery(events))).status).to.equal(200);
    expect(await h.webhooks.worker.drain()).to.equal(4);
    const byResource = new Map((await h.webhooks.events.recent()).map((e) => [e.resourceId, e]));
    expect(byResource.get(events[0]!.resourceId)).to.include({ status: 'ignored', reason: 'organisation not connected to Ledgerside', organisationId: null });
    expect(byResource.get(events[1]!.resourceId)).to.include({
      status: 'ignored',
      reason: 'organisation Gone Co is not connected (disconnected)',
      organisationId: gone.id,
    });
    expect(byResource.get(events[2]!.resourceId)).to.include({ status: 'ignored', reason: 'no handler for CREDITNOTE events yet', organisationId: org.id });
    expect(byResource.get(events[3]!.resourceId)).to.include({ status: 'ignored', reason: 'not an invoice Ledgerside sent', organisationId: org.id });
    expect(h.handled).to.deep.equal([]);
  });

  it('when a handler fails, then the event is retried later and recorded as failed with the reason after the last attempt', async () => {
    const { db } = t.current();
    let clock = Date.now();
    const logger = createLogger('silent');
    const failing: WebhookHandler = { category: 'CONTACT', handle: () => Promise.reject(new Error('Xero answered 503')) };
    const webhooks = createXeroWebhooks({ db, logger, key: KEY, handlers: [failing], maxAttempts: 2, retryBaseMs: 1_000, now: () => new Date(clock) });
    const org = await createTestOrganisation(db);
    const app = createApp({
      config: testConfig({ XERO_WEBHOOK_KEY: KEY }),
      db,
      logger,
      sessionCleanupIntervalMs: 0,
      xeroWebhooks: webhooks,
      refreshXeroSettingsOnConnect: false,
    });
    expect((await post(app, delivery([event(org.xeroTenantId)]))).status).to.equal(200);
    expect(await webhooks.worker.drain()).to.equal(1);
    let [stored] = await webhooks.events.recent();
    expect(stored).to.include({ status: 'pending', reason: 'Xero answered 503; trying again', attempts: 1 });
    expect(await webhooks.worker.drain()).to.equal(0);
    clock += 1_000;
    expect(await webhooks.worker.drain()).to.equal(1);
    [stored] = await webhooks.events.recent();
    expect(stored).to.include({ status: 'failed', reason: 'Xero answered 503 (after 2 attempts)', attempts: 2 });
  });

  it('when a delivery that is not even JSON carries a wrong signature, then it answers 401, not 400: the signature is checked before the body is parsed', async () => {
    const { db } = t.current();
    const h = harness(db);
    const res = await post(h.app, 'not json {', signXeroWebhook('another-key', 'not json {'));
    expect([res.status, res.text]).to.deep.equal([401, '']);
    expect(res.headers['set-cookie']).to.equal(undefined);
    expect(await count(db)).to.equal(0);
  });

  it('when the app is built with its default receiver and a body past 256 KB arrives, signed or not, then it answers 413, stores nothing and creates no session', async () => {
    const { db } = t.current();
    const config = testConfig({ XERO_WEBHOOK_KEY: KEY });
    const app = createApp({ config, db, logger: createLogger('silent'), sessionCleanupIntervalMs: 0, refreshXeroSettingsOnConnect: false });
    const org = await createTestOrganisation(db);
    const body = delivery(Array.from({ length: 1_200 }, () => event(org.xeroTenantId)));
    expect(body.length).to.be.greaterThan(256 * 1024);
    for (const signature of [signXeroWebhook(KEY, body), 'wrong']) {
      const res = await post(app, body, signature);
      expect([res.status, res.text]).to.deep.equal([413, '']);
      expect(res.headers['set-cookie']).to.equal(undefined);
    }
    // Just under the limit is read, checked and stored: the limit is the receiver's, not a global one.
    const fits = delivery(Array.from({ length: 50 }, () => event(org.xeroTenantId)));
    expect((await post(app, fits)).status).to.equal(200);
    expect(await count(db)).to.equal(50);
    expect(Number((await db('sessions').count({ n: '*' }).first())?.n ?? 0)).to.equal(0);
  });

  it("when a signed delivery is not in Xero's shape, then it answers 400 with an empty body and stores nothing", async () => {
    const { db } = t.current();
    const h = harness(db);
    for (const body of ['not json', JSON.stringify({ events: [{ resourceId: 'x' }] })]) {
      const res = await post(h.app, body);
      expect([res.status, res.text]).to.deep.equal([400, '']);
    }
    expect(await count(db)).to.equal(0);
  });
});
