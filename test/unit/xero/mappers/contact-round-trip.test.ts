/**
 * Sending and importing agree: a contact mapped for Xero, put on the wire, read back the way xero-node
 * deserialises Xero's answer and imported again (src/xero-import's mapper) has the fields it started
 * with, so a send followed by an import changes nothing in Ledgerside.
 */
import { expect } from 'chai';
import { ObjectSerializer, type Contact } from 'xero-node';
import { contactToWire, mapContactToXero } from '../../../../src/xero/mappers/contact-mapper.js';
import type { AddressForXero, ContactForXero } from '../../../../src/xero/mappers/contact-for-xero.js';
import { mapXeroContact } from '../../../../src/xero-import/xero-contact-mapper.js';

const noAddress: AddressForXero = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
const base = {
  id: 'crm-1',
  accountNumber: null,
  isCustomer: true,
  isSupplier: false,
  email: 'ap@abc.example',
  phone: '09 555 0100',
  mobile: '021 555 123',
  postalAddress: { line1: 'PO Box 12', line2: null, city: 'Wellington', region: null, postalCode: '6140', country: 'New Zealand' },
  streetAddress: { line1: '1 Queen St', line2: 'Level 2', city: 'Auckland', region: 'Auckland', postalCode: '1010', country: 'NZ' },
  taxNumber: '12-345-678',
  defaultCurrency: 'NZD',
  paymentTermsDays: 20,
  paymentTermsType: 'OFFOLLOWINGMONTH' as const,
};

function roundTrip(contact: ContactForXero) {
  const wire = {
    ...contactToWire(mapContactToXero(contact)),
    ContactID: 'c0ffee00-0000-4000-8000-000000000001',
    ContactStatus: 'ACTIVE',
    IsCustomer: contact.isCustomer,
    IsSupplier: contact.isSupplier,
  };
  const back = ObjectSerializer.deserialize(JSON.parse(JSON.stringify(wire)), 'Contact') as Contact;
  const imported = mapXeroContact(back);
  if (!imported.ok) throw new Error(imported.reason);
  return imported.value.fields;
}

describe('contact mapper round trip through the import mapper', () => {
  it('when a company with every field is sent and imported back, then its fields are unchanged', () => {
    const company: ContactForXero = { ...base, kind: 'company', name: 'ABC Furniture', people: [] };
    expect(roundTrip(company)).to.deep.equal({
      kind: 'company',
      name: 'ABC Furniture',
      firstName: null,
      lastName: null,
      isCustomer: true,
      isSupplier: false,
      email: 'ap@abc.example',
      phone: '09 555 0100',
      mobile: '021 555 123',
      postalAddress: base.postalAddress,
      streetAddress: base.streetAddress,
      taxNumber: '12-345-678',
      defaultCurrency: 'NZD',
      paymentTermsDays: 20,
      paymentTermsType: 'OFFOLLOWINGMONTH',
    });
  });

  it('when a person with no company and few fields is sent and imported back, then they are a person again', () => {
    const person: ContactForXero = {
      ...base,
      kind: 'person',
      name: 'Ana Ruiz',
      firstName: 'Ana',
      lastName: 'Ruiz',
      email: null,
      phone: null,
      mobile: null,
      postalAddress: noAddress,
      streetAddress: noAddress,
      taxNumber: null,
      defaultCurrency: null,
      paymentTermsDays: null,
      paymentTermsType: null,
    };
    expect(roundTrip(person)).to.deep.equal({
      kind: 'person',
      name: 'Ana Ruiz',
      firstName: 'Ana',
      lastName: 'Ruiz',
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
    });
  });
});
