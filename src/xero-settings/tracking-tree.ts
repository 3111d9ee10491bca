/**
 * The organisation's cached tracking categories with their options, in one statement (categories left
 * joined to their options), by category name then option name. `activeOnly`: ACTIVE categories with their
 * ACTIVE options (what new lines may use); otherwise every one, archived included (what checks use).
 */
import type { TenantDb } from '../db/tenant-db.js';
import { requiredText, text, type DbRow } from '../db/row-values.js';

export interface TrackingTreeOption {
  trackingOptionId: string;
  name: string;
  status: string;
}
export interface TrackingTreeCategory {
  trackingCategoryId: string;
  name: string;
  status: string;
  options: TrackingTreeOption[];
}

export async function trackingTree(tdb: TenantDb, activeOnly: boolean): Promise<TrackingTreeCategory[]> {
  const query = tdb
    .from('xero_tracking_categories')
    .leftJoin(tdb.scoped('xero_tracking_options', 'o'), function () {
      this.on('o.tracking_category_id', '=', 'xero_tracking_categories.tracking_category_id');
      if (activeOnly) this.andOnVal('o.status', '=', 'ACTIVE');
    })
    .select(
      'xero_tracking_categories.tracking_category_id',
      'xero_tracking_categories.name',
      'xero_tracking_categories.status',
      'o.tracking_option_id as option_id',
      'o.name as option_name',
      'o.status as option_status',
    )
    .orderBy(['xero_tracking_categories.name', 'xero_tracking_categories.tracking_category_id', 'o.name', 'o.tracking_option_id']);
  if (activeOnly) query.where('xero_tracking_categories.status', 'ACTIVE');
  const rows: DbRow[] = await query;
  const categories: TrackingTreeCategory[] = [];
  for (const row of rows) {
    const id = requiredText(row, 'tracking_category_id');
    let category = categories.at(-1);
    if (category?.trackingCategoryId !== id) {
      category = { trackingCategoryId: id, name: requiredText(row, 'name'), status: requiredText(row, 'status'), options: [] };
      categories.push(category);
    }
    const optionId = text(row, 'option_id');
    if (optionId !== null)
      category.options.push({ trackingOptionId: optionId, name: requiredText(row, 'option_name'), status: requiredText(row, 'option_status') });
  }
  return categories;
}
