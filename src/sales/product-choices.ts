/**
 * Products offered on lines (read from the products table of the products capability): active ones by
 * name, capped so forms stay light with large catalogues, plus any a form already refers to (so an edit
 * keeps a product that was archived or is beyond the cap). Lines keep their own description and price,
 * so `product_id` on a line is a soft reference: a product deleted later leaves the line intact.
 */
import { whereContains } from '../db/contains.js';
import type { TenantDb } from '../db/tenant-db.js';
import { optInt, opt, str, type Row } from './row-values.js';
import type { ProductChoice, ProductOffer } from './sales-lookups.js';

export const PRODUCT_CHOICE_LIMIT = 500;
/** Matches a "Find product" search offers. */
export const PRODUCT_SEARCH_LIMIT = 50;

const COLUMNS = ['id', 'code', 'name', 'description', 'sale_price', 'cost_price', 'sales_account_code', 'sales_tax_type'];

function choiceFromRow(r: Row): ProductChoice {
  return {
    id: str(r.id), label: `${str(r.code)} – ${str(r.name)}`, description: opt(r.description) ?? str(r.name),
    salePrice: optInt(r.sale_price), costPrice: optInt(r.cost_price), accountCode: opt(r.sales_account_code), taxType: opt(r.sales_tax_type),
  };
}

export async function productChoices(tdb: TenantDb, includeIds: string[] = [], search = ''): Promise<{ choices: ProductChoice[]; offer: ProductOffer }> {
  const text = search.trim().slice(0, 200);
  const limit = text ? PRODUCT_SEARCH_LIMIT : PRODUCT_CHOICE_LIMIT;
  const query = tdb.from('products').whereNull('archived_at');
  if (text) whereContains(query, ['products.code_key', 'products.name_key'], text);
  const rows: Row[] = await query.orderBy('name_key').limit(limit + 1).select(COLUMNS);
  const offer: ProductOffer = { truncated: rows.length > limit, search: text, matches: rows.length };
  const choices = rows.slice(0, limit).map(choiceFromRow);
  const missing = [...new Set(includeIds)].filter((id) => id && !choices.some((c) => c.id === id)).slice(0, 200);
  if (missing.length) {
    const extra: Row[] = await tdb.from('products').whereIn('id', missing).select(COLUMNS);
    choices.push(...extra.map(choiceFromRow));
  }
  return { choices, offer };
}

/** Cost prices (× 10,000) of the given products, where known. */
export async function productCostPrices(tdb: TenantDb, productIds: string[]): Promise<Map<string, number>> {
  const costs = new Map<string, number>();
  for (let i = 0; i < productIds.length; i += 500) {
    const rows: Row[] = await tdb.from('products').whereIn('id', productIds.slice(i, i + 500)).whereNotNull('cost_price').select('id', 'cost_price');
    for (const r of rows) costs.set(str(r.id), Number(r.cost_price));
  }
  return costs;
}
