/**
 * A contact's page lists its records inline: the latest few quotes, sales orders and projects (and
 * purchase orders for a supplier) with status and amount, "All N …" when there are more, links to make
 * one; another organisation's records never appear, and a contact that is neither customer nor supplier
 * with no records gets no empty sales sections.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';

describeEachDialect('contact page: records inline', (ctx) => {
  it('when a customer has quotes, orders and a project, then its page lists the latest with status and total, and links to all of them', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme Plumbing');
    const other = await createTestOrganisation(db, 'Other Ltd');
    await seedSalesSettings(db, org.id);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe');
    const bystander = await createContact(db, org.id, 'Neither Ltd', { is_customer: false });
    const otherContact = await createContact(db, other.id, 'Bluebird Cafe');
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    const agent = signedIn.agent;
    const csrf = await signedIn.csrf();
    const header = { _csrf: csrf, contactId, number: '', issueDate: '2026-11-20', currency: 'AUD', lineAmountTypes: 'Exclusive', reference: '', notes: '' };
    for (let i = 1; i <= 6; i++) {
      const res = await agent
        .post('/quotes/new')
        .type('form')
        .send(documentBody({ ...header, issueDate: `2026-11-0${i}`, expiryDate: '' }, [gstLine({ quantity: String(i) })]));
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
    }
    const order = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ ...header, projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' }, [gstLine()]));
    expect(order.status, order.text.slice(0, 300)).to.equal(303);
    await db('projects').insert({
      organisation_id: org.id,
      id: '7b0c3f4e-0000-4000-8000-000000000001',
      name: 'Cafe fit-out',
      contact_id: contactId,
      status: 'active',
    });
    await db('projects').insert({
      organisation_id: other.id,
      id: '7b0c3f4e-0000-4000-8000-000000000002',
      name: 'Secret project',
      contact_id: otherContact,
      status: 'active',
    });

    const page = await agent.get(`/contacts/${contactId}`);
    expect(page.status).to.equal(200);
    const section = (heading: string) => {
      const start = page.text.indexOf(`>${heading}</a> <span class="count-badge"`);
      expect(start, `section ${heading}`).to.be.greaterThan(-1);
      return page.text.slice(start, page.text.indexOf('</section>', start));
    };
    const quotes = section('Quotes');
    expect(quotes).to.contain('<span class="count-badge">6<span class="visually-hidden"> in all</span>');
    expect((quotes.match(/href="\/quotes\/[0-9a-f-]{36}"/g) ?? []).length).to.equal(5); // the latest five
    expect(quotes).to.contain('QU-0006').and.not.contain('QU-0001'); // newest first: the oldest is behind "All 6 quotes"
    expect(quotes).to.contain(`href="/quotes?contactId=${contactId}">All 6 quotes</a>`);
    expect(quotes).to.contain('<td class="num">660.00</td>'); // QU-0006: 6 × 100.00 + 10% GST
    expect(quotes).to.contain('Total <span class="currency-code">AUD</span>').and.not.contain('AUD 660.00'); // the currency once, in the heading
    expect(quotes).to.contain(`href="/quotes/new?contactId=${contactId}"`);
    const orders = section('Sales orders');
    expect(orders).to.contain('<span class="count-badge">1<span').and.contain('SO-0001').and.contain('>220.00<').and.not.contain('All 1');
    expect(section('Projects')).to.contain('Cafe fit-out').and.not.contain('Secret project');
    expect(section('Contracts')).to.contain('No contracts yet.');
    expect(page.text).not.to.contain('>Purchase orders <span'); // a customer only, with none

    const neither = await agent.get(`/contacts/${bystander}`);
    expect(neither.status).to.equal(200);
    // No records section (its History, every record page's, is not one).
    expect(neither.text).not.to.contain('contact-records');
  });

  it('when a company and a person in it are viewed, then each page reads its contacts in one statement, for the page and its Xero panel, and its records of every kind in one more', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme Plumbing');
    const companyId = await createContact(db, org.id, 'Bluebird Cafe');
    const personId = await createContact(db, org.id, 'Wendy Wren', { kind: 'person', company_id: companyId, first_name: 'Wendy', last_name: 'Wren' });
    await createContact(db, org.id, 'Robin Wren', { kind: 'person', company_id: companyId, first_name: 'Robin', last_name: 'Wren' });
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    const statementsOf = async (path: string): Promise<{ html: string; sql: string[] }> => {
      const sql: string[] = [];
      const listener = (query: { sql: string }) => sql.push(query.sql);
      db.on('query', listener);
      try {
        const res = await agent.get(path);
        expect(res.status).to.equal(200);
        return { html: res.text, sql };
      } finally {
        db.removeListener('query', listener);
      }
    };
    // Statements that read contacts themselves (a join for a name, as projects do, is not one).
    const fromContacts = /^select [^(]*from \(select \* from [`"]contacts[`"]/;
    const company = await statementsOf(`/contacts/${companyId}`);
    expect(company.html).to.contain('Wendy Wren').and.to.contain('Robin Wren').and.to.contain('Send to Xero');
    // The company, its people and its Xero link columns: one statement.
    expect(
      company.sql.filter((q) => fromContacts.test(q)),
      'contacts',
    ).to.have.length(1);
    // The latest few of every kind with their totals: one statement, and no rows read for kinds it has none of.
    const fromRecords = /from [`"](quotes|sales_orders|projects|contracts|purchase_orders)[`"]/;
    expect(
      company.sql.filter((q) => fromRecords.test(q)),
      'records',
    ).to.have.length(1);
    const person = await statementsOf(`/contacts/${personId}`);
    expect(person.html).to.match(/sent to Xero as a contact person of <a href="\/contacts\/[^"]+">Bluebird Cafe<\/a>/);
    // The person, the company the page shows and the company's people (the panel sends the company with them): one statement.
    expect(
      person.sql.filter((q) => fromContacts.test(q)),
      'contacts',
    ).to.have.length(1);
  });
});
