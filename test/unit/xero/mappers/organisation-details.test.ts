import { expect } from 'chai';
import type { Organisation } from 'xero-node';
import { organisationDetailsFromXero } from '../../../../src/xero/index.js';

const org = (fields: Record<string, unknown>): Organisation => fields as unknown as Organisation;

describe("organisation details from Xero's Organisation record", () => {
  it('when Xero has a street and a postal address and a tax number, then the street address is kept as lines with the tax number', () => {
    const details = organisationDetailsFromXero(
      org({
        name: 'Demo Company (AU)',
        shortCode: '!abc12',
        baseCurrency: 'AUD',
        countryCode: 'AU',
        taxNumber: ' 12 345 678 901 ',
        addresses: [
          { addressType: 'POBOX', addressLine1: 'PO Box 1' },
          {
            addressType: 'STREET',
            addressLine1: '23 Main Street',
            addressLine2: '',
            city: 'Marineville',
            region: 'VIC',
            postalCode: '3210',
            country: 'Australia',
          },
        ],
      }),
    );
    expect(details).to.deep.equal({
      name: 'Demo Company (AU)',
      shortCode: '!abc12',
      baseCurrency: 'AUD',
      countryCode: 'AU',
      addressLines: ['23 Main Street', 'Marineville VIC 3210', 'Australia'],
      taxNumber: '12 345 678 901',
    });
  });

  it('when Xero has only a postal address and no tax number, then the postal address is kept and the tax number is null', () => {
    const details = organisationDetailsFromXero(org({ name: 'Kiwi Ltd', addresses: [{ addressType: 'POBOX', addressLine1: 'PO Box 9', city: 'Napier' }] }));
    expect([details.addressLines, details.taxNumber]).to.deep.equal([['PO Box 9', 'Napier'], null]);
  });

  it('when Xero has no addresses, then there are no lines', () => {
    expect(organisationDetailsFromXero(org({ name: 'Bare', addresses: [] })).addressLines).to.deep.equal([]);
  });
});
