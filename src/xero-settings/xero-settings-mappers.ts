/**
 * Pure mappers: xero-node SDK models → cache rows. The SDK types its enums as numeric TypeScript enums
 * but carries Xero's strings at run time ('ACTIVE', 'REVENUE'), so values are read as text. Records
 * without the ids or names a cache row needs are skipped (null) rather than stored half-empty.
 */
import type { Account, BrandingTheme, Currency, Item, TaxRate, TrackingCategory } from 'xero-node';
import type { AccountRow, BrandingThemeRow, CurrencyRow, ItemRow, TaxRateRow, TrackingCategoryRow } from './xero-settings.js';

/** Text of an SDK value (enums included); '' and absent become null. */
function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

/** Xero dates arrive as Date (SDK-deserialised), "/Date(1573755038314+0000)/" or ISO text. */
export function xeroDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || value === '') return null;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  const d = ms?.[1] ? new Date(Number(ms[1])) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A decimal amount as an integer scaled by 10,000 (4 dp, like unitdp=4), rounded half away from zero
 * on the decimal text so 1.00005 does not suffer binary floating point.
 */
export function toScaled4(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return null;
  const text = typeof value === 'string' ? value.trim() : String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return Math.sign(n) * Math.round(Math.abs(n) * 10000);
  const [, sign, whole = '0', fraction = ''] = m;
  const digits = (fraction + '00000').slice(0, 5);
  let scaled = Number(whole) * 10000 + Number(digits.slice(0, 4));
  if (Number(digits[4]) >= 5) scaled += 1;
  return sign === '-' && scaled !== 0 ? -scaled : scaled;
}

export function accountRow(a: Account): AccountRow | null {
  const accountId = textOf(a.accountID);
  const name = textOf(a.name);
  if (!accountId || !name) return null;
  return {
    accountId,
    code: textOf(a.code),
    name,
    type: textOf(a.type) ?? 'UNKNOWN',
    class: textOf(a._class),
    taxType: textOf(a.taxType),
    status: textOf(a.status) ?? 'ACTIVE',
    enablePayments: a.enablePaymentsToAccount === true,
    updatedDateUtc: xeroDate(a.updatedDateUTC),
  };
}

export function taxRateRow(t: TaxRate): TaxRateRow | null {
  const taxType = textOf(t.taxType);
  const name = textOf(t.name);
  if (!taxType || !name) return null;
  return {
    taxType,
    name,
    effectiveRate: textOf(t.effectiveRate),
    displayTaxRate: textOf(t.displayTaxRate),
    status: textOf(t.status) ?? 'ACTIVE',
    canApplyToRevenue: t.canApplyToRevenue === true,
    canApplyToExpenses: t.canApplyToExpenses === true,
    canApplyToAssets: t.canApplyToAssets === true,
    canApplyToLiabilities: t.canApplyToLiabilities === true,
  };
}

export function itemRow(i: Item): ItemRow | null {
  const itemId = textOf(i.itemID);
  const code = textOf(i.code);
  if (!itemId || !code) return null;
  return {
    itemId,
    code,
    name: textOf(i.name),
    description: textOf(i.description),
    isSold: i.isSold === true,
    isPurchased: i.isPurchased === true,
    salesUnitPrice: toScaled4(i.salesDetails?.unitPrice),
    salesAccountCode: textOf(i.salesDetails?.accountCode),
    salesTaxType: textOf(i.salesDetails?.taxType),
    purchaseUnitPrice: toScaled4(i.purchaseDetails?.unitPrice),
    purchaseAccountCode: textOf(i.purchaseDetails?.accountCode),
    purchaseTaxType: textOf(i.purchaseDetails?.taxType),
    updatedDateUtc: xeroDate(i.updatedDateUTC),
  };
}

export function currencyRow(c: Currency): CurrencyRow | null {
  const code = textOf(c.code);
  if (!code || !/^[A-Z]{3}$/.test(code)) return null;
  return { code, description: textOf(c.description) };
}

export function trackingCategoryRow(c: TrackingCategory): TrackingCategoryRow | null {
  const trackingCategoryId = textOf(c.trackingCategoryID);
  const name = textOf(c.name);
  if (!trackingCategoryId || !name) return null;
  const options = (c.options ?? []).flatMap((o) => {
    const id = textOf(o.trackingOptionID);
    const optionName = textOf(o.name);
    // Options listed under a category belong to it whatever (or however little) they say themselves.
    return id && optionName ? [{ trackingOptionId: id, trackingCategoryId, name: optionName, status: textOf(o.status) ?? 'ACTIVE' }] : [];
  });
  return { trackingCategoryId, name, status: textOf(c.status) ?? 'ACTIVE', options };
}

export function brandingThemeRow(b: BrandingTheme): BrandingThemeRow | null {
  const brandingThemeId = textOf(b.brandingThemeID);
  const name = textOf(b.name);
  if (!brandingThemeId || !name) return null;
  return {
    brandingThemeId,
    name,
    type: textOf(b.type),
    sortOrder: typeof b.sortOrder === 'number' ? b.sortOrder : 0,
    createdDateUtc: xeroDate(b.createdDateUTC),
  };
}

/** Maps a list, dropping records that cannot be cached. */
export function mapAll<S, R>(records: readonly S[], map: (record: S) => R | null): R[] {
  return records.flatMap((r) => {
    const row = map(r);
    return row ? [row] : [];
  });
}
