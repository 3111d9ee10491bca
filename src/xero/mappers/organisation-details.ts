/**
 * Pure: what Ledgerside keeps of Xero's Organisation record: its name, ShortCode, base currency, country,
 * and its own address (the street address, else the postal one, as lines) and tax number, for the
 * documents it writes (the contract's supplier party).
 */
import type { Organisation as XeroOrganisation } from 'xero-node';

export interface OrganisationDetails {
  name: string | null;
  shortCode: string | null;
  baseCurrency: string | null;
  countryCode: string | null;
  addressLines: string[];
  taxNumber: string | null;
}

const clean = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function organisationDetailsFromXero(details: XeroOrganisation): OrganisationDetails {
  const addresses = details.addresses ?? [];
  const kind = (a: (typeof addresses)[number]) => String(a.addressType ?? '');
  const lines = (a: (typeof addresses)[number]) =>
    [
      clean(a.addressLine1),
      clean(a.addressLine2),
      clean(a.addressLine3),
      clean(a.addressLine4),
      [clean(a.city), clean(a.region), clean(a.postalCode)].filter(Boolean).join(' '),
      clean(a.country),
    ].filter(Boolean);
  const street = addresses.find((a) => kind(a) === 'STREET' && lines(a).length > 0);
  const postal = addresses.find((a) => kind(a) === 'POBOX' && lines(a).length > 0);
  const chosen = street ?? postal;
  return {
    name: clean(details.name) || null,
    shortCode: clean(details.shortCode) || null,
    baseCurrency: details.baseCurrency ? String(details.baseCurrency) : null,
    countryCode: details.countryCode ? String(details.countryCode) : null,
    addressLines: chosen ? lines(chosen) : [],
    taxNumber: clean(details.taxNumber) || null,
  };
}
