/** Test data builders for products (each test makes its own). */
import type { Database } from '../../../src/db/database.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { productService, type ProductInput } from '../../../src/products/index.js';
import { refreshXeroSettings } from '../../../src/xero-settings/index.js';
import { nzSettings } from '../xero-settings/in-memory-xero-settings-source.js';

export function productInput(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    code: 'WIDGET', name: 'Widget', description: null, salePrice: 125000, costPrice: 50000, salesAccountCode: null,
    purchasesAccountCode: null, salesTaxType: null, purchasesTaxType: null, defaultSupplierId: null, ...overrides,
  };
}

export async function createProduct(db: Database, organisationId: string, overrides: Partial<ProductInput> = {}, now?: Date): Promise<string> {
  return productService(tenantDb(db, organisationId), now ? { now: () => now } : {}).create(productInput(overrides));
}

/** Fills the organisation's Xero settings cache from the in-memory NZ settings (accounts 200/260 sales, 310/429 purchases…). */
export async function cacheNzSettings(db: Database, organisationId: string): Promise<void> {
  await refreshXeroSettings(tenantDb(db, organisationId), nzSettings(), new Date('2026-11-26T00:00:00Z'));
}
