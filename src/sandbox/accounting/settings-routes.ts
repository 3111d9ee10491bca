/**
 * Read endpoints for an organisation's settings: Organisation, Accounts, TaxRates, Currencies,
 * BrandingThemes, TrackingCategories (scope accounting.settings[.read]).
 */
import type { Router } from 'express';
import { route, type ApiCall, type ApiRuntime } from './http.js';
import type { OrganisationRow } from './organisations.js';
import { listRecords } from './query.js';
import { REGIONS, type CountryCode } from './seed-regions.js';
import type { Collection, JsonObject } from './types.js';
import { msToIso, notFound } from './wire.js';

const YEAR_END: Record<string, [number, number]> = { AU: [30, 6], NZ: [31, 3], GB: [31, 3], US: [31, 12] };

/** A made-up street address and tax number per country, as a demo organisation has them in Xero. */
const DEMO_DETAILS: Record<string, { address: JsonObject; taxNumber: string }> = {
  AU: {
    address: { AddressLine1: '23 Main Street', City: 'Marineville', Region: 'VIC', PostalCode: '3210', Country: 'Australia' },
    taxNumber: '12 345 678 901',
  },
  NZ: { address: { AddressLine1: '23 Main Street', City: 'Wellington', PostalCode: '6011', Country: 'New Zealand' }, taxNumber: '123-456-789' },
  GB: { address: { AddressLine1: '23 Main Street', City: 'London', PostalCode: 'EC1A 1BB', Country: 'United Kingdom' }, taxNumber: 'GB123456789' },
  US: { address: { AddressLine1: '23 Main Street', City: 'Oaktown', Region: 'CA', PostalCode: '94601', Country: 'United States' }, taxNumber: '12-3456789' },
};

export function organisationRecord(org: OrganisationRow): JsonObject {
  const region = REGIONS[org.country_code as CountryCode];
  const [day, month] = YEAR_END[org.country_code] ?? [31, 12];
  return {
    OrganisationID: org.tenant_id,
    Name: org.name,
    LegalName: org.name,
    PaysTax: true,
    Version: org.version,
    OrganisationType: 'COMPANY',
    BaseCurrency: org.base_currency,
    CountryCode: org.country_code,
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    FinancialYearEndDay: day,
    FinancialYearEndMonth: month,
    SalesTaxBasis: region?.salesTaxBasis ?? 'ACCRUALS',
    SalesTaxPeriod: region?.salesTaxPeriod ?? 'QUARTERLY',
    DefaultSalesTax: 'Tax Exclusive',
    DefaultPurchasesTax: 'Tax Exclusive',
    CreatedDateUTC: msToIso(Number(org.created_at)),
    Timezone: region?.timezone ?? 'UTC',
    OrganisationEntityType: 'COMPANY',
    ShortCode: org.short_code,
    Class: 'DEMO',
    Edition: 'BUSINESS',
    ...(DEMO_DETAILS[org.country_code] ? { TaxNumber: DEMO_DETAILS[org.country_code]?.taxNumber } : {}),
    Addresses: DEMO_DETAILS[org.country_code] ? [{ AddressType: 'STREET', ...DEMO_DETAILS[org.country_code]?.address }] : [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: {},
  };
}

/** One record by id, or 404. */
export async function getOne(call: ApiCall, collection: Collection, id: string): Promise<JsonObject> {
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await call.store.get(collection, id) : undefined;
  if (!found) throw notFound();
  return found.data;
}

function param(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export function mountSettingsRoutes(router: Router, rt: ApiRuntime): void {
  router.get(
    '/Organisation',
    route(rt, 'settings', 'read', async (call) => call.ok('Organisations', [organisationRecord(call.org)])),
  );
  router.get(
    '/Organisation/Actions',
    route(rt, 'settings', 'read', async (call) => call.ok('Actions', [])),
  );

  const simple: { path: string; collection: Collection; idField: string; lists?: Record<string, string>; archived?: (r: JsonObject) => boolean }[] = [
    { path: 'Accounts', collection: 'Accounts', idField: 'AccountID', archived: undefined },
    { path: 'TaxRates', collection: 'TaxRates', idField: 'TaxType', lists: { TaxType: 'TaxType' } },
    { path: 'Currencies', collection: 'Currencies', idField: 'Code' },
    { path: 'BrandingThemes', collection: 'BrandingThemes', idField: 'BrandingThemeID' },
    { path: 'TrackingCategories', collection: 'TrackingCategories', idField: 'TrackingCategoryID', archived: (r) => r['Status'] === 'ARCHIVED' },
  ];
  for (const s of simple) {
    router.get(
      `/${s.path}`,
      route(rt, 'settings', 'read', async (call) => {
        const result = listRecords(await call.store.list(s.collection), call.query, call.req.header('If-Modified-Since'), {
          idField: s.idField,
          paged: false,
          ...(s.lists ? { lists: s.lists } : {}),
          ...(s.archived ? { archived: s.archived } : {}),
        });
        return call.ok(s.path, result.items);
      }),
    );
  }
  for (const s of simple.filter((x) => x.idField.endsWith('ID'))) {
    router.get(
      `/${s.path}/:id`,
      route(rt, 'settings', 'read', async (call) => call.ok(s.path, [await getOne(call, s.collection, param(call.req.params['id']))])),
    );
  }
}
