/**
 * What the pure line mapper (src/xero/mappers/line-items.ts) needs read from the database for a
 * document's lines, shared by every kind that sends lines (sales invoices, contracts' services,
 * purchase orders): each product's Xero item code (as the settings cache has it, else the product's own
 * code) with its sales or purchases codes, and the organisation's tracking options by option id.
 * Two statements for all of a document's products, whatever their number.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { text, type DbRow } from '../db/row-values.js';
import { productRepository } from '../products/index.js';
import { xeroSettingsReader } from '../xero-settings/index.js';
import type { LineProductForXero, TrackingOptionForXero } from '../xero/index.js';

export type LineProduct = LineProductForXero & { code: string };

export async function lineProductsForXero(tdb: TenantDb, ids: readonly string[], side: 'sales' | 'purchases'): Promise<Map<string, LineProduct>> {
  const products = await productRepository(tdb).findByIds(ids);
  const itemIds = [...new Set(products.flatMap((p) => (p.xeroItemId ? [p.xeroItemId] : [])))];
  const items: DbRow[] = itemIds.length ? await tdb.from('xero_items').whereIn('item_id', itemIds).select('item_id', 'code') : [];
  const codeOf = new Map(items.map((i) => [text(i, 'item_id'), text(i, 'code')]));
  return new Map(
    products.map((p) => [
      p.id,
      {
        code: p.code,
        // The item's code as Xero has it (the settings cache); the product's own code when the cache has not seen it yet.
        xeroItemCode: p.xeroItemId ? (codeOf.get(p.xeroItemId) ?? p.code) : null,
        accountCode: side === 'sales' ? p.salesAccountCode : p.purchasesAccountCode,
        taxType: side === 'sales' ? p.salesTaxType : p.purchasesTaxType,
      },
    ]),
  );
}

/** Every tracking option of the settings cache by option id. */
export async function trackingOptionsForXero(tdb: TenantDb): Promise<Map<string, TrackingOptionForXero>> {
  const categories = await xeroSettingsReader(tdb).trackingCategories();
  const out = new Map<string, TrackingOptionForXero>();
  for (const c of categories)
    for (const o of c.options) out.set(o.value, { categoryId: c.value, categoryName: c.label, optionId: o.value, optionName: o.label });
  return out;
}
