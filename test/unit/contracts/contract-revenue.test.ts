/**
 * Contract revenue, table-driven: ACV, annual cost, annual gross profit, margin and total contract value
 * for every billing frequency over several terms (1, 12 and 24 months from a month's last day, a
 * calendar year, open-ended), and the contract's dates (end, renewal, notice, next invoice).
 */
import { expect } from 'chai';
import {
  automaticStatus,
  addMonths,
  billingDate,
  billingsInTerm,
  contractRevenue,
  endDateOf,
  marginPercentOf,
  nextBillingDate,
  noticeDeadlineOf,
  PERIODS_PER_YEAR,
  renewalDateOf,
  XERO_SCHEDULE,
  type RevenueLine,
} from '../../../src/contracts/contract-revenue.js';
import { BILLING_FREQUENCIES, type BillingFrequency } from '../../../src/contracts/contract.js';

/** 2 × 100.00 a period (ex tax, GST 10% on top), each costing 60.00 a period: 200.00 revenue, 120.00 cost. */
const LINES: RevenueLine[] = [{ quantity: 20_000, lineAmount: 20_000, taxAmount: 2_000, unitCost: 600_000 }];

interface TermCase {
  name: string;
  start: string;
  termMonths: number | null;
  end: string | null;
  /** Invoices in the term, per frequency. */
  billings: Record<BillingFrequency, number> | null;
}

const TERMS: TermCase[] = [
  {
    name: '12 months from 31 Jan 2026',
    start: '2026-01-31',
    termMonths: 12,
    end: '2027-01-30',
    billings: { weekly: 53, fortnightly: 27, monthly: 12, quarterly: 4, half_yearly: 2, annually: 1 },
  },
  {
    name: 'the calendar year 2026',
    start: '2026-01-01',
    termMonths: 12,
    end: '2026-12-31',
    billings: { weekly: 53, fortnightly: 27, monthly: 12, quarterly: 4, half_yearly: 2, annually: 1 },
  },
  {
    name: '24 months from 31 Jan 2026',
    start: '2026-01-31',
    termMonths: 24,
    end: '2028-01-30',
    billings: { weekly: 105, fortnightly: 53, monthly: 24, quarterly: 8, half_yearly: 4, annually: 2 },
  },
  {
    name: '1 month from 31 Jan 2026 (February is short)',
    start: '2026-01-31',
    termMonths: 1,
    end: '2026-02-27',
    billings: { weekly: 4, fortnightly: 2, monthly: 1, quarterly: 1, half_yearly: 1, annually: 1 },
  },
  { name: 'open-ended', start: '2026-03-15', termMonths: null, end: null, billings: null },
];

describe('Contract revenue (pure)', () => {
  it('when a frequency is billed, then a year has 52, 26, 12, 4, 2 or 1 invoices and Xero’s Schedule has the matching Period/Unit', () => {
    expect(PERIODS_PER_YEAR).to.deep.equal({ weekly: 52, fortnightly: 26, monthly: 12, quarterly: 4, half_yearly: 2, annually: 1 });
    expect(XERO_SCHEDULE).to.deep.equal({
      weekly: { period: 1, unit: 'WEEKLY' },
      fortnightly: { period: 2, unit: 'WEEKLY' },
      monthly: { period: 1, unit: 'MONTHLY' },
      quarterly: { period: 3, unit: 'MONTHLY' },
      half_yearly: { period: 6, unit: 'MONTHLY' },
      annually: { period: 12, unit: 'MONTHLY' },
    });
  });

  for (const term of TERMS) {
    for (const frequency of BILLING_FREQUENCIES) {
      it(`when a ${frequency} contract runs ${term.name}, then ACV, annual cost, GP, margin and TCV follow`, () => {
        const periods = PERIODS_PER_YEAR[frequency];
        expect(endDateOf(term.start, term.termMonths)).to.equal(term.end);
        const r = contractRevenue(LINES, { frequency, lineAmountTypes: 'Exclusive', firstInvoiceDate: term.start, endDate: term.end });
        expect(r.perPeriod).to.equal(20_000);
        expect(r.costPerPeriod).to.equal(12_000);
        expect(r.acv).to.equal(20_000 * periods);
        expect(r.annualCost).to.equal(12_000 * periods);
        expect(r.annualGrossProfit).to.equal(8_000 * periods);
        expect(r.marginPercent).to.equal(40);
        const billings = term.billings ? term.billings[frequency] : null;
        expect(r.billingsInTerm).to.equal(billings);
        expect(r.totalContractValue).to.equal(billings === null ? null : 20_000 * billings);
        expect(r.linesWithoutCost).to.equal(0);
      });
    }
  }

  it('when amounts are tax inclusive, then revenue leaves the tax out', () => {
    const r = contractRevenue([{ quantity: 10_000, lineAmount: 11_000, taxAmount: 1_000, unitCost: 250_000 }], {
      frequency: 'quarterly',
      lineAmountTypes: 'Inclusive',
      firstInvoiceDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    expect([r.perPeriod, r.acv, r.annualCost, r.annualGrossProfit, r.marginPercent, r.totalContractValue]).to.deep.equal([
      10_000, 40_000, 10_000, 30_000, 75, 40_000,
    ]);
  });

  it('when a line has no cost, then it counts as 0 and is reported', () => {
    const r = contractRevenue([...LINES, { quantity: 10_000, lineAmount: 5_000, taxAmount: 500, unitCost: null }], {
      frequency: 'monthly',
      lineAmountTypes: 'Exclusive',
      firstInvoiceDate: '2026-01-01',
      endDate: null,
    });
    expect([r.acv, r.annualCost, r.linesWithoutCost, r.marginPercent]).to.deep.equal([300_000, 144_000, 1, 52]);
  });

  it('when the cost of a fractional quantity is half a cent, then it rounds half away from zero', () => {
    // 1.5 × 0.0333 = 0.04995 → 0.05.
    const r = contractRevenue([{ quantity: 15_000, lineAmount: 100, taxAmount: 0, unitCost: 333 }], {
      frequency: 'annually',
      lineAmountTypes: 'NoTax',
      firstInvoiceDate: '2026-01-01',
      endDate: null,
    });
    expect(r.costPerPeriod).to.equal(5);
  });

  it('when there is no revenue or a loss, then the margin is none or negative (1 dp)', () => {
    expect(marginPercentOf(0, 0)).to.equal(null);
    expect(marginPercentOf(100, 300)).to.equal(33.3);
    expect(marginPercentOf(200, 300)).to.equal(66.7);
    expect(marginPercentOf(-50, 200)).to.equal(-25);
  });

  const DATES: [string, string, number | null, string | null, string | null, number | null, string | null][] = [
    // name, start, term, end, renewal, notice days, notice by
    ['12 months from 1 Mar 2027 (a leap February)', '2027-03-01', 12, '2028-02-29', '2028-03-01', 30, '2028-01-31'],
    ['12 months from 15 Jun 2026', '2026-06-15', 12, '2027-06-14', '2027-06-15', 90, '2027-03-17'],
    ['1 month from 31 Jan 2026', '2026-01-31', 1, '2026-02-27', '2026-02-28', 0, '2026-02-28'],
    ['36 months from 31 Aug 2026', '2026-08-31', 36, '2029-08-30', '2029-08-31', null, null],
    ['open-ended', '2026-01-01', null, null, null, 30, null],
  ];
  for (const [name, start, term, end, renewal, notice, noticeBy] of DATES) {
    it(`when a contract runs ${name}, then its end, renewal and notice dates follow`, () => {
      expect(endDateOf(start, term)).to.equal(end);
      expect(renewalDateOf(end)).to.equal(renewal);
      expect(noticeDeadlineOf(renewal, notice)).to.equal(noticeBy);
    });
  }

  it('when monthly billing starts on the 31st, then each date keeps the 31st where the month has one (as Xero’s schedule)', () => {
    expect([0, 1, 2, 3, 12].map((n) => billingDate('2026-01-31', 'monthly', n))).to.deep.equal([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2027-01-31',
    ]);
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
    expect([0, 1, 2].map((n) => billingDate('2026-12-28', 'fortnightly', n))).to.deep.equal(['2026-12-28', '2027-01-11', '2027-01-25']);
  });

  it('when asked for the next invoice date, then it is the first billing date on or after today within the term', () => {
    expect(nextBillingDate('2026-01-31', 'monthly', '2027-01-30', '2026-03-01')).to.equal('2026-03-31');
    expect(nextBillingDate('2026-01-31', 'monthly', '2027-01-30', '2026-01-31')).to.equal('2026-01-31');
    expect(nextBillingDate('2026-01-31', 'monthly', '2027-01-30', '2027-01-01')).to.equal(null);
    expect(nextBillingDate('2026-01-01', 'annually', null, '2030-06-01')).to.equal('2031-01-01');
    expect(billingsInTerm('2026-05-01', 'monthly', '2026-04-30')).to.equal(0);
  });

  describe('automatic status once the end date has passed', () => {
    const base = { status: 'active' as const, issueDate: '2026-01-01', termMonths: 12, endDate: '2026-12-31', autoRenew: false };
    const cases: Array<[string, Parameters<typeof automaticStatus>[0], string, ReturnType<typeof automaticStatus>]> = [
      ['still in its term (the end date itself)', base, '2026-12-31', null],
      ['past its end, no auto-renew', base, '2027-01-01', { status: 'expired' }],
      [
        'past its end, auto-renew',
        { ...base, autoRenew: true },
        '2027-01-01',
        { status: 'renewed', issueDate: '2027-01-01', endDate: '2027-12-31', renewalDate: '2028-01-01' },
      ],
      [
        'two terms later, auto-renew (every passed term rolled)',
        { ...base, autoRenew: true },
        '2028-03-15',
        { status: 'renewed', issueDate: '2028-01-01', endDate: '2028-12-31', renewalDate: '2029-01-01' },
      ],
      [
        'renewed before and past its end again',
        { ...base, status: 'renewed', issueDate: '2027-01-01', endDate: '2027-12-31', autoRenew: true },
        '2028-01-02',
        { status: 'renewed', issueDate: '2028-01-01', endDate: '2028-12-31', renewalDate: '2029-01-01' },
      ],
      [
        'a 1-month term from 31 Jan, auto-renew',
        { ...base, issueDate: '2026-01-31', termMonths: 1, endDate: '2026-02-27', autoRenew: true },
        '2026-03-01',
        { status: 'renewed', issueDate: '2026-02-28', endDate: '2026-03-27', renewalDate: '2026-03-28' },
      ],
      ['open-ended', { ...base, termMonths: null, endDate: null }, '2030-01-01', null],
      ['a draft', { ...base, status: 'draft' }, '2027-06-01', null],
      ['cancelled', { ...base, status: 'cancelled' }, '2027-06-01', null],
      ['already expired', { ...base, status: 'expired' }, '2027-06-01', null],
    ];
    for (const [name, contract, today, expected] of cases) {
      it(`when a contract is ${name} on ${today}, then its status ${expected ? `becomes ${expected.status}` : 'stays'}`, () => {
        expect(automaticStatus(contract, today)).to.deep.equal(expected);
      });
    }
  });
});
