/**
 * Loads a line editor's choices for one organisation on one side of the ledger: dropdown options from
 * the Xero settings cache (src/xero-settings) and the organisation's products (src/products). Tax rates
 * also need their effective rate for the totals, which the settings reader's options do not carry, so
 * it is read beside them.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { productFormDefaults, xeroSettingsReader } from '../xero-settings/index.js';
import type { ProductChoice, ProductOffer } from '../products/index.js';
import type { LedgerSide } from './document-kind.js';
import { percentToScaled, type LineLabels, type LineLookups, type TaxRateChoice } from './line-lookups.js';
import type { DocumentLine } from './lines.js';

export type ProductLoader = (
  tdb: TenantDb,
  side: LedgerSide,
  includeIds: string[],
  search: string,
) => Promise<{ choices: ProductChoice[]; offer: ProductOffer }>;

/** `productIds`: products a form refers to, always included even when archived or beyond the cap. */
export async function loadLineLookups(
  tdb: TenantDb,
  side: LedgerSide,
  baseCurrency: string | null,
  loadProducts: ProductLoader,
  productIds: string[] = [],
  productSearch = '',
): Promise<LineLookups> {
  const settings = xeroSettingsReader(tdb);
  const filter = side === 'sales' ? { forSales: true } : { forPurchases: true };
  const [currencies, accounts, taxOptions, tracking, products, suggested] = await Promise.all([
    settings.currencies(),
    settings.accounts(filter),
    settings.taxRates(filter),
    settings.trackingCategories(),
    loadProducts(tdb, side, productIds, productSearch),
    productFormDefaults(tdb),
  ]);
  const rates = await settings.effectiveRates(taxOptions.map((o) => o.value));
  const taxRates: TaxRateChoice[] = taxOptions.flatMap((o) => {
    const rate = percentToScaled(rates.get(o.value));
    // A rate we cannot read exactly is not offered: totals would not match Xero's.
    return rate === null || rate === undefined ? [] : [{ taxType: o.value, label: o.label, rate }];
  });
  const base = baseCurrency ?? 'AUD';
  // Before the first settings refresh the base currency is still usable.
  const currencyChoices = currencies.length ? currencies : [{ value: base, label: base }];
  const defaultAccount = side === 'sales' ? suggested.salesAccountCode : suggested.purchasesAccountCode;
  const defaultTax = side === 'sales' ? suggested.salesTaxType : suggested.purchasesTaxType;
  return {
    defaults: {
      accountCode: accounts.some((a) => a.value === defaultAccount) ? defaultAccount : null,
      taxType: taxRates.some((r) => r.taxType === defaultTax) ? defaultTax : null,
    },
    baseCurrency: base,
    currencies: currencyChoices,
    accounts,
    taxRates,
    tracking: tracking.slice(0, 2).map((c) => ({ id: c.value, name: c.label, options: c.options })),
    products: products.choices,
    productOffer: products.offer,
  };
}

const usedValues = (values: Array<string | null>): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];

/**
 * The labels a record page shows for saved lines: only the accounts, tax rates and tracking options
 * they use (none when they use none), where the form's lookups read every option and 500 products
 * (bench/README.md, issue 18).
 */
export async function loadLineLabels(tdb: TenantDb, lines: readonly DocumentLine[]): Promise<LineLabels> {
  return xeroSettingsReader(tdb).lineLabels({
    accountCodes: usedValues(lines.map((l) => l.accountCode)),
    taxTypes: usedValues(lines.map((l) => l.taxType)),
    trackingOptionIds: usedValues(lines.flatMap((l) => [l.trackingOption1Id, l.trackingOption2Id])),
  });
}
