import { expect } from 'chai';
import { quoteHeaderSchema } from '../../../src/quotes/quote-schema.js';
import { salesOrderHeaderSchema } from '../../../src/sales-orders/sales-order-schema.js';
import { projectSchema } from '../../../src/projects/project-schema.js';
import { documentFormView } from '../../../src/documents/document-form-view-model.js';
import { emptyLineDraft } from '../../../src/documents/lines.js';
import { salesOrderPageView } from '../../../src/sales-orders/sales-order-view-model.js';
import type { SalesOrder } from '../../../src/sales-orders/sales-order.js';
import type { LineLookups } from '../../../src/documents/line-lookups.js';

const header = {
  number: '',
  contactId: 'c1',
  issueDate: '2026-11-20',
  expiryDate: '',
  currency: 'aud',
  lineAmountTypes: 'Exclusive',
  reference: ' ',
  notes: '',
};
const lookups: LineLookups = {
  baseCurrency: 'AUD',
  currencies: [{ value: 'AUD', label: 'AUD' }],
  accounts: [],
  products: [],
  taxRates: [{ taxType: 'OUTPUT', label: 'GST (10%)', rate: 100000 }],
  tracking: [{ id: 't', name: 'Region', options: [{ value: 'n', label: 'North' }] }],
};

describe('document schemas', () => {
  it('when a quote header is valid, then blanks become null and the currency is upper-cased', () => {
    const parsed = quoteHeaderSchema.parse(header);
    expect(parsed).to.deep.equal({
      number: null,
      contactId: 'c1',
      issueDate: '2026-11-20',
      expiryDate: null,
      currency: 'AUD',
      lineAmountTypes: 'Exclusive',
      reference: null,
      notes: null,
      projectId: null, // absent reads as no project
    });
  });

  it('when a number has characters outside letters, digits and . _ / # -, then it is refused', () => {
    const result = quoteHeaderSchema.safeParse({ ...header, number: 'QU<script>' });
    expect(result.success).to.equal(false);
  });

  it('when a sales order is due before its date, then the due date is refused', () => {
    const result = salesOrderHeaderSchema.safeParse({
      ...header,
      projectId: '',
      dueDate: '2026-11-01',
      deliveryAddress: '',
      deliveryDate: '',
      deliveryInstructions: '',
    });
    expect(result.success).to.equal(false);
    if (!result.success) expect(result.error.issues[0]?.path).to.deep.equal(['dueDate']);
  });

  it('when a project budget is typed with thousands separators, then it is stored in cents', () => {
    const parsed = projectSchema.parse({ name: ' Roof ', contactId: '', status: 'on_hold', startDate: '', endDate: '', budget: '12,500.5', description: '' });
    expect(parsed).to.include({ name: 'Roof', contactId: null, status: 'on_hold', budget: 1250050 });
  });
});

describe('document view-models', () => {
  it('when the form is re-rendered, then each line keeps its typed values, gets its errors by field, and parseable lines show amounts', () => {
    const view = documentFormView({
      values: { ...header, currency: 'AUD' },
      drafts: [
        { ...emptyLineDraft(), description: 'A', quantity: '2', unitPrice: '10', taxType: 'OUTPUT' },
        { ...emptyLineDraft(), description: 'B', quantity: 'two', unitPrice: '1' },
      ],
      lookups,
      contacts: { choices: [], truncated: false },
      errors: { 'lines[1][quantity]': 'Quantity must be a number.' },
    });
    expect(view.lines[0]?.amount).to.equal('20.00');
    expect(view.lines[1]?.amount).to.equal('');
    expect(view.lines[1]?.values.quantity).to.equal('two');
    expect(view.lines[1]?.errors).to.deep.equal({ quantity: 'Quantity must be a number.' });
    expect(view.lines[1]?.names.quantity).to.equal('lines[1][quantity]');
    expect(view.totals).to.deep.equal({ subTotal: '20.00', totalTax: '2.00', total: '22.00', currency: 'AUD' });
    expect(view.choices.tracking).to.have.length(1);
    expect(view.settingsMissing).to.equal(false);
  });

  it('when a Xero invoice link is not http(s), then the order page does not offer it as a link', () => {
    const order: SalesOrder = {
      id: 'o',
      number: 'SO-0001',
      contactId: 'c',
      contactName: 'C',
      projectId: null,
      projectName: null,
      quote: null,
      issueDate: '2026-11-20',
      dueDate: null,
      currency: 'AUD',
      lineAmountTypes: 'Exclusive',
      reference: null,
      notes: null,
      status: 'open',
      deliveryAddress: null,
      deliveryDate: null,
      deliveryInstructions: null,
      subTotal: 0,
      totalTax: 0,
      total: 0,
      lines: [],
      xeroInvoice: { invoiceId: 'x', number: 'INV-1', status: 'PAID', amountPaid: 100, amountDue: 0, paidDate: '2026-11-21', url: 'javascript:alert(1)' },
    };
    const view = salesOrderPageView(order, { accounts: [], taxRates: [], trackingOptions: [] });
    expect(view.xeroInvoice).to.include({ number: 'INV-1', status: 'Paid', amountPaid: 'AUD 1.00', amountDue: 'AUD 0.00', url: null });
    // An invoiced order stays editable (a re-send updates the same invoice) but can no longer be deleted.
    expect(view.canEdit).to.equal(true);
    expect(view.canDelete).to.equal(false);
  });
});
