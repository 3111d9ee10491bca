import { expect } from 'chai';
import type { Contact } from 'xero-node';
import {
  decideContactMatch,
  emailLookup,
  exactLookups,
  matchCandidates,
  nameLookup,
  normaliseContactName,
  probableLookup,
  whereEquals,
  type MatchCandidate,
} from '../../../../src/xero/mappers/contact-matching.js';

describe('normaliseContactName', () => {
  const same: Array<[string, string, string]> = [
    ['ACME Limited', 'Acme Ltd', 'acme'],
    ['Acme Pty. Ltd.', 'acme', 'acme'],
    ['  Acme   Trading  LLC ', 'acme trading', 'acme trading'],
    ['Müller GmbH', 'Muller', 'muller'],
    ['Smith & Co.', 'Smith and Company', 'smith'],
    ["O'Brien Ltd", 'OBrien', 'obrien'],
    ['A.C.M.E., Inc', 'ACME Incorporated', 'acme'],
    ['Acme-Widgets (NZ) Limited', 'acme widgets nz', 'acme widgets nz'],
  ];
  for (const [a, b, key] of same) {
    it(`when "${a}" and "${b}" are normalised, then both are "${key}"`, () => {
      expect([normaliseContactName(a), normaliseContactName(b)]).to.deep.equal([key, key]);
    });
  }

  it('when a suffix word is not at the end, then it stays', () => {
    expect(normaliseContactName('Co-operative Bakery')).to.equal('co operative bakery');
    expect(normaliseContactName('Limited Editions Ltd')).to.equal('limited editions');
  });

  it('when a name is nothing but suffixes, then the first is kept so the key is not empty', () => {
    expect(normaliseContactName('Co.')).to.equal('co');
    expect(normaliseContactName('Company Limited')).to.equal('company');
  });

  it('when names differ in more than case, punctuation and suffix, then the keys differ', () => {
    expect(normaliseContactName('Acme Ltd')).not.to.equal(normaliseContactName('Acme Trading Ltd'));
  });
});

describe('Xero lookups for contacts', () => {
  it('when a name has no quotes, then the lookup is an exact where filter', () => {
    expect(nameLookup(' Acme Ltd ')).to.deep.equal({ where: 'Name=="Acme Ltd"' });
    expect(emailLookup('ap@acme.example')).to.deep.equal({ where: 'EmailAddress=="ap@acme.example"' });
  });

  it('when a name has an apostrophe, parentheses or an ampersand, then it goes in the where filter unchanged (the SDK URL-encodes it)', () => {
    expect(nameLookup("O'Brien & Sons (NZ)")).to.deep.equal({ where: 'Name=="O\'Brien & Sons (NZ)"' });
  });

  it('when a name holds a double quote or a backslash, then it is looked up by searchTerm, not an escaped where', () => {
    expect(nameLookup('Bat "Quote" Man')).to.deep.equal({ searchTerm: 'Bat "Quote" Man' });
    expect(nameLookup('Back\\slash Ltd')).to.deep.equal({ searchTerm: 'Back\\slash Ltd' });
    expect(whereEquals('Name', 'a"b')).to.equal(null);
  });

  it('when a contact has a name and an email that both fit a where, then one query asks for either', () => {
    expect(exactLookups({ name: 'Acme Ltd', email: 'ap@acme.example' })).to.deep.equal([{ where: 'Name=="Acme Ltd" OR EmailAddress=="ap@acme.example"' }]);
  });

  it('when a contact has no email, then only the name is looked up', () => {
    expect(exactLookups({ name: 'Acme Ltd', email: ' ' })).to.deep.equal([{ where: 'Name=="Acme Ltd"' }]);
  });

  it('when the name needs a searchTerm, then the email is a query of its own', () => {
    expect(exactLookups({ name: 'The "Best" Bakery', email: 'hi@best.example' })).to.deep.equal([
      { searchTerm: 'The "Best" Bakery' },
      { where: 'EmailAddress=="hi@best.example"' },
    ]);
  });

  it('when probable matches are looked up, then the search is the longest word of the normalised name', () => {
    expect(probableLookup('ACME Widgets Limited')).to.deep.equal({ searchTerm: 'widgets' });
    expect(probableLookup('Acme Ltd')).to.deep.equal({ searchTerm: 'acme' });
    expect(probableLookup('!!!')).to.equal(null);
  });
});

const candidate = (fields: Partial<MatchCandidate> & { contactId: string; name: string }): MatchCandidate => ({
  email: null,
  status: 'ACTIVE',
  mergedToContactId: null,
  ...fields,
});
const ID = {
  linked: '11111111-0000-4000-8000-000000000001',
  acme: '22222222-0000-4000-8000-000000000002',
  other: '33333333-0000-4000-8000-000000000003',
  old: '44444444-0000-4000-8000-000000000004',
};

describe('decideContactMatch', () => {
  const acme = { name: 'Acme Ltd', email: 'ap@acme.example', storedContactId: null };

  it('when a ContactID is stored, then that contact is updated, even with other candidates', () => {
    const d = decideContactMatch({ ...acme, storedContactId: ID.linked.toUpperCase() }, [candidate({ contactId: ID.acme, name: 'Acme Ltd' })]);
    expect(d).to.include({ action: 'update', contactId: ID.linked, by: 'stored-id', link: false });
  });

  it('when the stored ContactID is archived in Xero, then the send stops and says so', () => {
    const d = decideContactMatch({ ...acme, storedContactId: ID.linked }, [candidate({ contactId: ID.linked, name: 'Acme Ltd', status: 'ARCHIVED' })]);
    expect(d.action).to.equal('archived');
    expect(d.message).to.equal(
      'This contact is linked to “Acme Ltd”, which is archived in Xero. Restore it in Xero and send again, or unlink it to create a new Xero contact.',
    );
  });

  it('when the stored ContactID was merged into another contact in Xero, then the send stops and says it was merged', () => {
    const d = decideContactMatch({ ...acme, storedContactId: ID.linked }, [
      candidate({ contactId: ID.linked, name: 'Acme Ltd', status: 'ARCHIVED', mergedToContactId: ID.other }),
    ]);
    expect(d).to.include({ action: 'archived', contactId: ID.linked });
    expect(d.message).to.contain('merged into another contact');
  });

  it('when an active contact has the same name in another case, then it is linked and updated', () => {
    const d = decideContactMatch(acme, [
      candidate({ contactId: ID.other, name: 'Acme', email: 'ap@acme.example' }),
      candidate({ contactId: ID.acme, name: 'ACME LTD' }),
    ]);
    expect(d).to.include({ action: 'update', contactId: ID.acme, by: 'name', link: true });
    expect(d.message).to.equal('Linked to the Xero contact “ACME LTD”, which has the same name.');
  });

  it('when only an archived contact has the same name, then it is not reused and the message names it', () => {
    const d = decideContactMatch(acme, [candidate({ contactId: ID.old, name: 'Acme Ltd', status: 'ARCHIVED' })]);
    expect(d.action).to.equal('create');
    expect(d)
      .to.have.property('archivedSkipped')
      .that.deep.equals([candidate({ contactId: ID.old, name: 'Acme Ltd', status: 'ARCHIVED' })]);
    expect(d.message).to.equal(
      'No matching contact in Xero: a new one is created. The Xero contact “Acme Ltd” matches but is archived in Xero, so it is not reused.',
    );
  });

  it('when no name matches but one active contact has the same email (any case), then it is linked', () => {
    const d = decideContactMatch(acme, [candidate({ contactId: ID.other, name: 'Acme Trading', email: 'AP@Acme.example ' })]);
    expect(d).to.include({ action: 'update', contactId: ID.other, by: 'email', link: true });
  });

  it('when the only same-email contact is archived, then it is skipped and the ladder goes on', () => {
    const d = decideContactMatch(acme, [candidate({ contactId: ID.old, name: 'Acme Trading', email: 'ap@acme.example', status: 'GDPRREQUEST' })]);
    expect(d.action).to.equal('create');
    expect(d.message).to.contain('“Acme Trading” matches but is archived');
  });

  it('when several active contacts share the email, then the user is asked', () => {
    const d = decideContactMatch(acme, [
      candidate({ contactId: ID.other, name: 'Acme Trading', email: 'ap@acme.example' }),
      candidate({ contactId: ID.old, name: 'Acme Holdings', email: 'ap@acme.example' }),
    ]);
    expect(d).to.include({ action: 'ask', by: 'email' });
    expect(d).to.have.property('candidates').with.length(2);
  });

  it('when an active contact has the same name after dropping case, punctuation and suffix, then the user is asked', () => {
    const probable = candidate({ contactId: ID.acme, name: 'ACME Limited' });
    const d = decideContactMatch({ name: 'Acme Ltd', email: null, storedContactId: null }, [
      probable,
      candidate({ contactId: ID.other, name: 'Acme Trading Ltd' }),
    ]);
    expect(d).to.deep.equal({
      action: 'ask',
      by: 'probable-name',
      candidates: [probable],
      archivedSkipped: [],
      message: 'Xero has a contact with a similar name: link it, or create a new Xero contact.',
    });
  });

  it('when nothing matches, then a new contact is created', () => {
    const d = decideContactMatch(acme, [candidate({ contactId: ID.other, name: 'Acme Trading Ltd', email: 'sales@acme.example' })]);
    expect(d).to.deep.equal({ action: 'create', archivedSkipped: [], message: 'No matching contact in Xero: a new one is created.' });
  });

  it('when there are no candidates at all, then a new contact is created', () => {
    expect(decideContactMatch(acme, []).action).to.equal('create');
  });
});

describe('matchCandidates', () => {
  it('when xero-node returns contacts, then ids are lower-cased, statuses read as text and duplicates and nameless ones dropped', () => {
    const contacts = [
      { contactID: ID.acme.toUpperCase(), name: ' Acme Ltd ', emailAddress: '', contactStatus: 'ARCHIVED' },
      { contactID: ID.acme, name: 'Acme Ltd again' },
      { contactID: ID.other, name: '' },
      { name: 'No id' },
      { contactID: ID.old, name: 'Old', emailAddress: 'old@example.com', mergedToContactID: ID.acme },
    ] as unknown as Contact[];
    expect(matchCandidates(contacts)).to.deep.equal([
      { contactId: ID.acme, name: 'Acme Ltd', email: null, status: 'ARCHIVED', mergedToContactId: null },
      { contactId: ID.old, name: 'Old', email: 'old@example.com', status: 'ACTIVE', mergedToContactId: ID.acme },
    ]);
  });
});
