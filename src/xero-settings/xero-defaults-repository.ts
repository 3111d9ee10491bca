/** SQL for an organisation's Xero defaults, and the cache lookups that check them (any status). */
import type { TenantDb } from '../db/tenant-db.js';
import { bool, dbTime, int, requiredText, text, type DbRow } from '../db/row-values.js';
import {
  DEFAULT_XERO_DEFAULTS,
  DUE_DATE_RULES,
  INVOICE_NUMBERINGS,
  INVOICE_STATUSES,
  PURCHASE_ORDER_STATUSES,
  type XeroDefaultsInput,
} from './xero-defaults.js';
import { trackingTree, type TrackingTreeCategory } from './tracking-tree.js';

/** A cached account, tax rate, theme or tracking option whatever its status. */
export interface CachedAccount {
  code: string;
  name: string;
  type: string;
  status: string;
}
export interface CachedTaxRate {
  taxType: string;
  name: string;
  status: string;
  canApplyToRevenue: boolean;
  canApplyToExpenses: boolean;
}
export interface CachedTheme {
  brandingThemeId: string;
  name: string;
}
/** A cached tracking category with its options, whatever their status. */
export type CachedTrackingCategory = TrackingTreeCategory;

/** A stored text that must be one of `allowed`, else the default (a row written by an older version). */
function choice<T extends string>(row: DbRow, key: string, allowed: readonly T[], fallback: T): T {
  const value = text(row, key);
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

export function xeroDefaultsRepository(tdb: TenantDb) {
  return {
    /** The stored defaults, or null when the organisation never saved them. */
    async find(): Promise<XeroDefaultsInput | null> {
      const row: DbRow | undefined = await tdb.from('xero_defaults').first();
      if (!row) return null;
      const tracking: DbRow[] = await tdb.from('xero_default_tracking').select('tracking_category_id', 'tracking_option_id');
      const d = DEFAULT_XERO_DEFAULTS;
      return {
        invoiceStatus: choice(row, 'invoice_status', INVOICE_STATUSES, d.invoiceStatus),
        purchaseOrderStatus: choice(row, 'purchase_order_status', PURCHASE_ORDER_STATUSES, d.purchaseOrderStatus),
        salesAccountCode: text(row, 'sales_account_code'),
        salesTaxType: text(row, 'sales_tax_type'),
        purchasesAccountCode: text(row, 'purchases_account_code'),
        purchasesTaxType: text(row, 'purchases_tax_type'),
        brandingThemeId: text(row, 'branding_theme_id'),
        dueDateRule: choice(row, 'due_date_rule', DUE_DATE_RULES, d.dueDateRule),
        dueDays: int(row, 'due_days') ?? d.dueDays,
        invoiceNumbering: choice(row, 'invoice_numbering', INVOICE_NUMBERINGS, d.invoiceNumbering),
        tracking: Object.fromEntries(tracking.map((t) => [requiredText(t, 'tracking_category_id'), requiredText(t, 'tracking_option_id')])),
      };
    },

    /** Replaces the stored defaults (call inside a transaction). */
    async save(input: XeroDefaultsInput, now: Date): Promise<void> {
      const columns = {
        invoice_status: input.invoiceStatus,
        purchase_order_status: input.purchaseOrderStatus,
        sales_account_code: input.salesAccountCode,
        sales_tax_type: input.salesTaxType,
        purchases_account_code: input.purchasesAccountCode,
        purchases_tax_type: input.purchasesTaxType,
        branding_theme_id: input.brandingThemeId,
        due_date_rule: input.dueDateRule,
        due_days: input.dueDays,
        invoice_numbering: input.invoiceNumbering,
        updated_at: dbTime(now),
      };
      const changed = await tdb.update('xero_defaults', {}, columns);
      if (changed === 0) await tdb.insert('xero_defaults', columns);
      await tdb.delete('xero_default_tracking', {});
      await tdb.insert(
        'xero_default_tracking',
        Object.entries(input.tracking).map(([category, option]) => ({
          tracking_category_id: category,
          tracking_option_id: option,
        })),
      );
    },

    /** The account with this code; an active one if there are several (Xero may keep a code on an archived account). */
    async account(code: string): Promise<CachedAccount | null> {
      const rows: DbRow[] = await tdb.from('xero_accounts').where('code', code).select('code', 'name', 'type', 'status');
      const row = rows.find((r) => r.status === 'ACTIVE') ?? rows[0];
      return row
        ? { code: requiredText(row, 'code'), name: requiredText(row, 'name'), type: requiredText(row, 'type'), status: requiredText(row, 'status') }
        : null;
    },

    async taxRate(taxType: string): Promise<CachedTaxRate | null> {
      const row: DbRow | undefined = await tdb.from('xero_tax_rates').where('tax_type', taxType).first();
      return row
        ? {
            taxType: requiredText(row, 'tax_type'),
            name: requiredText(row, 'name'),
            status: requiredText(row, 'status'),
            canApplyToRevenue: bool(row, 'can_apply_to_revenue'),
            canApplyToExpenses: bool(row, 'can_apply_to_expenses'),
          }
        : null;
    },

    async brandingTheme(id: string): Promise<CachedTheme | null> {
      const row: DbRow | undefined = await tdb.from('xero_branding_themes').where('branding_theme_id', id).first();
      return row ? { brandingThemeId: requiredText(row, 'branding_theme_id'), name: requiredText(row, 'name') } : null;
    },

    /** Every cached tracking category with every option, archived included, by name. */
    async trackingCategories(): Promise<CachedTrackingCategory[]> {
      return trackingTree(tdb, false);
    },
  };
}

export type XeroDefaultsRepository = ReturnType<typeof xeroDefaultsRepository>;
