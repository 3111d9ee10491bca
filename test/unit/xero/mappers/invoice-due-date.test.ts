import { expect } from 'chai';
import { dueDateFromTerms, invoiceDueDate, type PaymentTermsSetting } from '../../../../src/xero/mappers/invoice-due-date.js';
import { dueDate as sandboxDueDate } from '../../../../src/sandbox/accounting/schedule.js';

describe('dueDateFromTerms', () => {
  const cases: Array<[string, PaymentTermsSetting, string]> = [
    ['2026-01-15', { days: 20, type: 'DAYSAFTERBILLDATE' }, '2026-02-04'],
    ['2026-12-20', { days: 14, type: 'DAYSAFTERBILLDATE' }, '2027-01-03'],
    ['2026-01-15', { days: 0, type: 'DAYSAFTERBILLDATE' }, '2026-01-15'],
    ['2026-01-15', { days: 10, type: 'DAYSAFTERBILLMONTH' }, '2026-02-10'],
    ['2028-02-03', { days: 0, type: 'DAYSAFTERBILLMONTH' }, '2028-02-29'],
    ['2026-01-15', { days: 20, type: 'OFCURRENTMONTH' }, '2026-01-20'],
    ['2026-02-10', { days: 31, type: 'OFCURRENTMONTH' }, '2026-02-28'],
    ['2026-01-31', { days: 20, type: 'OFFOLLOWINGMONTH' }, '2026-02-20'],
    ['2026-01-31', { days: 31, type: 'OFFOLLOWINGMONTH' }, '2026-02-28'],
    ['2026-12-05', { days: 15, type: 'OFFOLLOWINGMONTH' }, '2027-01-15'],
  ];
  for (const [invoiceDate, terms, expected] of cases) {
    it(`when an invoice of ${invoiceDate} has terms ${terms.days} ${terms.type}, then it is due ${expected}, as the sandbox computes it`, () => {
      expect(dueDateFromTerms(invoiceDate, terms)).to.equal(expected);
      expect(sandboxDueDate(invoiceDate, terms.days, terms.type)).to.equal(expected);
    });
  }

  it('when the invoice date is not a calendar date, then it is refused', () => {
    expect(() => dueDateFromTerms('15/01/2026', { days: 1, type: 'DAYSAFTERBILLDATE' })).to.throw(RangeError);
  });
});

describe('invoiceDueDate', () => {
  const terms: PaymentTermsSetting = { days: 20, type: 'OFFOLLOWINGMONTH' };

  it('when the document has its own due date, then it wins over terms and the rule', () => {
    expect(
      invoiceDueDate({ invoiceDate: '2026-01-15', documentDueDate: '2026-01-31', contactTerms: terms, rule: { rule: 'contact_terms', days: 30 } }),
    ).to.equal('2026-01-31');
  });

  it("when the rule is the contact's terms and the contact has some, then they set the due date", () => {
    expect(invoiceDueDate({ invoiceDate: '2026-01-15', contactTerms: terms, rule: { rule: 'contact_terms', days: 30 } })).to.equal('2026-02-20');
  });

  it("when the rule is the contact's terms and the contact has none, then it is the rule's days after the invoice date", () => {
    expect(invoiceDueDate({ invoiceDate: '2026-01-15', documentDueDate: null, contactTerms: null, rule: { rule: 'contact_terms', days: 30 } })).to.equal(
      '2026-02-14',
    );
  });

  it("when the rule is always N days, then the contact's terms are ignored", () => {
    expect(invoiceDueDate({ invoiceDate: '2026-01-15', contactTerms: terms, rule: { rule: 'days_after_invoice', days: 7 } })).to.equal('2026-01-22');
  });
});
