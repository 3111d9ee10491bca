/**
 * Organisations (tenants) and the realistic ledger each one starts with.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { OrganisationSeed, SandboxOrganisation } from '../identity-accounting-seam.js';
import { TABLES } from './schema.js';
import { TenantStore } from './store.js';
import { ACCOUNT_CLASS, CHART_OF_ACCOUNTS, CONTACT_SEEDS, ITEM_SEEDS, REGIONS, type RegionSeed } from './seed-regions.js';
import type { AccountRecord, JsonObject, TaxRateRecord } from './types.js';
import { msToIso } from './wire.js';

export interface OrganisationRow {
  tenant_id: string;
  name: string;
  short_code: string;
  country_code: string;
  base_currency: string;
  version: string;
  created_at: number | string;
}

const SHORT_CODE_CHARS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newShortCode(): string {
  let code = '!';
  for (let i = 0; i < 5; i += 1) code += SHORT_CODE_CHARS[randomInt(SHORT_CODE_CHARS.length)];
  return code;
}

export function toSandboxOrganisation(row: OrganisationRow): SandboxOrganisation {
  return { tenantId: row.tenant_id, name: row.name, shortCode: row.short_code, countryCode: row.country_code, baseCurrency: row.base_currency };
}

export async function getOrganisationRow(db: Knex, tenantId: string): Promise<OrganisationRow | undefined> {
  const row: OrganisationRow | undefined = await db(TABLES.organisations).where({ tenant_id: tenantId.toLowerCase() }).first();
  return row;
}

export async function getOrganisation(db: Knex, tenantId: string): Promise<SandboxOrganisation | undefined> {
  const row = await getOrganisationRow(db, tenantId);
  return row ? toSandboxOrganisation(row) : undefined;
}

export async function findOrganisationByShortCode(db: Knex, shortCode: string): Promise<OrganisationRow | undefined> {
  const row: OrganisationRow | undefined = await db(TABLES.organisations).where({ short_code: shortCode }).first();
  return row;
}

/** Records seeded after the ledger, in the same transaction (the demo's history); injected so this module stays a leaf. */
export type SeedHistory = (store: TenantStore, context: { nowMs: number; baseCurrency: string }) => Promise<void>;

export async function createOrganisation(
  db: Knex,
  seed: OrganisationSeed,
  nowMs = Date.now(),
  opts: { seedHistory?: SeedHistory } = {},
): Promise<SandboxOrganisation> {
  const region = REGIONS[seed.countryCode];
  if (!region) throw new Error(`Unsupported country code ${String(seed.countryCode)}`);
  const tenantId = randomUUID();
  const row: OrganisationRow = {
    tenant_id: tenantId,
    name: seed.name,
    short_code: newShortCode(),
    country_code: seed.countryCode,
    base_currency: region.baseCurrency,
    version: region.version,
    created_at: nowMs,
  };
  await db.transaction(async (trx) => {
    while (await trx(TABLES.organisations).where({ short_code: row.short_code }).first()) row.short_code = newShortCode();
    await trx(TABLES.organisations).insert(row);
    await seedLedger(new TenantStore(trx, tenantId), region, nowMs);
    if (opts.seedHistory) await opts.seedHistory(new TenantStore(trx, tenantId), { nowMs, baseCurrency: region.baseCurrency });
  });
  return toSandboxOrganisation(row);
}

function taxTypeFor(region: RegionSeed, kind: 'sales' | 'purchases' | 'none'): string {
  return kind === 'sales' ? region.salesTax : kind === 'purchases' ? region.purchasesTax : region.noTax;
}

async function seedLedger(store: TenantStore, region: RegionSeed, nowMs: number): Promise<void> {
  const updated = msToIso(nowMs);
  const meta = { updatedAt: nowMs };
  for (const seed of CHART_OF_ACCOUNTS) {
    const account: AccountRecord = {
      AccountID: randomUUID(),
      Code: seed.code,
      Name: seed.code === '820' ? region.taxAccountName : seed.name,
      Type: seed.type,
      Status: 'ACTIVE',
      TaxType: taxTypeFor(region, seed.tax),
      Class: ACCOUNT_CLASS[seed.type] ?? 'ASSET',
      EnablePaymentsToAccount: seed.payments ?? false,
      ShowInExpenseClaims: seed.type === 'EXPENSE',
      HasAttachments: false,
      UpdatedDateUTC: updated,
      ...(seed.type === 'BANK' ? { BankAccountNumber: '0820000' + seed.code, BankAccountType: 'BANK', CurrencyCode: region.baseCurrency } : {}),
      ...(seed.system ? { SystemAccount: seed.system } : {}),
    };
    await store.insert('Accounts', account.AccountID, { ...account }, { ...meta, number: seed.code, status: 'ACTIVE' });
  }
  for (const t of region.taxRates) {
    const taxRate: TaxRateRecord = {
      Name: t.name,
      TaxType: t.taxType,
      ReportTaxType: t.reportTaxType,
      Status: 'ACTIVE',
      EffectiveRate: t.rate,
      DisplayTaxRate: t.rate,
      CanApplyToRevenue: t.revenue,
      CanApplyToExpenses: t.expenses,
      CanApplyToAssets: t.expenses,
      CanApplyToEquity: false,
      CanApplyToLiabilities: t.expenses,
      TaxComponents: [{ Name: region.taxAccountName, Rate: t.rate, IsCompound: false, IsNonRecoverable: false }],
    };
    await store.insert(
      'TaxRates',
      randomUUID(),
      { ...taxRate, TaxComponents: taxRate.TaxComponents.map((c) => ({ ...c })) },
      { ...meta, number: t.taxType, status: 'ACTIVE' },
    );
  }
  for (const currency of [{ code: region.baseCurrency, description: region.baseCurrencyName }, ...region.otherCurrencies]) {
    await store.insert('Currencies', randomUUID(), { Code: currency.code, Description: currency.description }, { ...meta, number: currency.code });
  }
  for (const [i, name] of ['Standard', 'Special Projects'].entries()) {
    const id = randomUUID();
    await store.insert('BrandingThemes', id, { BrandingThemeID: id, Name: name, Type: 'INVOICE', SortOrder: i, CreatedDateUTC: updated }, meta);
  }
  const categoryId = randomUUID();
  const category: JsonObject = {
    TrackingCategoryID: categoryId,
    Name: 'Region',
    Status: 'ACTIVE',
    Options: region.regions.map((name) => ({ TrackingOptionID: randomUUID(), Name: name, Status: 'ACTIVE' })),
  };
  await store.insert('TrackingCategories', categoryId, category, { ...meta, number: 'Region', status: 'ACTIVE' });
  for (const item of ITEM_SEEDS) {
    const id = randomUUID();
    await store.insert(
      'Items',
      id,
      {
        ItemID: id,
        Code: item.code,
        Name: item.name,
        Description: item.name,
        PurchaseDescription: item.name,
        IsSold: true,
        IsPurchased: item.cost > 0,
        IsTrackedAsInventory: false,
        UpdatedDateUTC: updated,
        SalesDetails: { UnitPrice: item.price, AccountCode: '200', TaxType: region.salesTax },
        PurchaseDetails: item.cost > 0 ? { UnitPrice: item.cost, AccountCode: '300', TaxType: region.purchasesTax } : {},
      },
      { ...meta, number: item.code },
    );
  }
  for (const seed of CONTACT_SEEDS) {
    const id = randomUUID();
    const email = `${seed.first.toLowerCase()}@${seed.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
    await store.insert(
      'Contacts',
      id,
      {
        ContactID: id,
        ContactStatus: 'ACTIVE',
        Name: seed.name,
        FirstName: seed.first,
        LastName: seed.last,
        EmailAddress: email,
        Addresses: [
          { AddressType: 'POBOX', City: seed.city },
          { AddressType: 'STREET', City: seed.city },
        ],
        Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '5550100' }, { PhoneType: 'MOBILE' }, { PhoneType: 'FAX' }, { PhoneType: 'DDI' }],
        ContactPersons: [],
        IsSupplier: false,
        IsCustomer: false,
        UpdatedDateUTC: updated,
        HasAttachments: false,
      },
      { ...meta, number: seed.name, status: 'ACTIVE' },
    );
  }
}
