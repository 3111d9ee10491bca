import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { CONTACT_CHOICE_LIMIT } from '../../../src/contacts/contact-choices.js';
import type { Database } from '../../../src/db/database.js';

/** An organisation with more active contacts than the dropdown shows; "Zebra Traders" sorts past them all. */
async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Big Book');
  await seedSalesSettings(db, org.id);
  const many = Array.from({ length: CONTACT_CHOICE_LIMIT + 5 }, (_, i) => {
    const name = `Customer ${String(i).padStart(4, '0')}`;
    return { organisation_id: org.id, id: randomUUID(), kind: 'company', name, name_key: name.toLowerCase(), is_customer: true };
  });
  for (let i = 0; i < many.length; i += 100) await db('contacts').insert(many.slice(i, i + 100));
  const zebra = await createContact(db, org.id, 'Zebra Traders', { email: 'accounts@zebra.example' });
  const other = await createTestOrganisation(db, 'Someone else');
  await createContact(db, other.id, 'Zebra Elsewhere');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  return { org, zebra, agent: signedIn.agent, csrf };
}

const forms = [
  { path: '/quotes/new', table: 'quotes', header: { expiryDate: '' } },
  { path: '/sales-orders/new', table: 'sales_orders', header: { projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' } },
] as const;

describeEachDialect('finding a contact on a quote or sales order form (no JavaScript)', (ctx) => {
  for (const form of forms) {
    it(`when an organisation has more contacts than the dropdown (${form.path}), then "Find contact" offers any of them, keeps what was typed, saves nothing until Save`, async () => {
      const { db } = ctx.current();
      const { org, zebra, agent, csrf } = await setup(db);
      const blank = await agent.get(form.path);
      expect(blank.status).to.equal(200);
      expect(blank.text).to.contain(`Showing the first ${CONTACT_CHOICE_LIMIT} contacts by name`);
      expect(blank.text).not.to.contain('Zebra Traders');
      expect(blank.text).to.match(/<label for="f-contactSearch">Find contact \(name or email\)<\/label>/);
      expect(blank.text).to.contain('<button type="submit" name="action" value="find-contact" class="secondary">Find contact</button>');

      const header = {
        _csrf: csrf,
        contactId: '',
        contactSearch: 'ZEBRA',
        number: '',
        issueDate: '2026-11-20',
        currency: 'AUD',
        lineAmountTypes: 'Exclusive',
        reference: 'Kept reference',
        notes: '',
        ...form.header,
      };
      const found = await agent
        .post(form.path)
        .type('form')
        .send(documentBody(header, [gstLine({ description: 'Typed line' })], { action: 'find-contact' }));
      expect(found.status).to.equal(200);
      // The only match is chosen for the user.
      expect(found.text).to.contain(`<option value="${zebra}" selected>Zebra Traders</option>`);
      expect(found.text).not.to.contain('Zebra Elsewhere');
      expect(found.text).not.to.contain('Customer 0001');
      expect(found.text).to.contain('1 contact matches &#34;ZEBRA&#34;.');
      expect(found.text).to.contain('value="Kept reference"');
      expect(found.text).to.contain('Typed line');
      expect(found.text).to.contain('value="ZEBRA"');
      expect(await countRows(db, form.table, org.id)).to.equal(0);

      const byEmail = await agent
        .post(form.path)
        .type('form')
        .send(documentBody({ ...header, contactSearch: 'accounts@zebra' }, [gstLine()], { action: 'find-contact' }));
      expect(byEmail.text).to.contain(`<option value="${zebra}" selected>Zebra Traders</option>`);
      const none = await agent
        .post(form.path)
        .type('form')
        .send(documentBody({ ...header, contactSearch: 'no such name' }, [gstLine()], { action: 'find-contact' }));
      expect(none.text).to.contain('No active contact&#39;s name or email contains &#34;no such name&#34;.');

      const saved = await agent
        .post(form.path)
        .type('form')
        .send(documentBody({ ...header, contactId: zebra }, [gstLine()], { action: 'save' }));
      expect(saved.status).to.equal(303);
      const row = await db(form.table).where({ organisation_id: org.id }).first();
      expect(row.contact_id).to.equal(zebra);
      expect(row.reference).to.equal('Kept reference');
    });
  }

  it('when a search matches more contacts than it offers, then the hint says to type more', async () => {
    const { db } = ctx.current();
    const { agent, csrf } = await setup(db);
    const header = {
      _csrf: csrf,
      contactId: '',
      contactSearch: 'customer',
      number: '',
      issueDate: '2026-11-20',
      expiryDate: '',
      currency: 'AUD',
      lineAmountTypes: 'Exclusive',
      reference: '',
      notes: '',
    };
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine()], { action: 'find-contact' }));
    expect(res.text).to.contain('Showing the first 50 contacts matching &#34;customer&#34;: type more to narrow it.');
    expect((res.text.match(/<option value="[0-9a-f-]{36}">Customer \d{4}<\/option>/g) ?? []).length).to.equal(50);
  });

  it('when a contact is already chosen, then a one-match search offers the match but keeps the choice', async () => {
    const { db } = ctx.current();
    const { org, zebra, agent, csrf } = await setup(db);
    const chosen = await createContact(db, org.id, 'Aardvark Supplies');
    const header = {
      _csrf: csrf,
      contactId: chosen,
      contactSearch: 'zebra',
      number: '',
      issueDate: '2026-11-20',
      expiryDate: '',
      currency: 'AUD',
      lineAmountTypes: 'Exclusive',
      reference: '',
      notes: '',
    };
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine()], { action: 'find-contact' }));
    expect(res.text).to.contain(`<option value="${chosen}" selected>Aardvark Supplies</option>`);
    expect(res.text).to.contain(`<option value="${zebra}">Zebra Traders</option>`);
  });

  it('when a project is given a customer from a large organisation, then "Find contact" works there too, and Save saves it', async () => {
    const { db } = ctx.current();
    const { org, zebra, agent, csrf } = await setup(db);
    const blank = await agent.get('/projects/new');
    expect(blank.text).to.contain('<button type="submit" name="action" value="find-contact" class="secondary">Find contact</button>');
    expect(blank.text).not.to.match(/id="f-contactSearch"[^>]*required/);
    const body = {
      _csrf: csrf,
      name: 'Warehouse fit-out',
      contactId: '',
      contactSearch: 'zebra',
      status: 'active',
      startDate: '',
      endDate: '',
      budget: '1,000.00',
      description: 'Kept description',
    };
    const found = await agent
      .post('/projects/new')
      .type('form')
      .send({ ...body, action: 'find-contact' });
    expect(found.status).to.equal(200);
    expect(found.text).to.contain(`<option value="${zebra}" selected>Zebra Traders</option>`);
    expect(found.text).to.contain('value="Warehouse fit-out"');
    expect(found.text).to.contain('Kept description');
    expect(await countRows(db, 'projects', org.id)).to.equal(0);
    const saved = await agent
      .post('/projects/new')
      .type('form')
      .send({ ...body, contactId: zebra, action: 'save' });
    expect(saved.status).to.equal(303);
    expect((await db('projects').where({ organisation_id: org.id }).first()).contact_id).to.equal(zebra);
  });
});
