/**
 * What a line editor may offer, from the organisation's Xero settings cache and its products, on the
 * document kind's side of the ledger: currencies, accounts, tax rates (with their rates), tracking
 * options and products. Forms show these as dropdowns; the server accepts nothing else.
 */
import type { Choice } from '../common/choice.js';
import type { ProductChoice, ProductOffer } from '../products/index.js';

export type { ProductChoice, ProductOffer };

export interface TaxRateChoice {
  taxType: string;
  label: string;
  /** Percent × 10,000 (10% = 100000). */
  rate: number;
}

export interface TrackingChoice {
  id: string;
  name: string;
  options: Choice[];
}

export interface LineLookups {
  baseCurrency: string;
  currencies: Choice[];
  accounts: Choice[];
  taxRates: TaxRateChoice[];
  tracking: TrackingChoice[];
  products: ProductChoice[];
  /** How the products were chosen: the first PRODUCT_CHOICE_LIMIT by name, or a "Find product" search. */
  productOffer?: ProductOffer;
  /**
   * What a line without its own account or tax rate (and without a product that has one) is saved with:
   * the organisation's saved default for this side of the ledger, else what Xero would suggest from its
   * chart (src/xero-settings/product-defaults.ts); null when there is none among the choices.
   */
  defaults?: { accountCode: string | null; taxType: string | null };
}

/**
 * What a record page's lines show: the labels of the accounts, tax rates and tracking options they use
 * (tracking: "Category: Option"). A value without a label shows as itself.
 */
export interface LineLabels {
  accounts: Choice[];
  taxRates: Choice[];
  trackingOptions: Choice[];
}

/** Percent text such as "15.0000" → 150000; null when it is not a plain non-negative decimal. */
export function percentToScaled(text: string | null | undefined): number | null {
  if (!text) return null;
  const match = /^(\d{1,3})(?:\.(\d{1,4})\d*)?$/.exec(text.trim());
  if (!match?.[1]) return null;
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
}

/**
 * Loads an organisation's lookups; `productIds` are products the caller refers to (kept even if
 * archived); `productSearch` offers the products whose code or name contains it instead of the first ones.
 */
export type LineLookupsLoader = (productIds?: string[], productSearch?: string) => Promise<LineLookups>;
