import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/contacts.js';
import { expectCsrfRefused, expectNotFound } from '../../helpers/refusals.js';

const form = (csrf: string, fields: Record<string, string>) => ({ _csrf: csrf, kind: 'company', name: '', ...fields });

describeEachDialect('contact routes', (ctx) => {
  async function setup() {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Mine Ltd');
    const other = await createTestOrganisation(db, 'Other Ltd');
    const app = testApp(db);
    const signedIn = await signedInAgent(app, db, [org]);
    return { db, org, other, app, signedIn, agent: signedIn.agent };
  }

  it('when a visitor opens the contacts list, then they are sent to sign in', async () => {
    const res = await request(testApp(ctx.current().db)).get('/contacts');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
  });

  it('when an organisation has no contacts, then the list tells the user what to do next', async () => {
    const { agent } = await setup();
    const res = await agent.get('/contacts');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Add your first contact, or import your contacts from Xero');
    expect(res.text).to.contain('href="/contacts/new"');
  });

  it("when contacts exist, then the list shows only this organisation's, searchable and filterable", async () => {
    const { db, org, other, agent } = await setup();
    await createContact(db, org.id, { name: 'Harbour Cafe', email: 'hello@harbour.example', isCustomer: true });
    await createContact(db, org.id, { name: 'Timber Supplies', isCustomer: false, isSupplier: true });
    await createContact(db, other.id, { name: 'Secret Other Co' });
    const all = await agent.get('/contacts');
    expect(all.text).to.contain('Harbour Cafe').and.contain('Timber Supplies').and.not.contain('Secret Other Co');
    const search = await agent.get('/contacts').query({ q: 'harbour.example' });
    expect(search.text).to.contain('Harbour Cafe').and.not.contain('Timber Supplies');
    const suppliers = await agent.get('/contacts').query({ role: 'supplier' });
    expect(suppliers.text).to.contain('Timber Supplies').and.not.contain('Harbour Cafe');
    const none = await agent.get('/contacts').query({ q: 'zzz-nothing' });
    expect(none.text).to.contain('No contacts match');
  });

  it('when the list is sorted and paged, then links keep the filters and the page holds pageSize rows', async () => {
    const { db, org, agent } = await setup();
    for (let i = 0; i < 27; i++) await createContact(db, org.id, { name: `Client ${String(i).padStart(2, '0')}` });
    const first = await agent.get('/contacts').query({ sort: 'name', dir: 'desc', role: 'customer' });
    expect(first.text.indexOf('Client 26')).to.be.lessThan(first.text.indexOf('Client 25'));
    expect(first.text).not.to.contain('Client 01<');
    expect(first.text).to.contain('Showing 1–25 of 27');
    expect(first.text).to.match(/href="\/contacts\?role=customer&amp;sort=name&amp;dir=desc&amp;page=2&amp;pageSize=25"/);
    const second = await agent.get('/contacts').query({ sort: 'name', dir: 'desc', role: 'customer', page: '2' });
    expect(second.text).to.contain('Client 01').and.contain('Client 00').and.not.contain('Client 26');
  });

  it('when the new-contact form is opened, then it has labelled inputs and a CSRF token', async () => {
    const { agent } = await setup();
    const res = await agent.get('/contacts/new');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('<label for="f-name">').and.contain('<label for="f-email">').and.contain('name="_csrf"');
    expect(res.text).to.contain('action="/contacts"');
  });

  it('when a contact is posted without a CSRF token, then it is refused and nothing is written', async () => {
    const { db, agent } = await setup();
    expectCsrfRefused(await agent.post('/contacts').type('form').send({ kind: 'company', name: 'No Token Ltd' }));
    expect(await db('contacts').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('when a valid contact is created, then it is saved and its record page shows the details', async () => {
    const { db, agent, signedIn, org } = await setup();
    const csrf = await signedIn.csrf();
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(
        form(csrf, {
          name: 'Blue Door Studio',
          email: 'accounts@bluedoor.example',
          is_customer: '1',
          phone: '09 555 0101',
          postal_line1: '12 Queen St',
          postal_city: 'Auckland',
          postal_postal_code: '1010',
          postal_country: 'New Zealand',
          default_currency: 'nzd',
          payment_terms_days: '20',
          payment_terms_type: 'OFFOLLOWINGMONTH',
          notes: 'Prefers email',
        }),
      );
    expect(res.status).to.equal(303);
    const row = await db('contacts').where({ organisation_id: org.id }).first();
    expect(row.name).to.equal('Blue Door Studio');
    expect(row.default_currency).to.equal('NZD');
    expect(res.headers.location).to.equal(`/contacts/${row.id}`);
    const page = await agent.get(String(res.headers.location));
    expect(page.text)
      .to.contain('Saved Blue Door Studio.')
      .and.contain('accounts@bluedoor.example')
      .and.contain('12 Queen St')
      .and.contain('Due on day 20 of the following month')
      .and.contain('Prefers email');
  });

  it('when the form has bad input, then each message sits next to its field, input is kept and nothing is written', async () => {
    const { db, agent, signedIn } = await setup();
    const csrf = await signedIn.csrf();
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(
        form(csrf, {
          name: 'x'.repeat(256),
          email: 'not-an-email',
          default_currency: 'ZZZ',
          payment_terms_days: '-3',
          payment_terms_type: 'DAYSAFTERBILLDATE',
          phone: '021 KEEP ME',
        }),
      );
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-name-error"').and.contain('Name must be 255 characters or fewer.');
    expect(res.text).to.contain('id="f-email-error"').and.contain('Enter an email address like name@example.com.');
    expect(res.text).to.contain('id="f-payment_terms_days-error"');
    expect(res.text).to.contain('value="021 KEEP ME"').and.contain('value="not-an-email"');
    expect(await db('contacts').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('when the currency is not an ISO code and the settings cache is empty, then the currency field says so', async () => {
    const { db, agent, signedIn } = await setup();
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(form(await signedIn.csrf(), { name: 'Coin Co', default_currency: 'ZZZ' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-default_currency-error"').and.contain('valid ISO 4217 currency code');
    expect(await db('contacts').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it("when the organisation's currencies are cached, then only those are accepted and offered", async () => {
    const { db, org, agent, signedIn } = await setup();
    await db('xero_currencies').insert([{ organisation_id: org.id, code: 'NZD', description: 'New Zealand Dollar' }]);
    const formPage = await agent.get('/contacts/new');
    expect(formPage.text).to.contain('<option value="NZD"').and.contain('NZD – New Zealand Dollar');
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(form(await signedIn.csrf(), { name: 'Euro Co', default_currency: 'EUR' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Choose one of your organisation&#39;s currencies in Xero.');
  });

  it('when a name is already used by an active contact (any case), then the name field says so and nothing is written', async () => {
    const { db, org, agent, signedIn } = await setup();
    await createContact(db, org.id, { name: 'Kiwi Cleaning' });
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(form(await signedIn.csrf(), { name: '  kiwi cleaning ' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-name-error"').and.contain('An active contact already has this name');
    expect(await db('contacts').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 1);
  });

  it('when a taken name comes with other mistakes, then the name message shows in the same round', async () => {
    const { db, org, agent, signedIn } = await setup();
    await createContact(db, org.id, { name: 'Kiwi Cleaning' });
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(form(await signedIn.csrf(), { name: 'Kiwi Cleaning', email: 'bad' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-name-error"').and.contain('id="f-email-error"');
  });

  it("when a person names another organisation's company, then the company field refuses it and nothing is written", async () => {
    const { db, other, agent, signedIn } = await setup();
    const theirs = await createContact(db, other.id, { name: 'Their Company' });
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(form(await signedIn.csrf(), { kind: 'person', first_name: 'Ana', last_name: 'Lee', company_id: theirs }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-company_id-error"').and.contain('Choose one of your active companies.');
    expect(res.text).not.to.contain('Their Company');
    expect(await db('contacts').where({ organisation_id: other.id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 1);
    expect(await db('contacts').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 1);
  });

  it("when a person joins a company, then the company's record page lists them", async () => {
    const { db, org, agent, signedIn } = await setup();
    const company = await createContact(db, org.id, { name: 'Harbour Cafe' });
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(form(await signedIn.csrf(), { kind: 'person', first_name: 'Ana', last_name: 'Lee', company_id: company, email: 'ana@harbour.example' }));
    expect(res.status).to.equal(303);
    const page = await agent.get(`/contacts/${company}`);
    expect(page.text).to.contain('People at Harbour Cafe').and.contain('Ana Lee').and.contain('ana@harbour.example');
    const person = await agent.get(String(res.headers.location));
    expect(person.text).to.contain(`href="/contacts/${company}"`);
  });

  it('when a contact is edited, then the form starts from its values and the change is saved', async () => {
    const { db, org, agent, signedIn } = await setup();
    const id = await createContact(db, org.id, { name: 'Old Name', email: 'old@example.com' });
    const edit = await agent.get(`/contacts/${id}/edit`);
    expect(edit.status).to.equal(200);
    expect(edit.text).to.contain('value="Old Name"').and.contain('value="old@example.com"');
    const res = await agent
      .post(`/contacts/${id}`)
      .type('form')
      .send(form(await signedIn.csrf(), { name: 'New Name', email: 'new@example.com' }));
    expect(res.status).to.equal(303);
    expect((await db('contacts').where({ id }).first()).name).to.equal('New Name');
  });

  it('when "Same as postal address" is ticked, then the street address saved is the postal one, and the edit form starts ticked', async () => {
    const { db, agent, signedIn } = await setup();
    const res = await agent
      .post('/contacts')
      .type('form')
      .send(
        form(await signedIn.csrf(), {
          name: 'Harbour Cafe',
          postal_line1: 'PO Box 12',
          postal_city: 'Wellington',
          postal_postal_code: '6011',
          street_line1: 'typed before ticking',
          street_same_as_postal: '1',
        }),
      );
    expect(res.status).to.equal(303);
    const row = await db('contacts').where({ name: 'Harbour Cafe' }).first();
    expect([row.street_line1, row.street_city, row.street_postal_code]).to.deep.equal(['PO Box 12', 'Wellington', '6011']);
    const edit = await agent.get(String(res.headers.location) + '/edit');
    expect(edit.text).to.match(/name="street_same_as_postal" value="1"[^>]*checked/);
    const apart = await agent
      .post(String(res.headers.location))
      .type('form')
      .send(form(await signedIn.csrf(), { name: 'Harbour Cafe', postal_line1: 'PO Box 12', street_line1: '1 Quay St' }));
    expect(apart.status).to.equal(303);
    expect((await db('contacts').where({ id: row.id }).first()).street_line1).to.equal('1 Quay St');
    expect((await agent.get(String(res.headers.location) + '/edit')).text).not.to.match(/name="street_same_as_postal" value="1"[^>]*checked/);
  });

  it("when the new-contact form opens, then required fields are marked and explained, and each kind's fields are marked for switching", async () => {
    const { agent } = await setup();
    const res = await agent.get('/contacts/new');
    expect(res.text).to.contain('Fields marked <span class="required-mark" aria-hidden="true">*</span> are required.');
    expect(res.text).to.match(/<label for="f-name">Name <span class="required-mark" aria-hidden="true">\*<\/span><\/label>/);
    expect(res.text).to.contain('data-contact-kind="person"').and.contain('data-same-as-postal');
    const person = await agent.get('/contacts/new?kind=person');
    expect(person.text).to.contain('<label for="f-name">Name</label>'); // a person may leave it empty
  });

  it('when an edit has bad input, then the edit form re-renders with the message and the contact is unchanged', async () => {
    const { db, org, agent, signedIn } = await setup();
    const id = await createContact(db, org.id, { name: 'Steady Ltd' });
    const res = await agent
      .post(`/contacts/${id}`)
      .type('form')
      .send(form(await signedIn.csrf(), { name: '', email: 'typed@example.com' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Enter the name.').and.contain('value="typed@example.com"').and.contain(`action="/contacts/${id}"`);
    expect((await db('contacts').where({ id }).first()).name).to.equal('Steady Ltd');
  });

  it('when a contact is archived after confirming, then it leaves the active list and can be restored', async () => {
    const { db, org, agent, signedIn } = await setup();
    const id = await createContact(db, org.id, { name: 'Gone Soon Ltd' });
    const confirm = await agent.get(`/contacts/${id}/archive`);
    expect(confirm.status).to.equal(200);
    expect(confirm.text).to.contain('Archive Gone Soon Ltd?').and.contain(`action="/contacts/${id}/archive"`).and.contain('name="_csrf"');
    const csrf = await signedIn.csrf();
    expect((await agent.post(`/contacts/${id}/archive`).type('form').send({ _csrf: csrf })).status).to.equal(303);
    expect((await agent.get(`/contacts/${id}`)).text)
      .to.contain('Archived Gone Soon Ltd.')
      .and.contain('Restore');
    expect((await agent.get('/contacts')).text).not.to.contain('Gone Soon Ltd');
    expect((await agent.get('/contacts').query({ archived: 'archived' })).text).to.contain('Gone Soon Ltd');
    expect((await agent.post(`/contacts/${id}/unarchive`).type('form').send({ _csrf: csrf })).status).to.equal(303);
    expect((await db('contacts').where({ id }).first()).archived_at).to.equal(null);
  });

  it('when restoring a contact whose name is now taken, then the user is told and it stays archived', async () => {
    const { db, org, agent, signedIn } = await setup();
    const id = await createContact(db, org.id, { name: 'Twin Ltd' });
    const csrf = await signedIn.csrf();
    await agent.post(`/contacts/${id}/archive`).type('form').send({ _csrf: csrf });
    await createContact(db, org.id, { name: 'Twin Ltd' });
    const res = await agent.post(`/contacts/${id}/unarchive`).type('form').send({ _csrf: csrf });
    expect(res.status).to.equal(303);
    expect((await agent.get(`/contacts/${id}`)).text).to.contain('Another active contact is already called');
    expect((await db('contacts').where({ id }).first()).archived_at).not.to.equal(null);
  });

  it("when another organisation's contact id is used on any route, then it is 404 and nothing changes", async () => {
    const { db, other, agent, signedIn } = await setup();
    const theirs = await createContact(db, other.id, { name: 'Not Yours Ltd' });
    const csrf = await signedIn.csrf();
    for (const path of [`/contacts/${theirs}`, `/contacts/${theirs}/edit`, `/contacts/${theirs}/archive`, '/contacts/no-such-id']) {
      const res = await agent.get(path);
      expectNotFound(res, 'contact', path);
      expect(res.text).not.to.contain('Not Yours Ltd');
    }
    for (const path of [`/contacts/${theirs}`, `/contacts/${theirs}/archive`, `/contacts/${theirs}/unarchive`]) {
      expectNotFound(
        await agent
          .post(path)
          .type('form')
          .send(form(csrf, { name: 'Hijacked' })),
        'contact',
        path,
      );
    }
    const row = await db('contacts').where({ id: theirs }).first();
    expect(row.name).to.equal('Not Yours Ltd');
    expect(row.archived_at).to.equal(null);
  });
});
