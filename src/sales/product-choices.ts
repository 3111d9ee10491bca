/**
 * Products offered on lines. The products capability is built in parallel; until its table lands
 * this offers none (lines are free text), so nothing here guesses at its columns.
 */
import type { TenantDb } from '../db/tenant-db.js';
import type { ProductChoice } from './sales-lookups.js';

export async function productChoices(_tdb: TenantDb): Promise<ProductChoice[]> {
  return [];
}
