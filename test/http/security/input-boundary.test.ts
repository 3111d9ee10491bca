/**
 * Issue 17, defect 3: control characters (a NUL above all, which PostgreSQL refuses with a 500) are
 * stripped at the input boundary, the same on both dialects, in form bodies and query strings; a
 * record id that is not a UUID is a 404 before any query; bidi controls are refused in names and
 * references with a message next to the field.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Boundary Builders');
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  return { org, contactId, agent: signedIn.agent, csrf: await signedIn.csrf() };
}

const quoteHeader = (csrf: string, contactId: string, reference: string) => ({
  _csrf: csrf,
  contactId,
  number: '',
  issueDate: '2026-11-20',
  expiryDate: '',
  currency: 'AUD',
  lineAmountTypes: 'Exclusive',
  reference,
  notes: '',
});

describeEachDialect('input boundary: control characters, ids and bidi controls', (ctx) => {
  it('when a contact name and notes hold NUL and other control characters, then they are saved without them (no 500 on either dialect)', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf } = await setup(db);
    const res = await agent
      .post('/contacts')
      .type('form')
      .send({ _csrf: csrf, kind: 'company', name: 'Nul\u0000 Industries\u0007', notes: 'line one\u0000\nline two\u001b', action: 'save' });
    expect(res.status).to.equal(303);
    const row = await db('contacts').where({ organisation_id: org.id, name: 'Nul Industries' }).first();
    expect(row, 'saved with the control characters stripped').to.not.equal(undefined);
    expect(row.notes).to.equal('line one\nline two');
  });

  it('when "Find company" is pressed with a NUL in the search box, then the form comes back (200) with the search cleaned', async () => {
    const { agent, csrf } = await setup(ctx.current().db);
    const res = await agent
      .post('/contacts')
      .type('form')
      .send({ _csrf: csrf, kind: 'person', first_name: 'Ana', company_search: 'Blue\u0000bird', action: 'find-company' });
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('value="Bluebird"');
  });

  it('when a quote reference holds a NUL, then the quote is saved with the reference cleaned', async () => {
    const { db } = ctx.current();
    const { org, contactId, agent, csrf } = await setup(db);
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(quoteHeader(csrf, contactId, 'Kitchen\u0000 refit'), [gstLine()], { action: 'save' }));
    expect(res.status).to.equal(303);
    expect((await db('quotes').where({ organisation_id: org.id }).first()).reference).to.equal('Kitchen refit');
  });

  for (const list of ['/contacts', '/products', '/quotes', '/sales-orders', '/purchase-orders', '/projects', '/sync-log']) {
    it(`when ${list} is searched with ?q=%00, then the list answers 200`, async () => {
      const { agent } = await setup(ctx.current().db);
      const res = await agent.get(`${list}?q=%00abc%00`);
      expect(res.status).to.equal(200);
    });
  }

  it('when a record id is %00 or not a UUID, then every record route answers 404 without querying the record tables', async () => {
    const { db } = ctx.current();
    const { agent } = await setup(db);
    const queried: string[] = [];
    const listener = (query: { sql: string }) => queried.push(query.sql);
    db.on('query', listener);
    try {
      for (const base of ['/contacts', '/products', '/quotes', '/sales-orders', '/purchase-orders', '/projects', '/sync-log', '/import/xero/runs']) {
        for (const id of ['%00', 'not-a-uuid', '1%20or%201=1']) {
          const res = await agent.get(`${base}/${id}`);
          expect(res.status, `${base}/${id}`).to.equal(404);
        }
      }
    } finally {
      db.removeListener('query', listener);
    }
    const recordQueries = queried.filter((sql) =>
      /\b(contacts|products|quotes|sales_orders|purchase_orders|projects|xero_sync_operations|xero_import_runs)\b/.test(sql),
    );
    expect(recordQueries).to.deep.equal([]);
  });

  it('when a contact name holds a right-to-left override, then the form comes back with the message next to the name and nothing is saved', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf } = await setup(db);
    const res = await agent.post('/contacts').type('form').send({ _csrf: csrf, kind: 'company', name: 'Acme \u202Egnp.exe', action: 'save' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Name can&#39;t contain right-to-left override or other text-direction control characters.');
    expect(await db('contacts').where({ organisation_id: org.id }).whereLike('name', 'Acme%')).to.have.length(0);
  });

  it('when a quote reference holds a bidi isolate, then the quote form comes back with the message next to the reference', async () => {
    const { db } = ctx.current();
    const { org, contactId, agent, csrf } = await setup(db);
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(quoteHeader(csrf, contactId, 'PO \u2067123\u2069'), [gstLine()], { action: 'save' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Reference can&#39;t contain right-to-left override');
    expect(await db('quotes').where({ organisation_id: org.id })).to.have.length(0);
  });
});
