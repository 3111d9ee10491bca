/** The cached Xero settings of one organisation, as plain rows the app can trust (no SDK types here). */
import type { Choice } from '../common/choice.js';

export const SETTINGS_KINDS = ['accounts', 'tax_rates', 'items', 'currencies', 'tracking_categories', 'branding_themes'] as const;
export type SettingsKind = (typeof SETTINGS_KINDS)[number];

export const KIND_LABELS: Record<SettingsKind, string> = {
  accounts: 'Accounts',
  tax_rates: 'Tax rates',
  items: 'Items',
  currencies: 'Currencies',
  tracking_categories: 'Tracking categories',
  branding_themes: 'Branding themes',
};

export interface AccountRow {
  accountId: string;
  code: string | null;
  name: string;
  type: string;
  class: string | null;
  taxType: string | null;
  status: string;
  enablePayments: boolean;
  updatedDateUtc: Date | null;
}

export interface TaxRateRow {
  taxType: string;
  name: string;
  /** Decimal text, e.g. "15.0000": never a float. */
  effectiveRate: string | null;
  displayTaxRate: string | null;
  status: string;
  canApplyToRevenue: boolean;
  canApplyToExpenses: boolean;
  canApplyToAssets: boolean;
  canApplyToLiabilities: boolean;
}

export interface ItemRow {
  itemId: string;
  code: string;
  name: string | null;
  description: string | null;
  isSold: boolean;
  isPurchased: boolean;
  /** Integers scaled by 10,000 (4 dp). */
  salesUnitPrice: number | null;
  salesAccountCode: string | null;
  salesTaxType: string | null;
  purchaseUnitPrice: number | null;
  purchaseAccountCode: string | null;
  purchaseTaxType: string | null;
  updatedDateUtc: Date | null;
}

export interface CurrencyRow {
  code: string;
  description: string | null;
}

export interface TrackingOptionRow {
  trackingOptionId: string;
  trackingCategoryId: string;
  name: string;
  status: string;
}

export interface TrackingCategoryRow {
  trackingCategoryId: string;
  name: string;
  status: string;
  options: TrackingOptionRow[];
}

export interface BrandingThemeRow {
  brandingThemeId: string;
  name: string;
  type: string | null;
  sortOrder: number;
  createdDateUtc: Date | null;
}

export interface SyncState {
  kind: SettingsKind;
  lastRefreshedAt: Date;
  lastModifiedSeen: Date | null;
}

export interface TrackingCategoryOption extends Choice {
  options: Choice[];
}

/** Account types offered on sales lines and purchases lines (Xero's AccountType values). */
export const SALES_ACCOUNT_TYPES: readonly string[] = ['REVENUE', 'SALES', 'OTHERINCOME'];
export const PURCHASES_ACCOUNT_TYPES: readonly string[] = [
  'DIRECTCOSTS',
  'EXPENSE',
  'OVERHEADS',
  'DEPRECIATN',
  'CURRENT',
  'FIXED',
  'INVENTORY',
  'PREPAYMENT',
  'NONCURRENT',
];
