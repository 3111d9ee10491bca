/**
 * The audit trail of the sync engine's work (issue 17): a send is an entry once Xero has answered for
 * good (sent, or not sent with the reason), by the user who asked for it; retries in between are not;
 * an organisation Xero reports disconnected is an entry once, by "Xero".
 */
import { expect } from 'chai';
import nock from 'nock';
import { describeEachDialect } from '../../helpers/test-db.js';
import { API_PATH, syncFixture, XERO_API, type SyncFixture } from '../../helpers/xero-sync-fixture.js';
import { makeContact } from '../../helpers/sync-contacts.js';
import { recordCompletedSends } from '../../../src/audit/index.js';
import { organisationXeroStatus } from '../../../src/organisations/index.js';

const XERO_ID = '0b7c1c3e-8a4b-4d7e-9c2a-1b2c3d4e5f71';
const backoff = { maxAttempts: 2, baseMs: 10_000, maxMs: 60_000 };

interface EntryRow {
  action: string;
  user_id: string | null;
  user_name: string;
  record_kind: string;
  record_id: string | null;
  path: string;
  detail: string | null;
}

const entries = async (f: SyncFixture): Promise<EntryRow[]> =>
  f
    .db('audit_entries')
    .where({ organisation_id: f.organisationId })
    .orderBy('at')
    .select('action', 'user_id', 'user_name', 'record_kind', 'record_id', 'path', 'detail');

async function enqueue(f: SyncFixture, contactId: string) {
  const requester = { userId: f.userId, name: 'Sam Sender' };
  return (await f.engine.forOrganisation(f.tdb).enqueue({ recordKind: 'contact', recordId: contactId, recordLabel: 'x', requester })).operation;
}

function noMatches() {
  nock(XERO_API).get(`${API_PATH}/Contacts`).query(true).times(2).reply(200, { Contacts: [] });
}

describeEachDialect('audit trail: what the sync engine finished', (ctx) => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('when a contact send is created in Xero, then one entry says sent to Xero by the requester with the outcome, on the contact', async () => {
    const f = await syncFixture(ctx.current().db, { backoff, onFinished: recordCompletedSends });
    const id = await makeContact(f.tdb, { name: 'Audit Co' });
    noMatches();
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Audit Co', ContactStatus: 'ACTIVE' }] });
    await enqueue(f, id);
    expect(await f.engine.worker.drain()).to.equal(1);
    expect(await entries(f)).to.deep.equal([
      {
        action: 'sent to Xero',
        user_id: f.userId,
        user_name: 'Sam Sender',
        record_kind: 'contacts',
        record_id: id,
        path: `/contacts/${id}`,
        detail: 'Created in Xero.',
      },
    ]);
  });

  it("when Xero refuses a send, then the entry says not sent to Xero with Xero's message", async () => {
    const f = await syncFixture(ctx.current().db, { backoff, onFinished: recordCompletedSends });
    const id = await makeContact(f.tdb, { name: 'Bad Email Co', email: 'not-an-email' });
    noMatches();
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [{ Name: 'Bad Email Co', ValidationErrors: [{ Message: 'Email address must be valid.' }] }],
      });
    await enqueue(f, id);
    await f.engine.worker.drain();
    const [entry, ...more] = await entries(f);
    expect(more).to.deep.equal([]);
    expect(entry).to.include({ action: 'not sent to Xero', user_id: f.userId, record_kind: 'contacts', record_id: id });
    expect(entry?.detail).to.contain('Email address must be valid.');
  });

  it('when a send is retried after a 500, then nothing is recorded until it finishes, and then one entry', async () => {
    const f = await syncFixture(ctx.current().db, { backoff, onFinished: recordCompletedSends });
    const id = await makeContact(f.tdb, { name: 'Flaky Co' });
    noMatches();
    nock(XERO_API).put(`${API_PATH}/Contacts`).query(true).reply(500, { Message: 'An error occurred' });
    await enqueue(f, id);
    await f.engine.worker.drain();
    expect(await entries(f), 'a retry waiting is not an outcome').to.deep.equal([]);
    f.clock.advance(60_000);
    noMatches();
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Flaky Co', ContactStatus: 'ACTIVE' }] });
    await f.engine.worker.drain();
    expect((await entries(f)).map((e) => `${e.action}: ${e.detail ?? ''}`)).to.deep.equal(['sent to Xero: Created in Xero.']);
  });

  it('when the audit sink fails, then the send is still saved as done', async () => {
    const f = await syncFixture(ctx.current().db, { backoff, onFinished: () => Promise.reject(new Error('audit table gone')) });
    const id = await makeContact(f.tdb, { name: 'Sturdy Co' });
    noMatches();
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Sturdy Co', ContactStatus: 'ACTIVE' }] });
    const op = await enqueue(f, id);
    await f.engine.worker.drain();
    expect((await f.engine.forOrganisation(f.tdb).get(op.id)).status).to.equal('done');
  });

  it('when Xero answers 403 (the connection removed in Xero), then the organisation is disconnected and that is one entry by Xero, however often it is reported', async () => {
    const f = await syncFixture(ctx.current().db, { backoff, onFinished: recordCompletedSends });
    const id = await makeContact(f.tdb, { name: 'Forbidden Co' });
    nock(XERO_API)
      .get(`${API_PATH}/Contacts`)
      .query(true)
      .reply(403, { Type: 'AuthenticationUnsuccessful', Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' });
    await enqueue(f, id);
    await f.engine.worker.drain();
    await organisationXeroStatus(f.db).disconnected(f.organisationId, 'reported again');
    const rows = await entries(f);
    expect(rows.map((e) => [e.action, e.user_id, e.user_name, e.record_kind, e.record_id, e.path])).to.deep.equal([
      ['disconnected', null, 'Xero', 'organisations', f.organisationId, '/organisations'],
    ]);
    expect(rows[0]?.detail).to.match(/^Xero answered that the organisation is no longer connected: /);
    expect((await f.db('organisations').where({ id: f.organisationId }).first()).last_xero_error).to.equal('reported again');
  });
});
