import { parseDecimal } from '../common/money.js';

/** A CRM product: what a firm sells or buys, sent to Xero as an Item. */
export interface Product {
  id: string;
  code: string;
  name: string;
  description: string | null;
  /** Prices as integers scaled by 10,000 (4 dp, like Xero's unitdp=4). */
  salePrice: number | null;
  costPrice: number | null;
  salesAccountCode: string | null;
  purchasesAccountCode: string | null;
  salesTaxType: string | null;
  purchasesTaxType: string | null;
  defaultSupplierId: string | null;
  xeroItemId: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ProductInput = Omit<Product, 'id' | 'xeroItemId' | 'archivedAt' | 'createdAt' | 'updatedAt'>;

export interface ProductSummary extends Product {
  supplierName: string | null;
}

export type ProductSort = 'code' | 'name' | 'sale_price' | 'updated';
export const PRODUCT_SORTS: readonly ProductSort[] = ['code', 'name', 'sale_price', 'updated'];

export interface ProductFilters {
  q: string;
  /** Only products whose default supplier is this contact. */
  supplierId: string | null;
  archived: 'active' | 'archived' | 'all';
}

/** Xero's limits for Items. */
export const CODE_MAX = 30;
export const NAME_MAX = 50;
export const DESCRIPTION_MAX = 4000;

export const codeKey = (code: string): string => code.trim().toLowerCase();

/** Largest price accepted, in whole units (the same limit as a document's unit price). */
export const PRICE_MAX = 1_000_000_000;

/**
 * "1,234.5" → 12345000 through the app's one money parser (src/common/money.ts, the one quotes and
 * orders use): null for blank; the parser's message for anything that is not a non-negative amount
 * with at most 4 decimal places (so "1,2,3" is refused, as it is on a quote line).
 */
export function parsePrice(text: string, label = 'Price'): { ok: true; value: number | null } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: null };
  return parseDecimal(text, { dp: 4, label, max: PRICE_MAX });
}

/** 125000 → "12.50" (at least 2 dp, up to 4 when needed). */
export function formatPrice(scaled: number | null): string {
  if (scaled === null) return '';
  const sign = scaled < 0 ? '-' : '';
  const abs = Math.abs(scaled);
  const whole = Math.floor(abs / 10000);
  const fraction = String(abs % 10000)
    .padStart(4, '0')
    .replace(/0{1,2}$/, '');
  return `${sign}${whole}.${fraction.length < 2 ? fraction.padEnd(2, '0') : fraction}`;
}
