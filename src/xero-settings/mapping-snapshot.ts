/**
 * What the cache knows about the codes and ids one send uses, archived ones included: the input of the
 * sync engine's pre-send mapping check (src/xero-sync/mapping-check.ts). Only the rows asked for are
 * read (tracking: all categories, a handful at most).
 */
import type { TenantDb } from '../db/tenant-db.js';
import { requiredText, text, type DbRow } from '../db/row-values.js';
import { SETTINGS_KINDS, type SettingsKind } from './xero-settings.js';

export interface SnapshotRef {
  /** The code, tax type or id. */
  key: string;
  name: string;
  /** Xero's status (ACTIVE, ARCHIVED, DELETED…); items and branding themes have none: ACTIVE. */
  status: string;
}

export interface SnapshotTrackingCategory extends SnapshotRef {
  options: SnapshotRef[];
}

export interface MappingSnapshot {
  /** Kinds of the cache refreshed at least once: a code missing from a kind never read proves nothing. */
  refreshed: ReadonlySet<SettingsKind>;
  accounts: SnapshotRef[];
  taxRates: SnapshotRef[];
  items: SnapshotRef[];
  trackingCategories: SnapshotTrackingCategory[];
  brandingThemes: SnapshotRef[];
  currencies: SnapshotRef[];
}

export interface SnapshotWanted {
  accountCodes: readonly string[];
  taxTypes: readonly string[];
  itemCodes: readonly string[];
  brandingThemeIds: readonly string[];
  currencies: readonly string[];
  tracking: boolean;
}

const ref = (row: DbRow, key: string, name: string, status?: string): SnapshotRef => ({
  key: requiredText(row, key),
  name: text(row, name) ?? requiredText(row, key),
  status: status ? requiredText(row, status) : 'ACTIVE',
});

export async function mappingSnapshot(tdb: TenantDb, wanted: SnapshotWanted): Promise<MappingSnapshot> {
  const rows = async (table: string, column: string, values: readonly string[]): Promise<DbRow[]> =>
    values.length ? tdb.from(table).whereIn(column, [...new Set(values)]) : [];
  const synced: DbRow[] = await tdb.from('xero_settings_sync').select('kind');
  const refreshed = new Set(SETTINGS_KINDS.filter((k) => synced.some((r) => r.kind === k)));
  const [accounts, taxRates, items, themes, currencies] = await Promise.all([
    rows('xero_accounts', 'code', wanted.accountCodes),
    rows('xero_tax_rates', 'tax_type', wanted.taxTypes),
    rows('xero_items', 'code', wanted.itemCodes),
    rows('xero_branding_themes', 'branding_theme_id', wanted.brandingThemeIds),
    rows('xero_currencies', 'code', wanted.currencies),
  ]);
  let trackingCategories: SnapshotTrackingCategory[] = [];
  if (wanted.tracking) {
    const categories: DbRow[] = await tdb.from('xero_tracking_categories');
    const options: DbRow[] = await tdb.from('xero_tracking_options');
    trackingCategories = categories.map((c) => ({
      ...ref(c, 'tracking_category_id', 'name', 'status'),
      options: options.filter((o) => o.tracking_category_id === c.tracking_category_id).map((o) => ref(o, 'tracking_option_id', 'name', 'status')),
    }));
  }
  return {
    refreshed,
    accounts: accounts.map((r) => ref(r, 'code', 'name', 'status')),
    taxRates: taxRates.map((r) => ref(r, 'tax_type', 'name', 'status')),
    items: items.map((r) => ref(r, 'code', 'name')),
    trackingCategories,
    brandingThemes: themes.map((r) => ref(r, 'branding_theme_id', 'name')),
    currencies: currencies.map((r) => ref(r, 'code', 'description')),
  };
}
