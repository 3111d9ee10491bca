import { expect } from 'chai';
import { Contact } from 'xero-node';
import { expectValidXero } from '../../helpers/xero-openapi.js';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

const DUPLICATE = (name: string) =>
  `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`;

describe('sandbox accounting: contacts', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startAccounting();
  });
  afterEach(async () => f.close());

  it('when a contact is created through xero-node, then it comes back ACTIVE with a ContactID and a /Date() UpdatedDateUTC', async () => {
    const result = await f.xero.accountingApi.createContacts(f.tenantId, {
      contacts: [{ name: 'Acme Pty Ltd', emailAddress: 'ap@acme.example', firstName: 'Ann' }],
    });
    const contact = firstOf(wireBody(result, 'Contacts'), 'Contacts');
    expect(contact).to.include({ Name: 'Acme Pty Ltd', EmailAddress: 'ap@acme.example', ContactStatus: 'ACTIVE' });
    expect(String(contact['ContactID'])).to.match(/^[0-9a-f-]{36}$/);
    expect(String(contact['UpdatedDateUTC'])).to.match(/^\/Date\(\d+\+0000\)\/$/);
    expect(result.body.contacts?.[0]?.updatedDateUTC).to.be.instanceOf(Date);
  });

  it("when a second active contact takes the same name, then the 400 carries Xero's exact duplicate-name message", async () => {
    await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Acme Pty Ltd' }] });
    const failure = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Acme Pty Ltd' }] }));
    expect(failure.statusCode).to.equal(400);
    expectValidXero('Error', failure.body);
    const body = failure.body as { ErrorNumber: number; Type: string; Elements: { ValidationErrors: { Message: string }[] }[] };
    expect(body.ErrorNumber).to.equal(10);
    expect(body.Type).to.equal('ValidationException');
    expect(body.Elements[0]?.ValidationErrors[0]?.Message).to.equal(DUPLICATE('Acme Pty Ltd'));
  });

  it('when the name belongs to an archived contact, then a new active contact may take it', async () => {
    const first = firstOf(wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Old Name Co' }] }), 'Contacts'), 'Contacts');
    await f.xero.accountingApi.updateContact(f.tenantId, String(first['ContactID']), { contacts: [{ contactStatus: Contact.ContactStatusEnum.ARCHIVED }] });
    const second = await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Old Name Co' }] });
    expect(firstOf(wireBody(second, 'Contacts'), 'Contacts')['ContactID']).to.not.equal(first['ContactID']);
  });

  it('when an e-mail address is not valid, then the element fails with "Email address must be valid."', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Bad Mail', emailAddress: 'not-an-email' }] }));
    expect(JSON.stringify(failure.body)).to.contain('Email address must be valid.');
  });

  it('when a batch mixes good and bad contacts with default summarising, then the answer is 400 yet the good one is saved', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Good One' }, { name: 'ABC Furniture' }] }));
    expect(failure.statusCode).to.equal(400);
    const body = failure.body as { Elements: Record<string, unknown>[] };
    expect(body.Elements).to.have.length(1);
    const list = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="Good One"'), 'Contacts');
    expect(list['Contacts']).to.have.length(1);
  });

  it('when a batch is sent with summarizeErrors=false, then the answer is 200 with a status on each element', async () => {
    const result = await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Fine Co' }, { name: 'ABC Furniture' }] }, false);
    const body = wireBody(result, 'Contacts');
    const [ok, bad] = body['Contacts'] as Record<string, unknown>[];
    expect(ok).to.include({ StatusAttributeString: 'OK', HasValidationErrors: false, Name: 'Fine Co' });
    expect(bad).to.include({ StatusAttributeString: 'ERROR', HasValidationErrors: true });
    expect(bad?.['ValidationErrors']).to.deep.equal([{ Message: DUPLICATE('ABC Furniture') }]);
  });

  it('when contacts are paged, then page 2 of size 5 has the next five by name and pagination counts them all', async () => {
    const result = await f.xero.accountingApi.getContacts(f.tenantId, undefined, undefined, undefined, undefined, 2, undefined, undefined, undefined, 5);
    const body = wireBody(result, 'Contacts');
    expect(body['pagination']).to.deep.equal({ page: 2, pageSize: 5, pageCount: 3, itemCount: 12 });
    expect((body['Contacts'] as unknown[]).length).to.equal(5);
  });

  it('when contacts are filtered with Contains, StartsWith and an OR, then only matching names come back', async () => {
    const where = 'Name.Contains("furn") OR Name.StartsWith("Boom")';
    const body = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, where, 'Name DESC'), 'Contacts');
    expect((body['Contacts'] as Record<string, unknown>[]).map((c) => c['Name'])).to.deep.equal(['Boom FM', 'ABC Furniture']);
  });

  it('when contacts are asked for with If-Modified-Since, then only the ones changed after it come back', async () => {
    f.clock.advance(60_000);
    const since = new Date(f.clock.now());
    f.clock.advance(60_000);
    await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Fresh Co' }] });
    const body = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, since), 'Contacts');
    expect((body['Contacts'] as Record<string, unknown>[]).map((c) => c['Name'])).to.deep.equal(['Fresh Co']);
  });

  it('when archived contacts exist, then they are hidden unless includeArchived=true', async () => {
    const c = firstOf(
      wireBody(
        await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Gone Co', contactStatus: Contact.ContactStatusEnum.ARCHIVED }] }),
        'Contacts',
      ),
      'Contacts',
    );
    const hidden = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, undefined, undefined, [String(c['ContactID'])]), 'Contacts');
    expect(hidden['Contacts']).to.have.length(0);
    const shown = wireBody(
      await f.xero.accountingApi.getContacts(f.tenantId, undefined, undefined, undefined, [String(c['ContactID'])], undefined, true),
      'Contacts',
    );
    expect(shown['Contacts']).to.have.length(1);
  });

  it('when summaryOnly is asked for, then addresses and phones are left out', async () => {
    const body = wireBody(
      await f.xero.accountingApi.getContacts(f.tenantId, undefined, undefined, undefined, undefined, undefined, undefined, true),
      'Contacts',
    );
    expect(firstOf(body, 'Contacts')).to.not.have.property('Addresses');
  });

  it('when a contact is fetched by id in another organisation, then it is not found there', async () => {
    const other = await f.addOrganisation({ name: 'Other Co', countryCode: 'NZ' });
    const c = firstOf(wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Mine Only' }] }), 'Contacts'), 'Contacts');
    const failure = await sdkFailure(f.xero.accountingApi.getContact(other.tenantId, String(c['ContactID'])));
    expect(failure.statusCode).to.equal(404);
    expect(failure.body).to.equal("The resource you're looking for cannot be found");
  });

  it('when the body is malformed JSON, then the answer is a 400 PostDataInvalidException and nothing is saved', async () => {
    const raw = await f.call('PUT', '/Contacts', { body: '{"Contacts":[{"Name":"Half', headers: { 'Content-Type': 'application/json' } });
    expect(raw.status).to.equal(400);
    expectValidXero('Error', raw.json);
    expect(raw.json).to.include({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
  });

  it('when an element has an unknown member or a wrong type, then the answer is a 400 naming the path', async () => {
    const unknown = await f.call('PUT', '/Contacts', {
      body: JSON.stringify({ Contacts: [{ Name: 'X', Colour: 'red' }] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(unknown.status).to.equal(400);
    expect(JSON.stringify(unknown.json)).to.contain("Could not find member 'Colour' on object of type 'Contact'. Path 'Contacts[0].Colour'.");
    const wrong = await f.call('PUT', '/Contacts', {
      body: JSON.stringify({ Contacts: [{ Name: 'X', Addresses: 'nowhere' }] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(wrong.status).to.equal(400);
    expectValidXero('Error', wrong.json);
    const list = await f.call('GET', '/Contacts?where=Name%3D%3D%22X%22');
    expect((list.json as { Contacts: unknown[] }).Contacts).to.have.length(0);
  });

  it('when the body is larger than 3.5 MB, then the answer is 413', async () => {
    const raw = await f.call('PUT', '/Contacts', {
      body: JSON.stringify({ Contacts: [{ Name: 'x'.repeat(3_700_000) }] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(raw.status).to.equal(413);
  });

  it('when a contact fetched through the SDK is sent back with a new e-mail, then only the e-mail changes', async () => {
    const fetched = (await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="Boom FM"')).body.contacts?.[0];
    if (!fetched?.contactID) throw new Error('no contact');
    fetched.emailAddress = 'new@boomfm.example';
    const updated = firstOf(wireBody(await f.xero.accountingApi.updateContact(f.tenantId, fetched.contactID, { contacts: [fetched] }), 'Contacts'), 'Contacts');
    expect(updated).to.include({ ContactID: fetched.contactID, Name: 'Boom FM', EmailAddress: 'new@boomfm.example', ContactStatus: 'ACTIVE' });
    expect((updated['Addresses'] as unknown[]).length).to.equal(2);
  });

  it('when contacts are searched with searchTerm, then names, people and e-mail addresses match', async () => {
    const byPerson = wireBody(
      await f.xero.accountingApi.getContacts(f.tenantId, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'Rawlings'),
      'Contacts',
    );
    expect((byPerson['Contacts'] as Record<string, unknown>[]).map((c) => c['Name'])).to.deep.equal(['ABC Furniture']);
    const byMail = wireBody(
      await f.xero.accountingApi.getContacts(f.tenantId, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'boomfm.example'),
      'Contacts',
    );
    expect((byMail['Contacts'] as Record<string, unknown>[]).map((c) => c['Name'])).to.deep.equal(['Boom FM']);
  });
});
