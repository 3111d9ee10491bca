/**
 * The audit trail (issue 17): every change made through a form is recorded with who and when, per
 * organisation, and listed newest first on /audit with filters and a record's history.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { auditedChange } from '../../../src/audit/index.js';

const ID = '0b5c3d7e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

describe('audited changes (unit)', () => {
  const cases: Array<[string, string, ReturnType<typeof auditedChange>]> = [
    ['/contacts', `/contacts/${ID}`, { action: 'created', recordKind: 'contacts', recordId: ID }],
    ['/quotes/new', `/quotes/${ID}`, { action: 'created', recordKind: 'quotes', recordId: ID }],
    [`/quotes/${ID}/edit`, `/quotes/${ID}`, { action: 'changed', recordKind: 'quotes', recordId: ID }],
    [`/contacts/${ID}/archive`, `/contacts/${ID}`, { action: 'archived', recordKind: 'contacts', recordId: ID }],
    [`/purchase-orders/${ID}/delete`, '/purchase-orders', { action: 'deleted', recordKind: 'purchase-orders', recordId: ID }],
    [`/contacts/${ID}/send-to-xero`, `/contacts/${ID}`, { action: 'asked to send to Xero', recordKind: 'contacts', recordId: ID }],
    [`/contacts/${ID}/notes`, `/contacts/${ID}#notes`, { action: 'added a note', recordKind: 'contacts', recordId: ID }],
    ['/contacts', '/contacts', null],
    ['/organisations/switch', '/dashboard', null],
    ['/sync-log/x/retry', '/sync-log', null],
  ];
  for (const [path, location, expected] of cases) {
    it(`when POST ${path} redirects to ${location}, then the entry is ${JSON.stringify(expected)}`, () => {
      expect(auditedChange(path, location)).to.deep.equal(expected);
    });
  }
});

describeEachDialect('audit trail', (ctx) => {
  it('when a user creates, edits and archives a contact and creates a quote, then /audit lists each with who and what, newest first, and filters by record', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Audited Ltd');
    await seedSalesSettings(db, org.id);
    const app = testApp(db);
    const signedIn = await signedInAgent(app, db, [org], { role: 'admin' });
    const csrf = await signedIn.csrf();
    const { agent } = signedIn;

    const created = await agent.post('/contacts').type('form').send({ _csrf: csrf, kind: 'company', name: 'Kestrel Kitchens', action: 'save' });
    expect(created.status).to.equal(303);
    const contactId = String(created.headers.location).split('/').pop() ?? '';
    const edited = await agent.post(`/contacts/${contactId}`).type('form').send({ _csrf: csrf, kind: 'company', name: 'Kestrel Kitchens Ltd', action: 'save' });
    expect(edited.status).to.equal(303);
    const archived = await agent.post(`/contacts/${contactId}/archive`).type('form').send({ _csrf: csrf });
    expect(archived.status).to.equal(303);
    const customer = await createContact(db, org.id, 'Bluebird Cafe');
    const quote = await agent
      .post('/quotes/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrf,
            contactId: customer,
            number: '',
            issueDate: '2026-11-20',
            expiryDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: '',
            notes: '',
          },
          [gstLine()],
          { action: 'save' },
        ),
      );
    expect(quote.status).to.equal(303);
    // A refused form writes no entry.
    const refused = await agent.post('/contacts').type('form').send({ _csrf: csrf, kind: 'company', name: '', action: 'save' });
    expect(refused.status).to.equal(422);

    const rows = await db('audit_entries').where({ organisation_id: org.id }).orderBy('at');
    expect(rows.map((r: { action: string; record_kind: string }) => `${r.action} ${r.record_kind}`)).to.deep.equal([
      'created contacts',
      'changed contacts',
      'archived contacts',
      'created quotes',
    ]);
    expect(rows.every((r: { user_id: string; user_name: string }) => r.user_id === signedIn.userId && r.user_name === 'Test User')).to.equal(true);

    const page = await agent.get('/audit');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('<h1>Audit trail</h1>');
    expect(page.text.indexOf('created</td>')).to.be.greaterThan(-1);
    expect(page.text.indexOf('quotes')).to.be.lessThan(page.text.indexOf('archived</td>'));
    const history = await agent.get(`/audit?record=${contactId}`);
    expect(history.text.match(/<td>Test User<\/td>/g)).to.have.length(3);
    const byKind = await agent.get('/audit?kind=quotes');
    expect(byKind.text.match(/<td>Test User<\/td>/g)).to.have.length(1);

    // Another organisation's admin sees none of it, not even by asking for the record.
    const other = await createTestOrganisation(db, 'Elsewhere');
    const outsider = await signedInAgent(app, db, [other], { role: 'admin' });
    const theirs = await outsider.agent.get('/audit');
    expect(theirs.status).to.equal(200);
    expect(theirs.text).to.contain('Nothing has been recorded yet');
    const probe = await outsider.agent.get(`/audit?record=${contactId}`);
    expect(probe.status).to.equal(200);
    expect(probe.text).to.contain('Nothing matches these filters');
    expect(probe.text).not.to.contain('<td>created</td>');
  });

  it('when a member who is not an admin opens /audit, then it is a 403 page naming the admins, with no entries and no link in the menu; the admin sees the trail and the link', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Guarded Ltd');
    const app = testApp(db);
    const admin = await signedInAgent(app, db, [org], { role: 'admin', firstName: 'Ada', lastName: 'Admin' });
    const member = await signedInAgent(app, db, [org], { firstName: 'Mo', lastName: 'Member' });
    const created = await member.agent
      .post('/contacts')
      .type('form')
      .send({ _csrf: await member.csrf(), kind: 'company', name: 'Secret Supplies', action: 'save' });
    expect(created.status).to.equal(303);

    const refused = await member.agent.get('/audit');
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('The audit trail is for admins');
    expect(refused.text).to.contain('Its admin is Ada Admin.');
    expect(refused.text).not.to.contain('<td>Mo Member</td>');
    for (const path of ['/audit?kind=contacts', '/audit?page=2']) expect((await member.agent.get(path)).status, path).to.equal(403);
    expect((await member.agent.get('/dashboard')).text).not.to.contain('href="/audit"');

    const allowed = await admin.agent.get('/audit');
    expect(allowed.status).to.equal(200);
    expect(allowed.text).to.contain('<td>Mo Member</td>');
    expect((await admin.agent.get('/dashboard')).text).to.contain('href="/audit"');
  });
});
