import { expect } from 'chai';
import { parseContactForm } from '../../../src/contacts/contact-schema.js';

const base = { kind: 'company', name: 'Acme Ltd' };

describe('contact form schema', () => {
  const cases: Array<{ when: string; body: Record<string, unknown>; field: string; message: RegExp }> = [
    { when: 'the name is missing for a company', body: { kind: 'company', name: '  ' }, field: 'name', message: /Enter the name/ },
    { when: 'the name is longer than Xero allows', body: { ...base, name: 'n'.repeat(256) }, field: 'name', message: /255 characters or fewer/ },
    { when: 'the kind is unknown', body: { ...base, kind: 'robot' }, field: 'kind', message: /company or person/ },
    { when: 'the email is malformed', body: { ...base, email: 'a@' }, field: 'email', message: /email address/ },
    { when: 'the currency is not three letters', body: { ...base, default_currency: 'NZ1' }, field: 'default_currency', message: /three-letter/ },
    {
      when: 'days are negative',
      body: { ...base, payment_terms_days: '-1', payment_terms_type: 'DAYSAFTERBILLDATE' },
      field: 'payment_terms_days',
      message: /whole number/,
    },
    { when: 'days come without a kind of terms', body: { ...base, payment_terms_days: '30' }, field: 'payment_terms_type', message: /both/ },
    {
      when: 'a day of the month is past 31',
      body: { ...base, payment_terms_days: '40', payment_terms_type: 'OFFOLLOWINGMONTH' },
      field: 'payment_terms_days',
      message: /between 1 and 31/,
    },
    {
      when: "the terms type is not Xero's",
      body: { ...base, payment_terms_days: '3', payment_terms_type: 'WHENEVER' },
      field: 'payment_terms_type',
      message: /listed/,
    },
    { when: 'a company names a company', body: { ...base, company_id: 'abc' }, field: 'company_id', message: /Only a person/ },
    { when: 'a postal code is absurdly long', body: { ...base, postal_postal_code: '9'.repeat(51) }, field: 'postal_postal_code', message: /50 characters/ },
    { when: 'notes are absurdly long', body: { ...base, notes: 'x'.repeat(10001) }, field: 'notes', message: /10000 characters/ },
  ];
  for (const c of cases) {
    it(`when ${c.when}, then the ${c.field} field gets the message and the typed values are kept`, () => {
      const result = parseContactForm(c.body);
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.fieldErrors[c.field]).to.match(c.message);
      expect(result.values.name).to.equal(typeof c.body.name === 'string' ? c.body.name : '');
    });
  }

  it('when a person has only first and last names, then the name is made from them', () => {
    const result = parseContactForm({ kind: 'person', first_name: ' Ana ', last_name: 'Lee', company_id: 'c1' });
    expect(result.ok && result.input).to.include({ name: 'Ana Lee', firstName: 'Ana', lastName: 'Lee', companyId: 'c1' });
  });

  it('when a full form is valid, then it becomes a typed input with nulls for blanks', () => {
    const result = parseContactForm({
      ...base,
      is_supplier: '1',
      email: ' a@b.co ',
      default_currency: 'aud',
      payment_terms_days: '14',
      payment_terms_type: 'DAYSAFTERBILLDATE',
      postal_city: 'Sydney',
    });
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.input).to.deep.include({
      isCustomer: false,
      isSupplier: true,
      email: 'a@b.co',
      defaultCurrency: 'AUD',
      paymentTermsDays: 14,
      paymentTermsType: 'DAYSAFTERBILLDATE',
      phone: null,
    });
    expect(result.input.postalAddress).to.deep.equal({ line1: null, line2: null, city: 'Sydney', region: null, postalCode: null, country: null });
  });

  it('when a field arrives as an array (a tampered form), then it reads as empty rather than crashing', () => {
    const result = parseContactForm({ kind: 'company', name: ['a', 'b'] });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.fieldErrors.name).to.match(/Enter the name/);
  });
});
