import { expect } from 'chai';
import type { Contact as XeroContact } from 'xero-node';
import { mapXeroContact } from '../../../src/xero-import/xero-contact-mapper.js';
import type { XeroContactFields } from '../../../src/xero-import/xero-import.js';

/** An SDK contact as xero-node deserialises one: camelCase, enums carrying Xero's strings. */
const xero = (fields: Record<string, unknown>): XeroContact =>
  ({ contactID: 'c0ffee00-0000-4000-8000-000000000001', name: 'ABC Furniture', ...fields }) as XeroContact;

const noAddress = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
const base: XeroContactFields = {
  kind: 'company',
  name: 'ABC Furniture',
  firstName: null,
  lastName: null,
  isCustomer: false,
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
};

describe('mapXeroContact', () => {
  const cases: Array<{ when: string; input: Record<string, unknown>; fields: Partial<XeroContactFields>; archived?: boolean }> = [
    { when: 'a contact has only a name', input: {}, fields: {} },
    {
      when: 'a contact has POBOX and STREET addresses',
      input: {
        addresses: [
          {
            addressType: 'STREET',
            addressLine1: '1 Queen St',
            addressLine2: 'Level 2',
            addressLine3: 'Suite 4',
            city: 'Auckland',
            region: 'Auckland',
            postalCode: '1010',
            country: 'New Zealand',
          },
          { addressType: 'POBOX', addressLine1: 'PO Box 12', city: 'Wellington', postalCode: '6140', country: 'NZ' },
        ],
      },
      fields: {
        postalAddress: { line1: 'PO Box 12', line2: null, city: 'Wellington', region: null, postalCode: '6140', country: 'NZ' },
        streetAddress: { line1: '1 Queen St', line2: 'Level 2, Suite 4', city: 'Auckland', region: 'Auckland', postalCode: '1010', country: 'New Zealand' },
      },
    },
    {
      when: 'a contact has DEFAULT, MOBILE, FAX and DDI phones, some empty',
      input: {
        phones: [
          { phoneType: 'FAX', phoneNumber: '999' },
          { phoneType: 'DEFAULT', phoneCountryCode: '64', phoneAreaCode: '9', phoneNumber: '555 0100' },
          { phoneType: 'MOBILE' },
          { phoneType: 'DDI', phoneNumber: '1' },
        ],
      },
      fields: { phone: '64 9 555 0100', mobile: null },
    },
    { when: 'a contact has a mobile only', input: { phones: [{ phoneType: 'MOBILE', phoneNumber: '021 555 123' }] }, fields: { mobile: '021 555 123' } },
    { when: 'Xero flags a customer and supplier', input: { isCustomer: true, isSupplier: true }, fields: { isCustomer: true, isSupplier: true } },
    {
      when: 'a contact has a default currency, tax number and email',
      input: { defaultCurrency: 'nzd', taxNumber: ' 12-345-678 ', emailAddress: 'ap@abc.example' },
      fields: { defaultCurrency: 'NZD', taxNumber: '12-345-678', email: 'ap@abc.example' },
    },
    { when: 'the default currency is not a code', input: { defaultCurrency: 'DOLLARS' }, fields: {} },
    {
      when: 'sales payment terms are 20 days after the invoice date',
      input: { paymentTerms: { sales: { day: 20, type: 'DAYSAFTERBILLDATE' }, bills: { day: 7, type: 'OFFOLLOWINGMONTH' } } },
      fields: { paymentTermsDays: 20, paymentTermsType: 'DAYSAFTERBILLDATE' },
    },
    { when: 'sales payment terms name a day of the month past 31', input: { paymentTerms: { sales: { day: 45, type: 'OFFOLLOWINGMONTH' } } }, fields: {} },
    { when: 'only bills payment terms are set', input: { paymentTerms: { bills: { day: 7, type: 'DAYSAFTERBILLDATE' } } }, fields: {} },
    {
      when: "the name is its person's first and last name",
      input: { name: 'Sam Swanston', firstName: 'Sam', lastName: 'Swanston' },
      fields: { kind: 'person', name: 'Sam Swanston', firstName: 'Sam', lastName: 'Swanston' },
    },
    {
      when: 'a company has a contact person',
      input: { firstName: 'Trish', lastName: 'Rawlings' },
      fields: { kind: 'company', firstName: 'Trish', lastName: 'Rawlings' },
    },
    { when: 'the contact is archived', input: { contactStatus: 'ARCHIVED' }, fields: {}, archived: true },
    { when: 'the contact was erased on a GDPR request', input: { contactStatus: 'GDPRREQUEST' }, fields: {}, archived: true },
    {
      when: 'the phone parts together exceed 50 characters',
      input: {
        phones: [
          { phoneType: 'DEFAULT', phoneCountryCode: '1234567890', phoneAreaCode: '1234567890', phoneNumber: '1234567890123456789012345678901234567890' },
        ],
      },
      fields: { phone: '1234567890 1234567890 1234567890123456789012345678' },
    },
  ];

  for (const c of cases) {
    it(`when ${c.when}, then the CRM contact gets ${JSON.stringify(c.fields)}`, () => {
      const result = mapXeroContact(xero(c.input));
      expect(result).to.deep.equal({
        ok: true,
        value: { xeroContactId: 'c0ffee00-0000-4000-8000-000000000001', archived: c.archived ?? false, fields: { ...base, ...c.fields } },
      });
    });
  }

  it('when a contact has no ContactID or no name, then it is left out with the reason', () => {
    expect(mapXeroContact({ name: 'No Id' } as XeroContact)).to.deep.equal({ ok: false, reason: 'Xero sent it without a ContactID.' });
    expect(mapXeroContact(xero({ name: '  ' }))).to.deep.equal({ ok: false, reason: 'It has no name in Xero.' });
  });
});
