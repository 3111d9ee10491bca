/**
 * Dropdown options from the organisation's cached Xero settings, for contact, product and line forms.
 * Only ACTIVE accounts, tax rates, tracking categories and options are offered: Xero refuses archived
 * ones on new lines. Empty lists mean the cache has not been refreshed yet (see the Xero settings page).
 */
import type { Knex } from 'knex';
import type { TenantDb } from '../db/tenant-db.js';
import { sqlExpression } from '../db/sql-expression.js';
import { requiredText, text, type DbRow } from '../db/row-values.js';
import { PURCHASES_ACCOUNT_TYPES, SALES_ACCOUNT_TYPES, type TrackingCategoryOption } from './xero-settings.js';
import type { Choice } from '../common/choice.js';
import { trackingTree } from './tracking-tree.js';

export interface UseFilter {
  /** Accounts/tax rates usable on sales (revenue) lines. */
  forSales?: boolean;
  /** Accounts/tax rates usable on purchases (expense) lines. */
  forPurchases?: boolean;
}

function rateLabel(name: string, display: string | null): string {
  if (display === null) return name;
  const n = Number(display);
  return Number.isFinite(n) ? `${name} (${n}%)` : name;
}

/** Labels of what saved lines use (value: account code, TaxType, tracking option id; tracking labels read "Category: Option"). */
export interface LineLabelRows {
  accounts: Choice[];
  taxRates: Choice[];
  trackingOptions: Choice[];
}

export function xeroSettingsReader(tdb: TenantDb) {
  return {
    /** Active accounts that have a code (value: the code). Bank accounts are never offered for lines. */
    async accounts(filter: UseFilter = {}): Promise<Choice[]> {
      const query = tdb.from('xero_accounts').where('status', 'ACTIVE').whereNotNull('code').whereNot('type', 'BANK');
      const types = [...(filter.forSales ? SALES_ACCOUNT_TYPES : []), ...(filter.forPurchases ? PURCHASES_ACCOUNT_TYPES : [])];
      if (types.length) query.whereIn('type', types);
      const rows: DbRow[] = await query.select('code', 'name').orderBy('code');
      return rows.map((row) => ({ value: requiredText(row, 'code'), label: `${requiredText(row, 'code')} – ${requiredText(row, 'name')}` }));
    },

    /** Active tax rates (value: the TaxType). */
    async taxRates(filter: UseFilter = {}): Promise<Choice[]> {
      const query = tdb.from('xero_tax_rates').where('status', 'ACTIVE');
      if (filter.forSales) query.where('can_apply_to_revenue', true);
      if (filter.forPurchases) query.where('can_apply_to_expenses', true);
      const rows: DbRow[] = await query.select('tax_type', 'name', 'display_tax_rate').orderBy('name');
      return rows.map((row) => ({ value: requiredText(row, 'tax_type'), label: rateLabel(requiredText(row, 'name'), text(row, 'display_tax_rate')) }));
    },

    /** Each tax type's effective rate as Xero's decimal text ("15.0000"), or null when it has none: what line totals compute with. */
    async effectiveRates(taxTypes: string[]): Promise<Map<string, string | null>> {
      if (taxTypes.length === 0) return new Map();
      const rows: DbRow[] = await tdb.from('xero_tax_rates').whereIn('tax_type', taxTypes).select('tax_type', 'effective_rate');
      return new Map(rows.map((row) => [requiredText(row, 'tax_type'), typeof row.effective_rate === 'string' ? row.effective_rate : null]));
    },

    /** The organisation's currencies (value: ISO code). */
    async currencies(): Promise<Choice[]> {
      const rows: DbRow[] = await tdb.from('xero_currencies').select('code', 'description').orderBy('code');
      return rows.map((row) => {
        const code = requiredText(row, 'code');
        const description = text(row, 'description');
        return { value: code, label: description ? `${code} – ${description}` : code };
      });
    },

    /** Active tracking categories, each with its active options (value: Xero ids). */
    async trackingCategories(): Promise<TrackingCategoryOption[]> {
      const categories = await trackingTree(tdb, true);
      return categories.map((c) => ({
        value: c.trackingCategoryId,
        label: c.name,
        options: c.options.map((o) => ({ value: o.trackingOptionId, label: o.name })),
      }));
    },

    /**
     * The labels of the accounts, tax rates and tracking options that saved lines use, whatever their
     * status now (a record page shows what was chosen): a lookup by key for each kind the lines use, not
     * every dropdown's options, in one statement (UNION ALL of the kinds used; issue 18: every document
     * record page ran one a kind).
     */
    async lineLabels(used: { accountCodes: string[]; taxTypes: string[]; trackingOptionIds: string[] }): Promise<LineLabelRows> {
      // Each kind's rows as (kind, key, name, detail, sort1, sort2), sorted within the kind by sort1, sort2.
      const branches: Knex.QueryBuilder[] = [];
      if (used.accountCodes.length) {
        const q = tdb.from('xero_accounts').whereIn('code', used.accountCodes);
        branches.push(
          q.select(
            sqlExpression(q, `'account' as kind`),
            'code as key',
            'name',
            sqlExpression(q, 'null as detail'),
            'code as sort1',
            sqlExpression(q, `'' as sort2`),
          ),
        );
      }
      if (used.taxTypes.length) {
        const q = tdb.from('xero_tax_rates').whereIn('tax_type', used.taxTypes);
        branches.push(
          q.select(
            sqlExpression(q, `'tax' as kind`),
            'tax_type as key',
            'name',
            'display_tax_rate as detail',
            'name as sort1',
            sqlExpression(q, `'' as sort2`),
          ),
        );
      }
      if (used.trackingOptionIds.length) {
        const q = tdb
          .from('xero_tracking_options')
          .join(tdb.scoped('xero_tracking_categories', 'c'), 'c.tracking_category_id', 'xero_tracking_options.tracking_category_id')
          .whereIn('xero_tracking_options.tracking_option_id', used.trackingOptionIds);
        branches.push(
          q.select(
            sqlExpression(q, `'option' as kind`),
            'xero_tracking_options.tracking_option_id as key',
            'xero_tracking_options.name',
            'c.name as detail',
            'c.name as sort1',
            'xero_tracking_options.name as sort2',
          ),
        );
      }
      const [head, ...rest] = branches;
      const rows: DbRow[] = head ? await (rest.length ? head.unionAll(rest) : head).orderBy(['kind', 'sort1', 'sort2']) : [];
      const of = (kind: string) => rows.filter((row) => row.kind === kind);
      return {
        accounts: of('account').map((row) => ({ value: requiredText(row, 'key'), label: `${requiredText(row, 'key')} – ${requiredText(row, 'name')}` })),
        taxRates: of('tax').map((row) => ({ value: requiredText(row, 'key'), label: rateLabel(requiredText(row, 'name'), text(row, 'detail')) })),
        trackingOptions: of('option').map((row) => ({
          value: requiredText(row, 'key'),
          label: `${requiredText(row, 'detail')}: ${requiredText(row, 'name')}`,
        })),
      };
    },

    /** Branding themes in Xero's sort order (value: BrandingThemeID). */
    async brandingThemes(): Promise<Choice[]> {
      const rows: DbRow[] = await tdb.from('xero_branding_themes').orderBy('sort_order').orderBy('name');
      return rows.map((row) => ({ value: requiredText(row, 'branding_theme_id'), label: requiredText(row, 'name') }));
    },

    /** Xero items (value: the item code), e.g. for linking a product or a line to an item. */
    async items(): Promise<Choice[]> {
      const rows: DbRow[] = await tdb.from('xero_items').select('code', 'name').orderBy('code');
      return rows.map((row) => {
        const code = requiredText(row, 'code');
        const name = text(row, 'name');
        return { value: code, label: name ? `${code} – ${name}` : code };
      });
    },
  };
}

export type XeroSettingsReader = ReturnType<typeof xeroSettingsReader>;
