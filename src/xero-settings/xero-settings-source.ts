/**
 * Where refreshes read Xero settings from. The real adapter sits over the one Xero gateway (src/xero/),
 * built per organisation; tests use an in-memory double. Results are the SDK's own model types so the
 * mappers are checked against Xero's field names.
 */
import type { Account, BrandingTheme, Currency, Item, TaxRate, TrackingCategory } from 'xero-node';

export interface XeroSettingsSource {
  /** GET /Accounts, with If-Modified-Since when given (Xero then returns only accounts changed since). */
  accounts(ifModifiedSince?: Date): Promise<Account[]>;
  /** GET /TaxRates (all statuses). */
  taxRates(): Promise<TaxRate[]>;
  /** GET /Items, with If-Modified-Since when given. */
  items(ifModifiedSince?: Date): Promise<Item[]>;
  /** GET /Currencies. */
  currencies(): Promise<Currency[]>;
  /** GET /TrackingCategories?includeArchived=true, each with its options. */
  trackingCategories(): Promise<TrackingCategory[]>;
  /** GET /BrandingThemes. */
  brandingThemes(): Promise<BrandingTheme[]>;
}
