/**
 * Test double for the Xero gateway's settings adapter: holds SDK-shaped records in memory, applies
 * If-Modified-Since the way Xero does (UpdatedDateUTC after the given time) and records each call.
 */
import { Account, AccountType, BrandingTheme, Currency, CurrencyCode, Item, TaxRate, TrackingCategory, TrackingOption } from 'xero-node';
import type { XeroSettingsSource } from '../../../src/xero-settings/index.js';

export class InMemoryXeroSettingsSource implements XeroSettingsSource {
  accountList: Account[] = [];
  taxRateList: TaxRate[] = [];
  itemList: Item[] = [];
  currencyList: Currency[] = [];
  trackingList: TrackingCategory[] = [];
  themeList: BrandingTheme[] = [];
  readonly calls: Array<{ method: string; ifModifiedSince?: Date }> = [];
  /** Makes the named method reject, to test that a failed refresh writes nothing. */
  failOn: keyof XeroSettingsSource | null = null;

  private async answer<T>(method: keyof XeroSettingsSource, list: T[], since?: Date, updated?: (r: T) => Date | undefined): Promise<T[]> {
    this.calls.push(since ? { method, ifModifiedSince: since } : { method });
    if (this.failOn === method) throw new Error(`${method} failed`);
    if (!since || !updated) return structuredClone(list);
    return structuredClone(list.filter((r) => (updated(r)?.getTime() ?? 0) > since.getTime()));
  }

  accounts(ifModifiedSince?: Date) {
    return this.answer('accounts', this.accountList, ifModifiedSince, (a) => a.updatedDateUTC);
  }
  taxRates() {
    return this.answer('taxRates', this.taxRateList);
  }
  items(ifModifiedSince?: Date) {
    return this.answer('items', this.itemList, ifModifiedSince, (i) => i.updatedDateUTC);
  }
  currencies() {
    return this.answer('currencies', this.currencyList);
  }
  trackingCategories() {
    return this.answer('trackingCategories', this.trackingList);
  }
  brandingThemes() {
    return this.answer('brandingThemes', this.themeList);
  }
}

export function sdkAccount(code: string, name: string, type: AccountType, o: Partial<Account> = {}): Account {
  return {
    accountID: `acc-${code}`,
    code,
    name,
    type,
    status: Account.StatusEnum.ACTIVE,
    taxType: 'OUTPUT2',
    updatedDateUTC: new Date('2026-01-01T00:00:00Z'),
    ...o,
  };
}

export function sdkTaxRate(taxType: string, name: string, rate: number, o: Partial<TaxRate> = {}): TaxRate {
  return {
    taxType,
    name,
    effectiveRate: rate,
    displayTaxRate: rate,
    status: TaxRate.StatusEnum.ACTIVE,
    canApplyToRevenue: true,
    canApplyToExpenses: true,
    ...o,
  };
}

export function sdkItem(code: string, o: Partial<Item> = {}): Item {
  return {
    itemID: `item-${code}`,
    code,
    name: `Item ${code}`,
    isSold: true,
    salesDetails: { unitPrice: 12.5, accountCode: '200', taxType: 'OUTPUT2' },
    updatedDateUTC: new Date('2026-01-01T00:00:00Z'),
    ...o,
  };
}

export function sdkCurrency(code: CurrencyCode, description: string): Currency {
  return { code, description };
}

export function sdkTracking(id: string, name: string, options: string[], o: Partial<TrackingCategory> = {}): TrackingCategory {
  const opts: TrackingOption[] = options.map((n) => ({ trackingOptionID: `${id}-${n}`, name: n, status: TrackingOption.StatusEnum.ACTIVE }));
  return { trackingCategoryID: id, name, status: TrackingCategory.StatusEnum.ACTIVE, options: opts, ...o };
}

export function sdkTheme(id: string, name: string, sortOrder: number): BrandingTheme {
  return { brandingThemeID: id, name, sortOrder, type: BrandingTheme.TypeEnum.INVOICE, createdDateUTC: new Date('2025-05-05T00:00:00Z') };
}

/** A small but complete NZ organisation's settings. */
export function nzSettings(): InMemoryXeroSettingsSource {
  const s = new InMemoryXeroSettingsSource();
  s.accountList = [
    sdkAccount('200', 'Sales', AccountType.REVENUE),
    sdkAccount('260', 'Other Revenue', AccountType.OTHERINCOME),
    sdkAccount('310', 'Cost of Goods Sold', AccountType.DIRECTCOSTS, { taxType: 'INPUT2' }),
    sdkAccount('429', 'General Expenses', AccountType.EXPENSE, { taxType: 'INPUT2' }),
    sdkAccount('090', 'Business Bank Account', AccountType.BANK, { enablePaymentsToAccount: true }),
    sdkAccount('205', 'Old Sales', AccountType.REVENUE, { status: Account.StatusEnum.ARCHIVED }),
  ];
  s.taxRateList = [
    sdkTaxRate('OUTPUT2', '15% GST on Income', 15, { canApplyToExpenses: false }),
    sdkTaxRate('INPUT2', '15% GST on Expenses', 15, { canApplyToRevenue: false }),
    sdkTaxRate('NONE', 'No GST', 0),
    sdkTaxRate('OLDRATE', 'Old 12.5% GST', 12.5, { status: TaxRate.StatusEnum.DELETED }),
  ];
  s.itemList = [sdkItem('WIDGET'), sdkItem('SERVICE', { salesDetails: { unitPrice: 99.99995 } })];
  s.currencyList = [sdkCurrency(CurrencyCode.NZD, 'New Zealand Dollar'), sdkCurrency(CurrencyCode.AUD, 'Australian Dollar')];
  s.trackingList = [
    sdkTracking('tc-region', 'Region', ['North', 'South']),
    sdkTracking('tc-old', 'Old Category', ['X'], { status: TrackingCategory.StatusEnum.ARCHIVED }),
  ];
  s.themeList = [sdkTheme('bt-2', 'Special', 2), sdkTheme('bt-1', 'Standard', 1)];
  return s;
}
