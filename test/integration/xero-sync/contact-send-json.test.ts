import { expect } from 'chai';
import nock from 'nock';
import { describeEachDialect } from '../../helpers/test-db.js';
import { API_PATH, syncFixture, XERO_API, type SyncFixture } from '../../helpers/xero-sync-fixture.js';
import { contactInput, makeContact } from '../../helpers/sync-contacts.js';
import { contactService } from '../../../src/contacts/index.js';

const requester = { userId: null, name: 'Sam Sender' };
const XERO_ID = '5f7c1c3e-8a4b-4d7e-9c2a-1b2c3d4e5f60';

/** Xero has no contact of this name or email (one lookup for both), nor any of a similar name. */
function noMatches(name: string, email?: string) {
  const api = nock(XERO_API);
  const where = email ? `Name=="${name}" OR EmailAddress=="${email}"` : `Name=="${name}"`;
  api
    .get(`${API_PATH}/Contacts`)
    .query((q) => q.where === where && q.includeArchived === 'true')
    .reply(200, { Contacts: [] });
  api
    .get(`${API_PATH}/Contacts`)
    .query((q) => typeof q.searchTerm === 'string')
    .reply(200, { Contacts: [] });
  return api;
}

// Ledgerside owns the fields it maps: empty ones go as "" so an update empties them in Xero too.
const blankAddress = { AddressLine1: '', AddressLine2: '', AddressLine3: '', AddressLine4: '', City: '', Region: '', PostalCode: '', Country: '' };
const blankPhone = { PhoneNumber: '', PhoneAreaCode: '', PhoneCountryCode: '' };
const blanks = {
  EmailAddress: '',
  TaxNumber: '',
  Addresses: [
    { AddressType: 'POBOX', ...blankAddress },
    { AddressType: 'STREET', ...blankAddress },
  ],
  Phones: [
    { PhoneType: 'DEFAULT', ...blankPhone },
    { PhoneType: 'MOBILE', ...blankPhone },
  ],
};

async function send(f: SyncFixture, contactId: string, label = 'x') {
  const { operation } = await f.engine.forOrganisation(f.tdb).enqueue({ recordKind: 'contact', recordId: contactId, recordLabel: label, requester });
  await f.engine.worker.drain();
  return await f.engine.forOrganisation(f.tdb).get(operation.id);
}

describeEachDialect('Sending contacts to Xero: the exact JSON', (ctx) => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('when a new company is sent, then Xero gets one PUT with its fields in wire form, with an Idempotency-Key and summarizeErrors=false', async () => {
    const f = await syncFixture(ctx.current().db);
    const id = await makeContact(f.tdb, {
      name: 'Acme Ltd',
      email: 'accounts@acme.example',
      phone: '02 9999 0000',
      mobile: '0400 000 000',
      taxNumber: '12 345 678 901',
      defaultCurrency: 'AUD',
      paymentTermsDays: 14,
      paymentTermsType: 'DAYSAFTERBILLDATE',
      postalAddress: { line1: 'PO Box 1', line2: null, city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'Australia' },
      streetAddress: { line1: '1 George St', line2: 'Level 2', city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'Australia' },
    });
    const lookups = noMatches('Acme Ltd', 'accounts@acme.example');
    let sentBody: unknown;
    let headers: Record<string, string | string[] | undefined> = {};
    const put = nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query({ summarizeErrors: 'false' })
      .reply(function (_uri, body) {
        sentBody = body;
        headers = this.req.headers;
        return [200, { Contacts: [{ ContactID: XERO_ID, Name: 'Acme Ltd', ContactStatus: 'ACTIVE' }] }];
      });
    const op = await send(f, id);
    expect(op.status, op.resultMessage ?? '').to.equal('done');
    expect(op.outcome).to.equal('created');
    expect(put.isDone() && lookups.isDone()).to.equal(true);
    expect(sentBody).to.deep.equal({
      Contacts: [
        {
          Name: 'Acme Ltd',
          EmailAddress: 'accounts@acme.example',
          ContactPersons: [],
          Phones: [
            { ...blankPhone, PhoneType: 'DEFAULT', PhoneNumber: '02 9999 0000' },
            { ...blankPhone, PhoneType: 'MOBILE', PhoneNumber: '0400 000 000' },
          ],
          Addresses: [
            { ...blankAddress, AddressType: 'POBOX', AddressLine1: 'PO Box 1', City: 'Sydney', Region: 'NSW', PostalCode: '2000', Country: 'Australia' },
            {
              ...blankAddress,
              AddressType: 'STREET',
              AddressLine1: '1 George St',
              AddressLine2: 'Level 2',
              City: 'Sydney',
              Region: 'NSW',
              PostalCode: '2000',
              Country: 'Australia',
            },
          ],
          TaxNumber: '12 345 678 901',
          DefaultCurrency: 'AUD',
          PaymentTerms: { Sales: { Day: 14, Type: 'DAYSAFTERBILLDATE' } },
        },
      ],
    });
    expect(String(headers['idempotency-key'])).to.match(new RegExp(`^${op.idempotencyKey}:create:[0-9a-f]{16}$`));
    expect(String(headers['xero-tenant-id'])).to.equal(f.tenantId);
    const contact = await contactService(f.tdb).get(id);
    expect(contact.xeroContactId).to.equal(XERO_ID);
    expect(contact.xeroSentAt).to.not.equal(null);
  });

  it('when a company with people is sent, then its people go as ContactPersons (the first five, the earliest added first)', async () => {
    const f = await syncFixture(ctx.current().db);
    const id = await makeContact(f.tdb, { name: 'Globex' });
    for (const [first, last] of [
      ['Ann', 'Able'],
      ['Ben', 'Baker'],
      ['Cat', 'Cole'],
      ['Dan', 'Dee'],
      ['Eve', 'Eck'],
      ['Fay', 'Fox'],
    ]) {
      await contactService(f.tdb).create(
        contactInput({
          kind: 'person',
          name: `${first} ${last}`,
          firstName: first!,
          lastName: last!,
          companyId: id,
          email: `${first!.toLowerCase()}@globex.example`,
        }),
      );
    }
    noMatches('Globex');
    let sentBody: unknown;
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply((_uri, body) => {
        sentBody = body;
        return [200, { Contacts: [{ ContactID: XERO_ID, Name: 'Globex', ContactStatus: 'ACTIVE' }] }];
      });
    const op = await send(f, id);
    expect(op.status, op.resultMessage ?? '').to.equal('done');
    expect(sentBody).to.deep.equal({
      Contacts: [
        {
          ...blanks,
          Name: 'Globex',
          ContactPersons: [
            { FirstName: 'Ann', LastName: 'Able', EmailAddress: 'ann@globex.example' },
            { FirstName: 'Ben', LastName: 'Baker', EmailAddress: 'ben@globex.example' },
            { FirstName: 'Cat', LastName: 'Cole', EmailAddress: 'cat@globex.example' },
            { FirstName: 'Dan', LastName: 'Dee', EmailAddress: 'dan@globex.example' },
            { FirstName: 'Eve', LastName: 'Eck', EmailAddress: 'eve@globex.example' },
          ],
        },
      ],
    });
  });

  it('when a person without a company is sent, then Xero gets a contact with FirstName and LastName', async () => {
    const f = await syncFixture(ctx.current().db);
    const id = await makeContact(f.tdb, { kind: 'person', name: 'Pat Jones', firstName: 'Pat', lastName: 'Jones' });
    noMatches('Pat Jones');
    let sentBody: unknown;
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply((_uri, body) => {
        sentBody = body;
        return [200, { Contacts: [{ ContactID: XERO_ID, Name: 'Pat Jones', ContactStatus: 'ACTIVE' }] }];
      });
    const op = await send(f, id);
    expect(op.status, op.resultMessage ?? '').to.equal('done');
    expect(sentBody).to.deep.equal({ Contacts: [{ ...blanks, Name: 'Pat Jones', FirstName: 'Pat', LastName: 'Jones' }] });
  });

  it('when a linked contact changed, then it is updated by POST to its ContactID, and sending it again unchanged costs no call', async () => {
    const f = await syncFixture(ctx.current().db);
    const id = await makeContact(f.tdb, { name: 'Initech', email: 'old@initech.example' });
    noMatches('Initech', 'old@initech.example');
    nock(XERO_API)
      .put(`${API_PATH}/Contacts`)
      .query(true)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Initech', ContactStatus: 'ACTIVE' }] });
    expect((await send(f, id)).outcome).to.equal('created');

    await contactService(f.tdb).update(id, contactInput({ name: 'Initech', email: 'billing@initech.example' }));
    nock(XERO_API)
      .get(`${API_PATH}/Contacts/${XERO_ID}`)
      .reply(200, { Contacts: [{ ContactID: XERO_ID, Name: 'Initech', EmailAddress: 'old@initech.example', ContactStatus: 'ACTIVE' }] });
    let sentBody: unknown;
    let key = '';
    const post = nock(XERO_API)
      .post(`${API_PATH}/Contacts/${XERO_ID}`)
      .reply(function (_uri, body) {
        sentBody = body;
        key = String(this.req.headers['idempotency-key']);
        return [200, { Contacts: [{ ContactID: XERO_ID, Name: 'Initech', ContactStatus: 'ACTIVE' }] }];
      });
    const updated = await send(f, id);
    expect(updated.outcome, updated.resultMessage ?? '').to.equal('updated');
    expect(post.isDone()).to.equal(true);
    expect(sentBody).to.deep.equal({
      Contacts: [{ ...blanks, ContactID: XERO_ID, Name: 'Initech', EmailAddress: 'billing@initech.example', ContactPersons: [] }],
    });
    expect(key).to.match(new RegExp(`^${updated.idempotencyKey}:update-${XERO_ID}:[0-9a-f]{16}$`));

    // No interceptor is left: any call to Xero would fail the send.
    const again = await send(f, id);
    expect(again.status).to.equal('done');
    expect(again.outcome).to.equal('unchanged');
    expect(nock.pendingMocks()).to.deep.equal([]);
  });
});
