import { expect } from 'chai';
import { repeatingInvoicePayload, repeatingInvoiceToWire, type ContractForXero, type RepeatingInvoiceDefaultsForXero } from '../../../../src/xero/index.js';

const CONTACT = '11111111-1111-4111-8111-111111111111';
const THEME = '22222222-2222-4222-8222-222222222222';

const contract = (overrides: Partial<ContractForXero> = {}): ContractForXero => ({
  number: 'CT-0001',
  schedule: { period: 1, unit: 'MONTHLY' },
  firstInvoiceDate: '2026-12-05',
  endDate: '2027-11-30',
  paymentTerms: { days: 14, type: 'DAYSAFTERBILLDATE' },
  currency: 'AUD',
  lineAmountTypes: 'Exclusive',
  lines: [
    {
      description: 'Support',
      quantity: 10000,
      unitPrice: 995000,
      discountRate: 0,
      accountCode: null,
      taxType: null,
      trackingOptionIds: [null, null],
      product: null,
    },
  ],
  ...overrides,
});

const defaults = (overrides: Partial<RepeatingInvoiceDefaultsForXero> = {}): RepeatingInvoiceDefaultsForXero => ({
  status: 'DRAFT',
  brandingThemeId: null,
  lines: { defaultAccountCode: '200', defaultTaxType: 'OUTPUT', trackingOptions: new Map(), defaultTracking: [] },
  ...overrides,
});

describe('repeating invoice mapper (contract → Xero RepeatingInvoice)', () => {
  it('when a contract is mapped, then the wire form has its schedule, reference, currency, status and lines with the defaults filled in', () => {
    const wire = repeatingInvoiceToWire(repeatingInvoicePayload(contract(), CONTACT, defaults({ brandingThemeId: THEME })).repeatingInvoice);
    expect(wire).to.deep.equal({
      Type: 'ACCREC',
      Contact: { ContactID: CONTACT },
      Schedule: { Period: 1, Unit: 'MONTHLY', DueDate: 14, DueDateType: 'DAYSAFTERBILLDATE', StartDate: '2026-12-05', EndDate: '2027-11-30' },
      LineAmountTypes: 'Exclusive',
      Reference: 'CT-0001',
      BrandingThemeID: THEME,
      CurrencyCode: 'AUD',
      Status: 'DRAFT',
      LineItems: [{ Description: 'Support', Quantity: 1, UnitAmount: 99.5, AccountCode: '200', TaxType: 'OUTPUT' }],
    });
  });

  const statuses: Array<[RepeatingInvoiceDefaultsForXero['status'], string]> = [
    ['DRAFT', 'DRAFT'],
    ['SUBMITTED', 'DRAFT'],
    ['AUTHORISED', 'AUTHORISED'],
  ];
  for (const [organisationDefault, expected] of statuses) {
    it(`when the organisation's default invoice status is ${organisationDefault}, then the template's Status is ${expected}`, () => {
      const wire = repeatingInvoiceToWire(repeatingInvoicePayload(contract(), CONTACT, defaults({ status: organisationDefault })).repeatingInvoice);
      expect(wire.Status).to.equal(expected);
    });
  }

  it('when the contract is open-ended, then the Schedule has no EndDate', () => {
    const wire = repeatingInvoiceToWire(repeatingInvoicePayload(contract({ endDate: null }), CONTACT, defaults()).repeatingInvoice);
    expect(wire.Schedule).to.deep.equal({ Period: 1, Unit: 'MONTHLY', DueDate: 14, DueDateType: 'DAYSAFTERBILLDATE', StartDate: '2026-12-05' });
  });

  it('when a replacement starts later, then only StartDate differs and the fingerprint stays that of the contract', () => {
    const plain = repeatingInvoicePayload(contract(), CONTACT, defaults());
    const later = repeatingInvoicePayload(contract(), CONTACT, defaults(), { startDate: '2027-03-05' });
    expect(repeatingInvoiceToWire(later.repeatingInvoice).Schedule).to.include({ StartDate: '2027-03-05' });
    expect(later.fingerprint).to.equal(plain.fingerprint);
  });

  it('when the price, the schedule or the payment terms change, then the fingerprint changes', () => {
    const base = repeatingInvoicePayload(contract(), CONTACT, defaults()).fingerprint;
    const changed = [
      contract({ schedule: { period: 3, unit: 'MONTHLY' } }),
      contract({ paymentTerms: { days: 20, type: 'OFFOLLOWINGMONTH' } }),
      contract({ lines: [{ ...contract().lines[0]!, unitPrice: 1000000 }] }),
      contract({ endDate: '2028-11-30' }),
    ].map((c) => repeatingInvoicePayload(c, CONTACT, defaults()).fingerprint);
    for (const f of changed) expect(f).to.not.equal(base);
    expect(new Set(changed).size).to.equal(changed.length);
  });
});
