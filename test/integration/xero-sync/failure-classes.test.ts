import { expect } from 'chai';
import nock from 'nock';
import { describeEachDialect } from '../../helpers/test-db.js';
import { API_PATH, syncFixture, XERO_API, type SyncFixture } from '../../helpers/xero-sync-fixture.js';
import { makeContact } from '../../helpers/sync-contacts.js';

const requester = { userId: null, name: 'Sam Sender' };
const XERO_ID = '0b7c1c3e-8a4b-4d7e-9c2a-1b2c3d4e5f61';
const backoff = { maxAttempts: 3, baseMs: 10_000, maxMs: 60_000 };

function lookups(name: string, times = 1) {
  const api = nock(XERO_API);
  api
    .get(`${API_PATH}/Contacts`)
    .query((q) => q.where === `Name=="${name}"`)
    .times(times)
    .reply(200, { Contacts: [] });
  api
    .get(`${API_PATH}/Contacts`)
    .query((q) => typeof q.searchTerm === 'string')
    .times(times)
    .reply(200, { Contacts: [] });
  return api;
}

async function enqueue(f: SyncFixture, contactId: string) {
  return (await f.engine.forOrganisation(f.tdb).enqueue({ recordKind: 'contact', recordId: contactId, recordLabel: 'x', requester })).operation;
}
const reload = (f: SyncFixture, id: string) => f.engine.forOrganisation(f.tdb).get(id);

describeEachDialect('Sending to Xero: each failure class', (ctx) => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it("when Xero answers 400 with validation errors, then the send fails at once with Xero's messages verbatim and the fields they name", async () => {
    const f = await syncFixture(ctx.current().db, { backoff });
    const id = await makeContact(f.tdb, { name: 'Bad Email Co', email: 'not-an-email' });
    nock(XERO_API).get(`${API_PATH}/Contacts`).query(true).times(2).reply(200, { Contacts: [] });
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [{ Name: 'Bad Email Co', ValidationErrors: [{ Message: 'Email address must be valid.' }] }],
      });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    const done = await reload(f, op.id);
    expect(done.status).to.equal('failed');
    expect(done.attempts).to.equal(1);
    expect(done.xeroMessages).to.deep.equal(['Email address must be valid.']);
    expect(done.advice).to.contain('Correct Email in Ledgerside');
  });

  it('when Xero answers 401, then the token is refreshed once and the call retried with the new token', async () => {
    const f = await syncFixture(ctx.current().db, { backoff });
    const id = await makeContact(f.tdb, { name: 'Refresh Co' });
    const auth: string[] = [];
    nock(XERO_API)
      .get(`${API_PATH}/Contacts`)
      .query((q) => q.where === 'Name=="Refresh Co"')
      .reply(function () {
        auth.push(String(this.req.headers.authorization));
        return [401, { Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired: token expired at 01/12/2026 10:00:00' }];
      });
    nock(XERO_API)
      .get(`${API_PATH}/Contacts`)
      .query((q) => q.where === 'Name=="Refresh Co"')
      .reply(function () {
        auth.push(String(this.req.headers.authorization));
        return [200, { Contacts: [] }];
      });
    nock(XERO_API)
      .get(`${API_PATH}/Contacts`)
      .query((q) => typeof q.searchTerm === 'string')
      .reply(200, { Contacts: [] });
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Refresh Co', ContactStatus: 'ACTIVE' }] });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    const done = await reload(f, op.id);
    expect(done.status, done.resultMessage ?? '').to.equal('done');
    expect(f.refreshes()).to.equal(1);
    expect(auth[0]).to.equal('Bearer access-0');
    expect(auth[1]).to.equal(`Bearer ${await f.accessToken()}`);
    expect(auth[1]).to.not.equal(auth[0]);
  });

  it('when Xero answers 403, then the organisation is marked disconnected and its send waits, held until reconnect', async () => {
    const f = await syncFixture(ctx.current().db, { backoff });
    const id = await makeContact(f.tdb, { name: 'Forbidden Co' });
    nock(XERO_API)
      .get(`${API_PATH}/Contacts`)
      .query(true)
      .reply(403, { Type: 'AuthenticationUnsuccessful', Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    const held = await reload(f, op.id);
    expect(held.status).to.equal('waiting');
    expect(held.advice).to.contain('Reconnect');
    expect((await f.db('organisations').where({ id: f.organisationId }).first()).status).to.equal('disconnected');
    f.clock.advance(3_600_000);
    expect(await f.engine.worker.drain(), 'nothing runs while disconnected').to.equal(0);
    // Reconnected: the held send goes ahead by itself.
    await f.db('organisations').where({ id: f.organisationId }).update({ status: 'connected' });
    await f.db('xero_connections').where({ organisation_id: f.organisationId }).update({ status: 'active' });
    lookups('Forbidden Co');
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Forbidden Co', ContactStatus: 'ACTIVE' }] });
    await f.engine.worker.drain();
    expect((await reload(f, op.id)).status).to.equal('done');
  });

  it('when Xero answers 429 with a long Retry-After, then the send waits until then and other organisations are not held', async () => {
    const f = await syncFixture(ctx.current().db, { backoff });
    const id = await makeContact(f.tdb, { name: 'Busy Co' });
    nock(XERO_API).get(`${API_PATH}/Contacts`).query(true).reply(429, '', { 'Retry-After': '3600', 'X-Rate-Limit-Problem': 'day' });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    const waiting = await reload(f, op.id);
    expect(waiting.status).to.equal('waiting');
    expect(waiting.nextRunAt?.getTime()).to.equal(f.clock.now + 3_600_000);
    expect(waiting.resultMessage).to.contain('It will be sent at');
    // Another organisation on the same app keeps sending meanwhile.
    const g = await syncFixture(f.db, { backoff });
    const elsewhere = await makeContact(g.tdb, { name: 'Elsewhere Co' });
    lookups('Elsewhere Co');
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: '1b7c1c3e-8a4b-4d7e-9c2a-1b2c3d4e5f62', Name: 'Elsewhere Co', ContactStatus: 'ACTIVE' }] });
    const opElsewhere = await enqueue(g, elsewhere);
    await g.engine.worker.drain();
    expect((await reload(g, opElsewhere.id)).status).to.equal('done');
    f.clock.advance(3_599_000);
    expect(await f.engine.worker.drain(), 'not before Retry-After').to.equal(0);
    f.clock.advance(1_000);
    lookups('Busy Co');
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Busy Co', ContactStatus: 'ACTIVE' }] });
    await f.engine.worker.drain();
    expect((await reload(f, op.id)).status).to.equal('done');
  });

  it('when Xero answers 429 with a short Retry-After, then the call waits it out and succeeds', async () => {
    const f = await syncFixture(ctx.current().db, { backoff });
    const id = await makeContact(f.tdb, { name: 'Short Wait Co' });
    nock(XERO_API).get(`${API_PATH}/Contacts`).query(true).reply(429, '', { 'Retry-After': '1', 'X-Rate-Limit-Problem': 'minute' });
    lookups('Short Wait Co');
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Short Wait Co', ContactStatus: 'ACTIVE' }] });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    expect((await reload(f, op.id)).status).to.equal('done');
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('when Xero answers 500, then the send waits with backoff and succeeds on the next attempt; after the last attempt it fails with the reason', async () => {
    const f = await syncFixture(ctx.current().db, { backoff });
    const id = await makeContact(f.tdb, { name: 'Flaky Co' });
    nock(XERO_API).get(`${API_PATH}/Contacts`).query(true).reply(500, { ErrorNumber: 500, Type: 'InternalServerError', Message: 'An error occurred in Xero.' });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    const waiting = await reload(f, op.id);
    expect(waiting.status).to.equal('waiting');
    // attempt 1, base 10 s, jitter 0.5 → 7.5 s
    expect(waiting.nextRunAt!.getTime() - f.clock.now).to.equal(7_500);
    f.clock.advance(7_500);
    lookups('Flaky Co');
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Flaky Co', ContactStatus: 'ACTIVE' }] });
    await f.engine.worker.drain();
    expect((await reload(f, op.id)).status).to.equal('done');

    const other = await makeContact(f.tdb, { name: 'Down Co' });
    const op2 = await enqueue(f, other);
    for (let i = 0; i < backoff.maxAttempts; i++) {
      nock(XERO_API).get(`${API_PATH}/Contacts`).query(true).reply(503, 'The Xero API is currently offline for maintenance');
      await f.engine.worker.drain();
      f.clock.advance(120_000);
    }
    const failed = await reload(f, op2.id);
    expect(failed.status).to.equal('failed');
    expect(failed.resultMessage).to.equal(
      'Gave up after 3 attempts: Xero answered with an error (503: The Xero API is currently offline for maintenance). Please try again.',
    );
  });

  it('when the create times out after Xero saved it, then the retry finds it by name and creates no second contact', async () => {
    const f = await syncFixture(ctx.current().db, { backoff, timeoutMs: 200 });
    const id = await makeContact(f.tdb, { name: 'Slow Co' });
    lookups('Slow Co');
    const puts = nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .delay(1_000)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Slow Co', ContactStatus: 'ACTIVE' }] });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    const waiting = await reload(f, op.id);
    expect(waiting.status).to.equal('waiting');
    expect(waiting.writeStartedAt).to.not.equal(null);
    expect(puts.isDone()).to.equal(true);
    f.clock.advance(60_000);
    // Xero has it now: the lookup by name finds it; no PUT interceptor is left.
    nock(XERO_API)
      .get(`${API_PATH}/Contacts`)
      .query((q) => q.where === 'Name=="Slow Co"')
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Slow Co', ContactStatus: 'ACTIVE' }] });
    await f.engine.worker.drain();
    const done = await reload(f, op.id);
    expect(done.status, done.resultMessage ?? '').to.equal('done');
    expect(done.outcome).to.equal('created');
    expect(done.xeroId).to.equal(XERO_ID);
    expect(nock.pendingMocks()).to.deep.equal([]);
  });
});
