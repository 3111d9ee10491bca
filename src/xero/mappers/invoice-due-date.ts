/**
 * Pure: an invoice's due date under the organisation's due-date rule (Xero settings page): the
 * document's own due date when it has one; else, under "the contact's payment terms, else N days",
 * the contact's terms when set; else N days after the invoice date. Dates are calendar dates
 * `YYYY-MM-DD`. Xero's PaymentTermType meanings (as the sandbox's repeating-invoice schedule computes
 * them): DAYSAFTERBILLDATE = N days after the invoice date; DAYSAFTERBILLMONTH = N days after the end
 * of the invoice's month; OFCURRENTMONTH / OFFOLLOWINGMONTH = day N of that month or the next,
 * clamped to the month's last day.
 */
import type { XeroPaymentTermsType } from './contact-for-xero.js';

export interface DueDateRuleSetting {
  rule: 'contact_terms' | 'days_after_invoice';
  days: number;
}

export interface PaymentTermsSetting {
  days: number;
  type: XeroPaymentTermsType;
}

const parts = (date: string): [number, number, number] => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`Not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};
const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The due date Xero's payment terms give an invoice dated `invoiceDate`. */
export function dueDateFromTerms(invoiceDate: string, terms: PaymentTermsSetting): string {
  const [y, m, d] = parts(invoiceDate);
  switch (terms.type) {
    case 'DAYSAFTERBILLMONTH':
      return format(Date.UTC(y, m - 1, daysInMonth(y, m) + terms.days));
    case 'OFCURRENTMONTH':
      return format(Date.UTC(y, m - 1, Math.min(Math.max(terms.days, 1), daysInMonth(y, m))));
    case 'OFFOLLOWINGMONTH': {
      const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
      return format(Date.UTC(ny, nm - 1, Math.min(Math.max(terms.days, 1), daysInMonth(ny, nm))));
    }
    case 'DAYSAFTERBILLDATE':
      return format(Date.UTC(y, m - 1, d + terms.days));
  }
}

export function invoiceDueDate(args: {
  invoiceDate: string;
  /** A due date typed on the document itself wins. */
  documentDueDate?: string | null;
  contactTerms: PaymentTermsSetting | null;
  rule: DueDateRuleSetting;
}): string {
  if (args.documentDueDate) return args.documentDueDate;
  if (args.rule.rule === 'contact_terms' && args.contactTerms) return dueDateFromTerms(args.invoiceDate, args.contactTerms);
  return dueDateFromTerms(args.invoiceDate, { days: args.rule.days, type: 'DAYSAFTERBILLDATE' });
}
