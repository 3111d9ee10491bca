import { expect } from 'chai';
import { CONTACT_FINGERPRINT_VERSION, contactFingerprint, wireContactFingerprint } from '../../../../src/xero/mappers/contact-fingerprint.js';
import { mapContactToXero } from '../../../../src/xero/mappers/contact-mapper.js';
import type { AddressForXero, CompanyForXero } from '../../../../src/xero/mappers/contact-for-xero.js';

const noAddress: AddressForXero = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
const company = (fields: Partial<CompanyForXero> = {}): CompanyForXero => ({
  kind: 'company',
  id: 'crm-1',
  name: 'ABC Furniture',
  accountNumber: null,
  isCustomer: true,
  isSupplier: false,
  email: 'ap@abc.example',
  phone: '09 555 0100',
  mobile: null,
  postalAddress: { ...noAddress, line1: 'PO Box 12' },
  streetAddress: noAddress,
  taxNumber: null,
  defaultCurrency: 'NZD',
  paymentTermsDays: 20,
  paymentTermsType: 'OFFOLLOWINGMONTH',
  notes: null,
  people: [
    { id: 'p1', name: 'Mia Wong', firstName: 'Mia', lastName: 'Wong', email: null, createdAt: new Date('2026-01-01T00:00:00Z') },
    { id: 'p2', name: 'Al Li', firstName: 'Al', lastName: 'Li', email: null, createdAt: new Date('2026-02-01T00:00:00Z') },
  ],
  ...fields,
});
const fingerprint = (c: CompanyForXero, contactId?: string) => contactFingerprint(mapContactToXero(c, { contactId: contactId ?? null }));

describe('contactFingerprint', () => {
  it('when a contact is mapped twice, then the fingerprint is the same versioned sha-256', () => {
    const first = fingerprint(company());
    expect(first).to.match(new RegExp(`^${CONTACT_FINGERPRINT_VERSION}:[0-9a-f]{64}$`));
    expect(fingerprint(company())).to.equal(first);
  });

  it('when only the ContactID differs (create, then update of the same contact), then the fingerprint is the same', () => {
    expect(fingerprint(company(), 'c0ffee00-0000-4000-8000-000000000001')).to.equal(fingerprint(company()));
  });

  it('when notes or the CRM id change, then nothing Xero keeps changed and the fingerprint is the same', () => {
    expect(fingerprint(company({ notes: 'New note', id: 'crm-2' }))).to.equal(fingerprint(company()));
  });

  const changes: Array<{ when: string; change: Partial<CompanyForXero> }> = [
    { when: 'the name changes', change: { name: 'ABC Furniture Ltd' } },
    { when: 'the email is emptied', change: { email: null } },
    { when: 'a mobile is added', change: { mobile: '021 555 123' } },
    { when: 'a postal address line changes', change: { postalAddress: { ...noAddress, line1: 'PO Box 13' } } },
    { when: 'the address moves from postal to street', change: { postalAddress: noAddress, streetAddress: { ...noAddress, line1: 'PO Box 12' } } },
    { when: 'the payment terms change', change: { paymentTermsDays: 21 } },
    { when: 'the contact also becomes a supplier (terms go to Bills too)', change: { isSupplier: true } },
    { when: 'the currency changes', change: { defaultCurrency: 'AUD' } },
    {
      when: 'a person is renamed',
      change: { people: [{ id: 'p1', name: 'Mia Chen', firstName: 'Mia', lastName: 'Chen', email: null, createdAt: new Date('2026-01-01T00:00:00Z') }] },
    },
    { when: 'the primary person changes', change: { primaryPersonId: 'p2' } },
  ];
  for (const c of changes) {
    it(`when ${c.when}, then the fingerprint changes`, () => {
      expect(fingerprint(company(c.change))).not.to.equal(fingerprint(company()));
    });
  }

  it('when the wire form lists keys, phones and addresses in another order, then the fingerprint is the same', () => {
    const a = {
      Name: 'X',
      EmailAddress: 'x@example.com',
      Phones: [
        { PhoneType: 'DEFAULT', PhoneNumber: '1' },
        { PhoneType: 'MOBILE', PhoneNumber: '2' },
      ],
      Addresses: [
        { AddressType: 'POBOX', City: 'A' },
        { AddressType: 'STREET', City: 'B' },
      ],
    };
    const b = {
      Addresses: [
        { City: 'B', AddressType: 'STREET' },
        { City: 'A', AddressType: 'POBOX' },
      ],
      Phones: [
        { PhoneNumber: '2', PhoneType: 'MOBILE' },
        { PhoneNumber: '1', PhoneType: 'DEFAULT' },
      ],
      EmailAddress: 'x@example.com',
      Name: 'X',
    };
    expect(wireContactFingerprint(b)).to.equal(wireContactFingerprint(a));
  });

  it('when empty strings, empty phones and absent fields differ only in form, then the fingerprint is the same', () => {
    const withEmpties = {
      Name: 'X',
      TaxNumber: '',
      Phones: [
        { PhoneType: 'MOBILE', PhoneNumber: '', PhoneAreaCode: '' },
        { PhoneType: 'DEFAULT', PhoneNumber: '1' },
      ],
    };
    expect(wireContactFingerprint(withEmpties)).to.equal(wireContactFingerprint({ Name: 'X', Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '1' }] }));
  });

  it('when ContactPersons come in another order, then the fingerprint changes (the first is the primary)', () => {
    const p = [{ FirstName: 'A' }, { FirstName: 'B' }];
    expect(wireContactFingerprint({ Name: 'X', ContactPersons: [...p].reverse() })).not.to.equal(wireContactFingerprint({ Name: 'X', ContactPersons: p }));
  });

  it('when a value moves between two phone types, then the fingerprint changes', () => {
    expect(wireContactFingerprint({ Name: 'X', Phones: [{ PhoneType: 'MOBILE', PhoneNumber: '1' }] })).not.to.equal(
      wireContactFingerprint({ Name: 'X', Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '1' }] }),
    );
  });
});
