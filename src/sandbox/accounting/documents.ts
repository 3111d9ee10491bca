/**
 * What invoices, purchase orders, quotes and repeating invoices share: dates, currency, branding
 * theme, line amount types and auto numbers.
 */
import type { LedgerLookups } from './line-items.js';
import type { TenantStore } from './store.js';
import type { Collection, Json, JsonObject, LineAmountType } from './types.js';
import { msToDateString } from './wire.js';

/** Indicative rates against each base currency for foreign-currency documents sent without a rate. */
const RATES_PER_USD: Record<string, number> = { USD: 1, AUD: 1.52, NZD: 1.67, GBP: 0.79, EUR: 0.92, CAD: 1.36 };

export function today(nowMs: number): string {
  return `${msToDateString(nowMs).slice(0, 10)}T00:00:00`;
}

export function lineAmountTypes(value: Json | undefined, fallback: Json | undefined): LineAmountType {
  const v = value ?? fallback;
  return v === 'Inclusive' || v === 'NoTax' ? v : 'Exclusive';
}

export interface HeaderContext {
  store: TenantStore;
  baseCurrency: string;
  lookups: LedgerLookups;
}

/** Currency, rate and branding theme of a document, with Xero's checks; pushes messages to `errors`. */
export async function resolveHeader(doc: JsonObject, ctx: HeaderContext, errors: string[]): Promise<void> {
  const code = typeof doc['CurrencyCode'] === 'string' ? doc['CurrencyCode'].toUpperCase() : ctx.baseCurrency;
  if (!ctx.lookups.currencies.has(code)) errors.push(`The currency ${code} is not enabled for this organisation.`);
  doc['CurrencyCode'] = code;
  if (code === ctx.baseCurrency) doc['CurrencyRate'] = 1;
  else if (typeof doc['CurrencyRate'] !== 'number' || doc['CurrencyRate'] <= 0) {
    doc['CurrencyRate'] = Number(((RATES_PER_USD[code] ?? 1) / (RATES_PER_USD[ctx.baseCurrency] ?? 1)).toFixed(6));
  }
  const theme = doc['BrandingThemeID'];
  if (typeof theme === 'string' && theme !== '') {
    const found = /^[0-9a-f-]{36}$/i.test(theme) ? await ctx.store.get('BrandingThemes', theme) : undefined;
    if (!found) errors.push(`The BrandingThemeID ${theme} does not exist.`);
  }
}

/** Next free auto number (`INV-0001`), skipping numbers already taken by hand. */
export async function nextDocumentNumber(store: TenantStore, collection: Collection, prefix: string): Promise<string> {
  for (;;) {
    const n = await store.nextCounter(`number:${prefix}`);
    const candidate = `${prefix}-${String(n).padStart(4, '0')}`;
    if (!(await store.findByNumber(collection, candidate))) return candidate;
  }
}

/** The record's lines and totals merged onto the document. */
export function applyLines(
  doc: JsonObject,
  built: { lines: JsonObject[]; totals: { SubTotal: number; TotalTax: number; Total: number; TotalDiscount: number } },
): void {
  doc['LineItems'] = built.lines;
  doc['SubTotal'] = built.totals.SubTotal;
  doc['TotalTax'] = built.totals.TotalTax;
  doc['Total'] = built.totals.Total;
  if (built.totals.TotalDiscount > 0) doc['TotalDiscount'] = built.totals.TotalDiscount;
  else delete doc['TotalDiscount'];
}

export function stripReadOnly(input: JsonObject, keys: string[]): JsonObject {
  const out = { ...input };
  for (const k of keys) delete out[k];
  return out;
}
