import { expect } from 'chai';
import { contactToWire, mapContactToXero, orderedContactPersons, xeroContactProblems, xeroCurrencyCode } from '../../../../src/xero/mappers/contact-mapper.js';
import type { AddressForXero, CompanyForXero, CompanyPersonForXero, PersonForXero } from '../../../../src/xero/mappers/contact-for-xero.js';

const noAddress: AddressForXero = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
const emptyAddress = (type: string) => ({
  AddressType: type,
  AddressLine1: '',
  AddressLine2: '',
  AddressLine3: '',
  AddressLine4: '',
  City: '',
  Region: '',
  PostalCode: '',
  Country: '',
});
const emptyPhone = (type: string) => ({ PhoneType: type, PhoneNumber: '', PhoneAreaCode: '', PhoneCountryCode: '' });

const company = (fields: Partial<CompanyForXero> = {}): CompanyForXero => ({
  kind: 'company',
  id: 'crm-company-1',
  name: 'ABC Furniture',
  accountNumber: null,
  isCustomer: true,
  isSupplier: false,
  email: null,
  phone: null,
  mobile: null,
  postalAddress: noAddress,
  streetAddress: noAddress,
  taxNumber: null,
  defaultCurrency: null,
  paymentTermsDays: null,
  paymentTermsType: null,
  notes: null,
  people: [],
  ...fields,
});
const person = (fields: Partial<PersonForXero> = {}): PersonForXero =>
  ({
    ...company(),
    kind: 'person',
    name: 'Ana Ruiz',
    firstName: 'Ana',
    lastName: 'Ruiz',
    ...fields,
  }) as PersonForXero;
const member = (
  id: string,
  first: string | null,
  last: string | null,
  createdAt: string,
  email: string | null = null,
  name = [first, last].filter(Boolean).join(' '),
): CompanyPersonForXero => ({ id, name, firstName: first, lastName: last, email, createdAt: new Date(createdAt) });

describe('mapContactToXero (wire form as xero-node sends it)', () => {
  it('when a company has only a name, then the wire form empties the fields Ledgerside owns and sends no people', () => {
    expect(contactToWire(mapContactToXero(company()))).to.deep.equal({
      Name: 'ABC Furniture',
      EmailAddress: '',
      ContactPersons: [],
      TaxNumber: '',
      Addresses: [emptyAddress('POBOX'), emptyAddress('STREET')],
      Phones: [emptyPhone('DEFAULT'), emptyPhone('MOBILE')],
    });
  });

  it('when a company has every mapped field, then each goes to its Xero field in PascalCase', () => {
    const wire = contactToWire(
      mapContactToXero(
        company({
          accountNumber: ' ACC-001 ',
          email: 'ap@abc.example',
          phone: '+64 9 555 0100',
          mobile: '021 555 123',
          taxNumber: '12-345-678',
          postalAddress: { line1: 'PO Box 12', line2: null, city: 'Wellington', region: null, postalCode: '6140', country: 'New Zealand' },
          streetAddress: { line1: '1 Queen St', line2: 'Level 2', city: 'Auckland', region: 'Auckland', postalCode: '1010', country: 'NZ' },
          defaultCurrency: 'nzd',
          paymentTermsDays: 20,
          paymentTermsType: 'OFFOLLOWINGMONTH',
          notes: 'Prefers email',
        }),
        { contactId: 'c0ffee00-0000-4000-8000-000000000001' },
      ),
    );
    expect(wire).to.deep.equal({
      ContactID: 'c0ffee00-0000-4000-8000-000000000001',
      AccountNumber: 'ACC-001',
      Name: 'ABC Furniture',
      EmailAddress: 'ap@abc.example',
      ContactPersons: [],
      TaxNumber: '12-345-678',
      Addresses: [
        {
          AddressType: 'POBOX',
          AddressLine1: 'PO Box 12',
          AddressLine2: '',
          AddressLine3: '',
          AddressLine4: '',
          City: 'Wellington',
          Region: '',
          PostalCode: '6140',
          Country: 'New Zealand',
        },
        {
          AddressType: 'STREET',
          AddressLine1: '1 Queen St',
          AddressLine2: 'Level 2',
          AddressLine3: '',
          AddressLine4: '',
          City: 'Auckland',
          Region: 'Auckland',
          PostalCode: '1010',
          Country: 'NZ',
        },
      ],
      Phones: [
        { PhoneType: 'DEFAULT', PhoneNumber: '+64 9 555 0100', PhoneAreaCode: '', PhoneCountryCode: '' },
        { PhoneType: 'MOBILE', PhoneNumber: '021 555 123', PhoneAreaCode: '', PhoneCountryCode: '' },
      ],
      DefaultCurrency: 'NZD',
      PaymentTerms: { Sales: { Day: 20, Type: 'OFFOLLOWINGMONTH' } },
    });
    expect(JSON.stringify(wire)).not.to.contain('Prefers email');
  });

  it('when a person has no company, then they are a Xero contact of their own with FirstName and LastName', () => {
    const wire = contactToWire(mapContactToXero(person({ email: 'ana@example.com' })));
    expect(wire).to.include({ Name: 'Ana Ruiz', FirstName: 'Ana', LastName: 'Ruiz', EmailAddress: 'ana@example.com' });
    expect(wire).not.to.have.property('ContactPersons');
    expect(wire).not.to.have.property('ContactID');
  });

  it('when a person has only a name, then FirstName and LastName are sent empty', () => {
    expect(contactToWire(mapContactToXero(person({ name: 'Cher', firstName: null, lastName: null })))).to.include({
      Name: 'Cher',
      FirstName: '',
      LastName: '',
    });
  });

  it('when a company has people, then they go as ContactPersons, the primary (earliest added) first, empty values left out', () => {
    const wire = contactToWire(
      mapContactToXero(
        company({
          people: [
            member('p3', 'Zoe', 'Adams', '2026-03-01T00:00:00Z', 'zoe@abc.example'),
            member('p1', 'Mia', 'Wong', '2026-01-01T00:00:00Z', 'mia@abc.example'),
            member('p2', 'Al', null, '2026-02-01T00:00:00Z'),
            member('p4', null, null, '2026-04-01T00:00:00Z', null, 'Reception'),
          ],
        }),
      ),
    );
    expect(wire['ContactPersons']).to.deep.equal([
      { FirstName: 'Mia', LastName: 'Wong', EmailAddress: 'mia@abc.example' },
      { FirstName: 'Al' },
      { FirstName: 'Reception' },
      { FirstName: 'Zoe', LastName: 'Adams', EmailAddress: 'zoe@abc.example' },
    ]);
    expect(wire).not.to.have.property('FirstName');
  });

  const termCases: Array<{ when: string; roles: Pick<CompanyForXero, 'isCustomer' | 'isSupplier'>; terms: Record<string, unknown> }> = [
    { when: 'a customer', roles: { isCustomer: true, isSupplier: false }, terms: { Sales: { Day: 30, Type: 'DAYSAFTERBILLDATE' } } },
    { when: 'a supplier', roles: { isCustomer: false, isSupplier: true }, terms: { Bills: { Day: 30, Type: 'DAYSAFTERBILLDATE' } } },
    {
      when: 'both a customer and a supplier',
      roles: { isCustomer: true, isSupplier: true },
      terms: { Sales: { Day: 30, Type: 'DAYSAFTERBILLDATE' }, Bills: { Day: 30, Type: 'DAYSAFTERBILLDATE' } },
    },
    {
      when: 'neither a customer nor a supplier yet',
      roles: { isCustomer: false, isSupplier: false },
      terms: { Sales: { Day: 30, Type: 'DAYSAFTERBILLDATE' } },
    },
  ];
  for (const c of termCases) {
    it(`when the contact is ${c.when} with payment terms, then they go in Xero's PaymentTerms shape`, () => {
      const wire = contactToWire(mapContactToXero(company({ ...c.roles, paymentTermsDays: 30, paymentTermsType: 'DAYSAFTERBILLDATE' })));
      expect(wire['PaymentTerms']).to.deep.equal(c.terms);
    });
  }

  it('when the currency is unknown to Xero or empty and terms are incomplete, then DefaultCurrency and PaymentTerms are left out', () => {
    for (const defaultCurrency of ['XXQ', 'toString', '', null]) {
      const wire = contactToWire(mapContactToXero(company({ defaultCurrency, paymentTermsDays: 10, paymentTermsType: null })));
      expect(wire, String(defaultCurrency)).not.to.have.any.keys('DefaultCurrency', 'PaymentTerms');
    }
  });

  it('when the mapper runs twice on the same contact, then the payloads are identical', () => {
    const input = company({ people: [member('b', 'B', 'B', '2026-01-01T00:00:00Z'), member('a', 'A', 'A', '2026-01-01T00:00:00Z')] });
    expect(contactToWire(mapContactToXero(input))).to.deep.equal(contactToWire(mapContactToXero({ ...input, people: [...input.people].reverse() })));
  });
});

describe('orderedContactPersons', () => {
  const seven = ['g', 'f', 'e', 'd', 'c', 'b', 'a'].map((id, i) => member(id, id.toUpperCase(), 'Person', `2026-01-0${i + 1}T00:00:00Z`));

  it('when a company has seven people, then the five sent are the primary and the next four by name', () => {
    expect(orderedContactPersons({ people: seven }).map((p) => p.id)).to.deep.equal(['g', 'a', 'b', 'c', 'd']);
  });

  it('when a primary person is named, then that person goes first', () => {
    expect(orderedContactPersons({ people: seven, primaryPersonId: 'e' }).map((p) => p.id)).to.deep.equal(['e', 'a', 'b', 'c', 'd']);
  });

  it('when the named primary is not among the people, then the earliest added is primary', () => {
    expect(orderedContactPersons({ people: seven, primaryPersonId: 'gone' })[0]?.id).to.equal('g');
  });

  it('when two people were added at the same moment, then the smaller id is primary', () => {
    const same = [member('y', 'Y', null, '2026-01-01T00:00:00Z'), member('x', 'Z', null, '2026-01-01T00:00:00Z')];
    expect(orderedContactPersons({ people: same }).map((p) => p.id)).to.deep.equal(['x', 'y']);
  });

  it('when a company has no people, then none are sent', () => {
    expect(orderedContactPersons({ people: [] })).to.deep.equal([]);
  });
});

describe('xeroContactProblems', () => {
  it('when every value is within Xero limits, then there are no problems', () => {
    expect(xeroContactProblems(company({ name: 'x'.repeat(255), taxNumber: 't'.repeat(50), defaultCurrency: 'GBP' }))).to.deep.equal([]);
  });

  const cases: Array<{ when: string; input: Partial<CompanyForXero>; field: string; message: RegExp }> = [
    { when: 'the name is blank', input: { name: '  ' }, field: 'name', message: /needs a name/ },
    { when: 'the name is 256 characters', input: { name: 'n'.repeat(256) }, field: 'name', message: /at most 255 characters in the name \(this one has 256\)/ },
    { when: 'the account number is 51 characters', input: { accountNumber: 'a'.repeat(51) }, field: 'accountNumber', message: /at most 50/ },
    { when: 'the email is 256 characters', input: { email: `${'e'.repeat(244)}@example.com` }, field: 'email', message: /at most 255/ },
    { when: 'the mobile is 51 characters', input: { mobile: '1'.repeat(51) }, field: 'mobile', message: /at most 50 characters in a phone number/ },
    {
      when: 'a street address line is 501 characters',
      input: { streetAddress: { ...noAddress, line1: 'l'.repeat(501) } },
      field: 'streetAddress.line1',
      message: /at most 500/,
    },
    {
      when: 'a postal code is 51 characters',
      input: { postalAddress: { ...noAddress, postalCode: '9'.repeat(51) } },
      field: 'postalAddress.postalCode',
      message: /at most 50/,
    },
    { when: 'the currency is unknown to Xero', input: { defaultCurrency: 'ABC' }, field: 'defaultCurrency', message: /does not know the currency ABC/ },
  ];
  for (const c of cases) {
    it(`when ${c.when}, then the problem names the field`, () => {
      const problems = xeroContactProblems(company(c.input));
      expect(problems).to.have.length(1);
      expect(problems[0]?.field).to.equal(c.field);
      expect(problems[0]?.message).to.match(c.message);
    });
  }
});

describe('xeroCurrencyCode', () => {
  it('when a code is known to xero-node in any case, then its enum value is the upper-case code', () => {
    expect(String(xeroCurrencyCode(' eur '))).to.equal('EUR');
  });
  it('when a code is not a currency, then it is undefined', () => {
    expect([xeroCurrencyCode('EURO'), xeroCurrencyCode('constructor'), xeroCurrencyCode(null)]).to.deep.equal([undefined, undefined, undefined]);
  });
});
