import { expect } from 'chai';
import { addressLines, contactListView, contactRecordView, newContactValues, paymentTermsText, rolesText } from '../../../src/contacts/contact-view-model.js';
import type { Contact, ContactSummary } from '../../../src/contacts/index.js';

const blank = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
const contact = (o: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  kind: 'company',
  name: 'Acme',
  firstName: null,
  lastName: null,
  companyId: null,
  isCustomer: true,
  isSupplier: false,
  email: null,
  phone: null,
  mobile: null,
  postalAddress: blank,
  streetAddress: blank,
  taxNumber: null,
  defaultCurrency: null,
  paymentTermsDays: null,
  paymentTermsType: null,
  notes: null,
  xeroContactId: null,
  xeroSentAt: null,
  archivedAt: null,
  createdAt: new Date('2026-01-02T00:00:00Z'),
  updatedAt: new Date('2026-03-04T00:00:00Z'),
  ...o,
});
const query = { q: '', page: 1, pageSize: 25, sort: 'name', dir: 'asc' } as const;
const filters = { q: '', role: null, kind: null, archived: 'active' } as const;

describe('contact view-models', () => {
  for (const [terms, expected] of [
    [{ paymentTermsDays: 20, paymentTermsType: 'OFFOLLOWINGMONTH' }, 'Due on day 20 of the following month'],
    [{ paymentTermsDays: 7, paymentTermsType: 'DAYSAFTERBILLDATE' }, 'Due 7 day(s) after the invoice date'],
    [{ paymentTermsDays: null, paymentTermsType: null }, null],
  ] as const) {
    it(`when terms are ${terms.paymentTermsDays} ${terms.paymentTermsType}, then they read "${expected}"`, () => {
      expect(paymentTermsText(terms)).to.equal(expected);
    });
  }

  it('when roles and addresses are partly filled, then only the filled parts are shown', () => {
    expect(rolesText({ isCustomer: true, isSupplier: true })).to.equal('Customer, Supplier');
    expect(rolesText({ isCustomer: false, isSupplier: false })).to.equal('—');
    expect(addressLines({ ...blank, line1: '1 Main St', city: 'Nelson', postalCode: '7010' })).to.deep.equal(['1 Main St', 'Nelson 7010']);
  });

  it('when the organisation has no contacts, then the list view says so rather than "no match"', () => {
    expect(contactListView({ contacts: [], total: 0 }, query, filters).empty).to.equal('none');
    expect(contactListView({ contacts: [], total: 0 }, { ...query, q: 'x' }, { ...filters, q: 'x' }).empty).to.equal('no-match');
  });

  it('when a list is sorted by name ascending, then the name header offers descending and keeps filters', () => {
    const rows: ContactSummary[] = [{ ...contact(), companyName: null, xeroState: 'not' }];
    const view = contactListView({ contacts: rows, total: 1 }, query, { ...filters, role: 'customer' });
    expect(view.sorts.name.current).to.equal('ascending');
    expect(view.sorts.name.href).to.equal('/contacts?role=customer&sort=name&dir=desc');
    expect(view.rows[0]).to.include({ name: 'Acme', kind: 'Company', roles: 'Customer', updated: '4 Mar 2026' });
  });

  it('when a record has empty fields, then the details list leaves them out (no placeholders)', () => {
    const view = contactRecordView({ contact: contact({ email: 'a@b.co' }), company: null, people: [] });
    expect(view.details.map((d) => d.label)).to.deep.equal(['Kind', 'Customer or supplier', 'Email']);
  });

  it('when "new" is opened from a company page, then the form is preset to a person of that company', () => {
    expect(newContactValues({ kind: 'person', company_id: 'abc' })).to.include({ kind: 'person', company_id: 'abc', is_customer: '1', name: '' });
    expect(newContactValues({ kind: 'robot' }).kind).to.equal('company');
  });
});
