import { expect } from 'chai';
import { parseXeroDefaultsForm, referencesOf, xeroDefaultsFormValues } from '../../../src/xero-settings/xero-defaults-schema.js';
import { DEFAULT_XERO_DEFAULTS } from '../../../src/xero-settings/xero-defaults.js';

const form = {
  invoice_status: 'DRAFT',
  purchase_order_status: 'AUTHORISED',
  sales_account_code: ' 200 ',
  sales_tax_type: '',
  purchases_account_code: '',
  purchases_tax_type: 'INPUT2',
  branding_theme_id: '',
  due_date_rule: 'contact_terms',
  due_days: '0',
  invoice_numbering: 'xero',
  'tracking_tc-a': 'opt-1',
  'tracking_tc-b': '',
};

describe('parseXeroDefaultsForm', () => {
  it('when the form is complete, then codes are trimmed, empty ones are null and chosen tracking options kept', () => {
    const parsed = parseXeroDefaultsForm(form);
    expect(parsed.ok).to.equal(true);
    expect(parsed.ok && parsed.input).to.deep.equal({
      invoiceStatus: 'DRAFT',
      purchaseOrderStatus: 'AUTHORISED',
      salesAccountCode: '200',
      salesTaxType: null,
      purchasesAccountCode: null,
      purchasesTaxType: 'INPUT2',
      brandingThemeId: null,
      dueDateRule: 'contact_terms',
      dueDays: 0,
      invoiceNumbering: 'xero',
      tracking: { 'tc-a': 'opt-1' },
    });
  });

  const bad: Array<{ when: string; change: Record<string, unknown>; field: string; message: string }> = [
    {
      when: 'the invoice status is PAID',
      change: { invoice_status: 'PAID' },
      field: 'invoice_status',
      message: 'Choose Draft, Awaiting approval or Awaiting payment.',
    },
    {
      when: 'the purchase order status is SUBMITTED',
      change: { purchase_order_status: 'SUBMITTED' },
      field: 'purchase_order_status',
      message: 'Choose Draft or Approved.',
    },
    { when: 'the due days are 366', change: { due_days: '366' }, field: 'due_days', message: 'Enter a whole number of days from 0 to 365.' },
    { when: 'the due days are negative', change: { due_days: '-1' }, field: 'due_days', message: 'Enter a whole number of days from 0 to 365.' },
    { when: 'the due days are empty', change: { due_days: '' }, field: 'due_days', message: 'Enter a whole number of days from 0 to 365.' },
    { when: 'the due-date rule is unknown', change: { due_date_rule: 'whenever' }, field: 'due_date_rule', message: 'Choose how the due date is set.' },
    {
      when: 'the numbering is unknown',
      change: { invoice_numbering: 'mine' },
      field: 'invoice_numbering',
      message: "Choose Xero's numbering or the sales order's number.",
    },
    {
      when: 'an account code is 11 characters',
      change: { sales_account_code: '12345678901' },
      field: 'sales_account_code',
      message: 'Default sales account must be 10 characters or fewer.',
    },
    {
      when: 'a tracking option id is 37 characters',
      change: { 'tracking_tc-a': 'x'.repeat(37) },
      field: 'tracking_tc-a',
      message: 'Choose one of the listed options.',
    },
    {
      when: 'a field is sent twice (an array)',
      change: { invoice_status: ['DRAFT', 'AUTHORISED'] },
      field: 'invoice_status',
      message: 'Choose Draft, Awaiting approval or Awaiting payment.',
    },
  ];
  for (const c of bad) {
    it(`when ${c.when}, then that field gets the message and the typed values are kept`, () => {
      const parsed = parseXeroDefaultsForm({ ...form, ...c.change });
      expect(parsed.ok).to.equal(false);
      expect(!parsed.ok && parsed.fieldErrors).to.deep.equal({ [c.field]: c.message });
      expect(parsed.values['tracking_tc-a']).to.equal(typeof c.change['tracking_tc-a'] === 'string' ? c.change['tracking_tc-a'] : 'opt-1');
    });
  }

  it('when the form did not parse, then its codes can still be checked against the cache', () => {
    const parsed = parseXeroDefaultsForm({ ...form, due_days: 'soon' });
    expect(referencesOf(parsed.values)).to.deep.equal({
      ...DEFAULT_XERO_DEFAULTS,
      salesAccountCode: '200',
      purchasesTaxType: 'INPUT2',
      tracking: { 'tc-a': 'opt-1' },
    });
  });

  it('when stored defaults are turned into form values and parsed again, then they are unchanged', () => {
    const stored = { ...DEFAULT_XERO_DEFAULTS, invoiceStatus: 'SUBMITTED' as const, salesAccountCode: '200', dueDays: 45, tracking: { 'tc-a': 'opt-2' } };
    const parsed = parseXeroDefaultsForm(xeroDefaultsFormValues(stored));
    expect(parsed.ok && parsed.input).to.deep.equal(stored);
  });
});
