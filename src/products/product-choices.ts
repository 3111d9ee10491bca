/**
 * Products offered on document lines: active ones by name, capped so forms stay light with large
 * catalogues, plus any a form already refers to (so an edit keeps a product that was archived or is
 * beyond the cap). The price, account and tax rate offered are the ones of the document's side of the
 * ledger: sale price and sales account/tax rate on sales documents, cost price and purchases ones on
 * purchase documents. Lines keep their own description and price, so `product_id` on a line is a soft
 * reference: a product deleted later leaves the line intact.
 */
import { whereContains } from '../db/contains.js';
import type { TenantDb } from '../db/tenant-db.js';
import { int, requiredText, text, type DbRow } from '../db/row-values.js';

export const PRODUCT_CHOICE_LIMIT = 500;
/** Matches a "Find product" search offers. */
export const PRODUCT_SEARCH_LIMIT = 50;

export interface ProductChoice {
  id: string;
  label: string;
  description: string;
  /** Unit price × 10,000 on the document's side (sale or cost price), when the product has one. */
  unitPrice: number | null;
  /** Unit cost × 10,000, when known (project cost). */
  costPrice: number | null;
  accountCode: string | null;
  taxType: string | null;
}

export interface ProductOffer {
  /** More active products (or matches) than offered. */
  truncated: boolean;
  /** The "Find product" text, '' when none, and how many matched (at most the limit + 1). */
  search: string;
  matches: number;
}

const SIDE_COLUMNS = {
  sales: { price: 'sale_price', account: 'sales_account_code', tax: 'sales_tax_type' },
  purchases: { price: 'cost_price', account: 'purchases_account_code', tax: 'purchases_tax_type' },
} as const;

const optional = (row: DbRow, key: string): string | null => text(row, key) || null;

export async function productChoices(
  tdb: TenantDb,
  side: 'sales' | 'purchases',
  includeIds: string[] = [],
  search = '',
): Promise<{ choices: ProductChoice[]; offer: ProductOffer }> {
  const c = SIDE_COLUMNS[side];
  const columns = ['id', 'code', 'name', 'description', 'cost_price', ...new Set([c.price, c.account, c.tax])];
  const choiceFromRow = (r: DbRow): ProductChoice => ({
    id: requiredText(r, 'id'),
    label: `${requiredText(r, 'code')} – ${requiredText(r, 'name')}`,
    description: optional(r, 'description') ?? requiredText(r, 'name'),
    unitPrice: int(r, c.price),
    costPrice: int(r, 'cost_price'),
    accountCode: optional(r, c.account),
    taxType: optional(r, c.tax),
  });
  const textSearch = search.trim().slice(0, 200);
  const limit = textSearch ? PRODUCT_SEARCH_LIMIT : PRODUCT_CHOICE_LIMIT;
  const query = tdb.from('products').whereNull('archived_at');
  if (textSearch) whereContains(query, ['products.code_key', 'products.name_key'], textSearch);
  const rows: DbRow[] = await query
    .orderBy('name_key')
    .limit(limit + 1)
    .select(columns);
  const offer: ProductOffer = { truncated: rows.length > limit, search: textSearch, matches: rows.length };
  const choices = rows.slice(0, limit).map(choiceFromRow);
  const missing = [...new Set(includeIds)].filter((id) => id && !choices.some((ch) => ch.id === id)).slice(0, 200);
  if (missing.length) {
    const extra: DbRow[] = await tdb.from('products').whereIn('id', missing).select(columns);
    choices.push(...extra.map(choiceFromRow));
  }
  return { choices, offer };
}

/** Cost prices (× 10,000) of the given products, where known. */
export async function productCostPrices(tdb: TenantDb, productIds: string[]): Promise<Map<string, number>> {
  const costs = new Map<string, number>();
  for (let i = 0; i < productIds.length; i += 500) {
    const rows: DbRow[] = await tdb
      .from('products')
      .whereIn('id', productIds.slice(i, i + 500))
      .whereNotNull('cost_price')
      .select('id', 'cost_price');
    for (const r of rows) costs.set(requiredText(r, 'id'), Number(r.cost_price));
  }
  return costs;
}

/** What a purchase line takes from its product: the default supplier, cost price (× 10,000), purchases account and tax rate. */
export interface ProductPurchaseDefaults {
  defaultSupplierId: string | null;
  costPrice: number | null;
  accountCode: string | null;
  taxType: string | null;
}

export async function productPurchaseDefaults(tdb: TenantDb, productIds: string[]): Promise<Map<string, ProductPurchaseDefaults>> {
  const found = new Map<string, ProductPurchaseDefaults>();
  const ids = [...new Set(productIds.filter(Boolean))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows: DbRow[] = await tdb
      .from('products')
      .whereIn('id', ids.slice(i, i + 500))
      .select('id', 'default_supplier_id', 'cost_price', 'purchases_account_code', 'purchases_tax_type');
    for (const r of rows)
      found.set(requiredText(r, 'id'), {
        defaultSupplierId: optional(r, 'default_supplier_id'),
        costPrice: int(r, 'cost_price'),
        accountCode: optional(r, 'purchases_account_code'),
        taxType: optional(r, 'purchases_tax_type'),
      });
  }
  return found;
}
