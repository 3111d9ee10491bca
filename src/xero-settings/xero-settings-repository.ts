/** SQL for the Xero settings cache, through the organisation's TenantDb (usually a transaction's). */
import type { TenantDb } from '../db/tenant-db.js';
import { date, dbTime, requiredDate, requiredText, type DbRow } from '../db/row-values.js';
import type { AccountRow, BrandingThemeRow, CurrencyRow, ItemRow, SettingsKind, SyncState, TaxRateRow, TrackingCategoryRow } from './xero-settings.js';
import { SETTINGS_KINDS } from './xero-settings.js';

const time = (d: Date | null): string | null => (d ? dbTime(d) : null);

const accountColumns = (a: AccountRow): DbRow => ({
  account_id: a.accountId,
  code: a.code,
  name: a.name,
  type: a.type,
  class: a.class,
  tax_type: a.taxType,
  status: a.status,
  enable_payments: a.enablePayments,
  updated_date_utc: time(a.updatedDateUtc),
});
const taxRateColumns = (t: TaxRateRow): DbRow => ({
  tax_type: t.taxType,
  name: t.name,
  effective_rate: t.effectiveRate,
  display_tax_rate: t.displayTaxRate,
  status: t.status,
  can_apply_to_revenue: t.canApplyToRevenue,
  can_apply_to_expenses: t.canApplyToExpenses,
  can_apply_to_assets: t.canApplyToAssets,
  can_apply_to_liabilities: t.canApplyToLiabilities,
});
const itemColumns = (i: ItemRow): DbRow => ({
  item_id: i.itemId,
  code: i.code,
  name: i.name,
  description: i.description,
  is_sold: i.isSold,
  is_purchased: i.isPurchased,
  sales_unit_price: i.salesUnitPrice,
  sales_account_code: i.salesAccountCode,
  sales_tax_type: i.salesTaxType,
  purchase_unit_price: i.purchaseUnitPrice,
  purchase_account_code: i.purchaseAccountCode,
  purchase_tax_type: i.purchaseTaxType,
  updated_date_utc: time(i.updatedDateUtc),
});

/** Table and primary-key column of each kind's main table. */
const TABLES: Record<SettingsKind, { table: string; key: string }> = {
  accounts: { table: 'xero_accounts', key: 'account_id' },
  tax_rates: { table: 'xero_tax_rates', key: 'tax_type' },
  items: { table: 'xero_items', key: 'item_id' },
  currencies: { table: 'xero_currencies', key: 'code' },
  tracking_categories: { table: 'xero_tracking_categories', key: 'tracking_category_id' },
  branding_themes: { table: 'xero_branding_themes', key: 'branding_theme_id' },
};

export function xeroSettingsRepository(tdb: TenantDb) {
  /** Update-or-insert by primary key, one row at a time (incremental refreshes change few rows). */
  async function upsert(kind: 'accounts' | 'items', rows: DbRow[]): Promise<void> {
    const { table, key } = TABLES[kind];
    for (const row of rows) {
      const id = row[key];
      if (typeof id !== 'string') continue;
      const changed = await tdb.update(table, { [key]: id }, row);
      if (changed === 0) await tdb.insert(table, row);
    }
  }

  async function replace(table: string, rows: DbRow[]): Promise<void> {
    await tdb.delete(table, {});
    await tdb.insert(table, rows);
  }

  return {
    replaceAccounts: (rows: AccountRow[]) => replace('xero_accounts', rows.map(accountColumns)),
    upsertAccounts: (rows: AccountRow[]) => upsert('accounts', rows.map(accountColumns)),
    replaceItems: (rows: ItemRow[]) => replace('xero_items', rows.map(itemColumns)),
    upsertItems: (rows: ItemRow[]) => upsert('items', rows.map(itemColumns)),
    replaceTaxRates: (rows: TaxRateRow[]) => replace('xero_tax_rates', rows.map(taxRateColumns)),
    replaceCurrencies: (rows: CurrencyRow[]) =>
      replace(
        'xero_currencies',
        rows.map((c) => ({ code: c.code, description: c.description })),
      ),
    replaceBrandingThemes: (rows: BrandingThemeRow[]) =>
      replace(
        'xero_branding_themes',
        rows.map((b) => ({
          branding_theme_id: b.brandingThemeId,
          name: b.name,
          type: b.type,
          sort_order: b.sortOrder,
          created_date_utc: time(b.createdDateUtc),
        })),
      ),

    async replaceTrackingCategories(rows: TrackingCategoryRow[]): Promise<void> {
      await tdb.delete('xero_tracking_options', {});
      await replace(
        'xero_tracking_categories',
        rows.map((c) => ({ tracking_category_id: c.trackingCategoryId, name: c.name, status: c.status })),
      );
      await tdb.insert(
        'xero_tracking_options',
        rows.flatMap((c) =>
          c.options.map((o) => ({
            tracking_option_id: o.trackingOptionId,
            tracking_category_id: c.trackingCategoryId,
            name: o.name,
            status: o.status,
          })),
        ),
      );
    },

    async syncStates(): Promise<Map<SettingsKind, SyncState>> {
      const rows: DbRow[] = await tdb.from('xero_settings_sync').select('kind', 'last_refreshed_at', 'last_modified_seen');
      const states = new Map<SettingsKind, SyncState>();
      for (const row of rows) {
        const kind = SETTINGS_KINDS.find((k) => k === requiredText(row, 'kind'));
        if (kind) states.set(kind, { kind, lastRefreshedAt: requiredDate(row, 'last_refreshed_at'), lastModifiedSeen: date(row, 'last_modified_seen') });
      }
      return states;
    },

    async saveSyncState(state: SyncState): Promise<void> {
      const patch = { last_refreshed_at: dbTime(state.lastRefreshedAt), last_modified_seen: time(state.lastModifiedSeen) };
      const changed = await tdb.update('xero_settings_sync', { kind: state.kind }, patch);
      if (changed === 0) await tdb.insert('xero_settings_sync', { kind: state.kind, ...patch });
    },

    /** Rows cached per kind (tracking counts categories). */
    async counts(): Promise<Record<SettingsKind, number>> {
      const entries = await Promise.all(SETTINGS_KINDS.map(async (kind) => [kind, await tdb.count(TABLES[kind].table)] as const));
      return Object.fromEntries(entries) as Record<SettingsKind, number>;
    },
  };
}

export type XeroSettingsRepository = ReturnType<typeof xeroSettingsRepository>;
