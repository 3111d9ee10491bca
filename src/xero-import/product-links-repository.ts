/**
 * The Xero link of CRM products (products.xero_item_id): finding products by their Xero id or by code,
 * and setting the link. Everything else about a product is written through the products capability's
 * own repository.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { codeKey, productFromRow, type Product } from '../products/index.js';
import { dbTime, type DbRow } from '../db/row-values.js';

export function productLinksRepository(tdb: TenantDb) {
  return {
    async byXeroIds(xeroItemIds: string[]): Promise<Map<string, Product>> {
      const found = new Map<string, Product>();
      // Chunked: Items are not paged, so an organisation's whole list arrives at once.
      for (let i = 0; i < xeroItemIds.length; i += 500) {
        const rows: DbRow[] = await tdb.from('products').whereIn('xero_item_id', xeroItemIds.slice(i, i + 500));
        for (const product of rows.map(productFromRow)) found.set(product.xeroItemId ?? '', product);
      }
      return found;
    },

    /** The product with this code (codes are unique per organisation, archived ones included). */
    async byCode(code: string): Promise<Product | null> {
      const row: DbRow | undefined = await tdb.from('products').where('code_key', codeKey(code)).first();
      return row ? productFromRow(row) : null;
    },

    async link(id: string, xeroItemId: string, now: Date): Promise<void> {
      await tdb.update('products', { id }, { xero_item_id: xeroItemId, updated_at: dbTime(now) });
    },
  };
}
