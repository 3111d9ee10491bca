/**
 * An organisation's Xero defaults: saved only when every code is an active one of its own settings
 * cache (archived ones refused with a message naming them), and read back for later sends with each
 * reference re-checked, since Xero may archive an account or theme after it was chosen.
 */
import { ValidationError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import { PURCHASES_ACCOUNT_TYPES, SALES_ACCOUNT_TYPES } from './xero-settings.js';
import type { Choice } from '../common/choice.js';
import { xeroSettingsReader } from './xero-settings-reader.js';
import { xeroDefaultsRepository, type CachedTrackingCategory, type XeroDefaultsRepository } from './xero-defaults-repository.js';
import { trackingField } from './xero-defaults-schema.js';
import { DEFAULT_XERO_DEFAULTS, type DefaultReference, type DefaultTracking, type XeroDefaults, type XeroDefaultsInput } from './xero-defaults.js';

type Use = 'sales' | 'purchases';

/** Why a stored or submitted reference cannot be used; null when it can. */
interface Check {
  label: string;
  trouble: 'missing' | 'inactive' | 'wrong-use' | null;
  status?: string;
}

const inactive = (status: string | undefined): string => `${(status ?? 'archived').toLowerCase()} in Xero`;

async function checkAccount(repo: XeroDefaultsRepository, code: string, use: Use): Promise<Check> {
  const a = await repo.account(code);
  if (!a) return { label: code, trouble: 'missing' };
  const label = `${a.code} – ${a.name}`;
  if (a.status !== 'ACTIVE') return { label, trouble: 'inactive', status: a.status };
  const types = use === 'sales' ? SALES_ACCOUNT_TYPES : PURCHASES_ACCOUNT_TYPES;
  return { label, trouble: types.includes(a.type) ? null : 'wrong-use' };
}

async function checkTaxRate(repo: XeroDefaultsRepository, taxType: string, use: Use): Promise<Check> {
  const t = await repo.taxRate(taxType);
  if (!t) return { label: taxType, trouble: 'missing' };
  if (t.status !== 'ACTIVE') return { label: t.name, trouble: 'inactive', status: t.status };
  return { label: t.name, trouble: (use === 'sales' ? t.canApplyToRevenue : t.canApplyToExpenses) ? null : 'wrong-use' };
}

async function checkTheme(repo: XeroDefaultsRepository, id: string): Promise<Check> {
  const theme = await repo.brandingTheme(id);
  return theme ? { label: theme.name, trouble: null } : { label: id, trouble: 'missing' };
}

interface Reference {
  field: 'sales_account_code' | 'sales_tax_type' | 'purchases_account_code' | 'purchases_tax_type' | 'branding_theme_id';
  /** How the page and the messages name it. */
  name: string;
  /** What to choose instead, in a field message. */
  choose: string;
  value: (d: XeroDefaultsInput) => string | null;
  check: (repo: XeroDefaultsRepository, value: string) => Promise<Check>;
}

const REFERENCES: readonly Reference[] = [
  {
    field: 'sales_account_code',
    name: 'default sales account',
    choose: 'Choose one of your active sales accounts.',
    value: (d) => d.salesAccountCode,
    check: (r, v) => checkAccount(r, v, 'sales'),
  },
  {
    field: 'sales_tax_type',
    name: 'default sales tax rate',
    choose: 'Choose one of your active tax rates for sales.',
    value: (d) => d.salesTaxType,
    check: (r, v) => checkTaxRate(r, v, 'sales'),
  },
  {
    field: 'purchases_account_code',
    name: 'default purchases account',
    choose: 'Choose one of your active purchases accounts.',
    value: (d) => d.purchasesAccountCode,
    check: (r, v) => checkAccount(r, v, 'purchases'),
  },
  {
    field: 'purchases_tax_type',
    name: 'default purchases tax rate',
    choose: 'Choose one of your active tax rates for purchases.',
    value: (d) => d.purchasesTaxType,
    check: (r, v) => checkTaxRate(r, v, 'purchases'),
  },
  {
    field: 'branding_theme_id',
    name: 'branding theme',
    choose: 'Choose one of your Xero branding themes.',
    value: (d) => d.brandingThemeId,
    check: (r, v) => checkTheme(r, v),
  },
];

/** The message next to a field whose submitted value cannot be used. */
function fieldMessage(ref: Reference, check: Check): string {
  if (check.trouble === 'inactive') return `${check.label} is ${inactive(check.status)}. ${ref.choose}`;
  return ref.choose;
}

/** The message for a saved default that can no longer be used (shown on the page and to senders). */
function readProblem(ref: Reference, check: Check): string {
  const what = `The ${ref.name} ${check.label}`;
  if (check.trouble === 'inactive') return `${what} is ${inactive(check.status)}: choose another on the Xero settings page.`;
  if (check.trouble === 'missing') return `${what} is no longer in Xero: choose another on the Xero settings page.`;
  return `${what} can no longer be used there in Xero: choose another on the Xero settings page.`;
}

interface TrackingCheck {
  field: string;
  message: string | null;
  tracking: DefaultTracking | null;
}

function checkTracking(categories: CachedTrackingCategory[], categoryId: string, optionId: string): TrackingCheck {
  const field = trackingField(categoryId);
  const category = categories.find((c) => c.trackingCategoryId === categoryId);
  if (!category) return { field, message: 'Choose tracking options from your own Xero tracking categories.', tracking: null };
  const option = category.options.find((o) => o.trackingOptionId === optionId);
  if (!option) return { field, message: `Choose one of the options of ${category.name}.`, tracking: null };
  const tracking: DefaultTracking = {
    categoryId,
    categoryName: category.name,
    optionId,
    optionName: option.name,
    usable: true,
    problem: null,
  };
  if (category.status !== 'ACTIVE') {
    const message = `The tracking category ${category.name} is ${inactive(category.status)}: choose “None” for it.`;
    return {
      field,
      message,
      tracking: {
        ...tracking,
        usable: false,
        problem: `The default tracking category ${category.name} is ${inactive(category.status)}: clear it on the Xero settings page.`,
      },
    };
  }
  if (option.status !== 'ACTIVE') {
    const message = `${option.name} is ${inactive(option.status)}. Choose an active option of ${category.name}.`;
    return {
      field,
      message,
      tracking: {
        ...tracking,
        usable: false,
        problem: `The default ${category.name} option ${option.name} is ${inactive(option.status)}: choose another on the Xero settings page.`,
      },
    };
  }
  return { field, message: null, tracking };
}

/** The choices of the defaults form: the cache's active entries, plus the current value when it is not one. */
export interface XeroDefaultsFormOptions {
  /** By field name (`sales_account_code`, …); each starts with the "none" choice. */
  selects: Record<Reference['field'], Choice[]>;
  /** One select per active tracking category (and per inactive one that holds a value). */
  tracking: Array<{ field: string; label: string; options: Choice[] }>;
  /** Nothing cached yet: the page asks for a refresh first. */
  cacheEmpty: boolean;
}

const NONE_LABELS: Record<Reference['field'], string> = {
  sales_account_code: 'No default account',
  sales_tax_type: 'No default tax rate',
  purchases_account_code: 'No default account',
  purchases_tax_type: 'No default tax rate',
  branding_theme_id: "Xero's default theme",
};

/** Keeps a value the list does not offer visible (and selected), named for what it is. */
async function withCurrent(options: Choice[], value: string, label: () => Promise<string>): Promise<Choice[]> {
  if (value === '' || options.some((o) => o.value === value)) return options;
  return [...options, { value, label: await label() }];
}

export function xeroDefaultsService(tdb: TenantDb) {
  const repo = xeroDefaultsRepository(tdb);

  /** One message per field whose code is not an active one of this organisation's cache. */
  async function fieldErrors(input: XeroDefaultsInput): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    for (const ref of REFERENCES) {
      const value = ref.value(input);
      if (value === null) continue;
      const check = await ref.check(repo, value);
      if (check.trouble) errors[ref.field] = fieldMessage(ref, check);
    }
    const categories = await repo.trackingCategories();
    for (const [categoryId, optionId] of Object.entries(input.tracking)) {
      const { field, message } = checkTracking(categories, categoryId, optionId);
      if (message) errors[field] = message;
    }
    return errors;
  }

  return {
    /** The stored defaults, or the built-in ones when never saved. */
    async stored(): Promise<{ saved: boolean; input: XeroDefaultsInput }> {
      const found = await repo.find();
      return found ? { saved: true, input: found } : { saved: false, input: DEFAULT_XERO_DEFAULTS };
    },

    fieldErrors,

    /** Saves the defaults, or throws a ValidationError with a message per refused field. */
    async save(input: XeroDefaultsInput, now: Date): Promise<void> {
      await tdb.transaction(async (trx) => {
        const errors = await xeroDefaultsService(trx).fieldErrors(input);
        if (Object.keys(errors).length) throw new ValidationError('Some defaults cannot be used in Xero.', errors);
        await xeroDefaultsRepository(trx).save(input, now);
      });
    },

    async formOptions(values: FormValues): Promise<XeroDefaultsFormOptions> {
      const reader = xeroSettingsReader(tdb);
      const active: Record<Reference['field'], Choice[]> = {
        sales_account_code: await reader.accounts({ forSales: true }),
        sales_tax_type: await reader.taxRates({ forSales: true }),
        purchases_account_code: await reader.accounts({ forPurchases: true }),
        purchases_tax_type: await reader.taxRates({ forPurchases: true }),
        branding_theme_id: await reader.brandingThemes(),
      };
      const selects = {} as Record<Reference['field'], Choice[]>;
      for (const ref of REFERENCES) {
        const value = values[ref.field]?.trim() ?? '';
        selects[ref.field] = await withCurrent([{ value: '', label: NONE_LABELS[ref.field] }, ...active[ref.field]], value, async () => {
          const check = await ref.check(repo, value);
          return check.trouble === 'missing'
            ? `${value} (not in your Xero settings)`
            : check.trouble === 'inactive'
              ? `${check.label} (${inactive(check.status)})`
              : `${check.label} (not for this use)`;
        });
      }
      const categories = await repo.trackingCategories();
      const tracking = categories
        .filter((c) => c.status === 'ACTIVE' || (values[trackingField(c.trackingCategoryId)] ?? '') !== '')
        .map((c) => {
          const field = trackingField(c.trackingCategoryId);
          const value = values[field]?.trim() ?? '';
          const options: Choice[] = [
            { value: '', label: 'None' },
            ...c.options.filter((o) => o.status === 'ACTIVE').map((o) => ({ value: o.trackingOptionId, label: o.name })),
          ];
          const current = c.options.find((o) => o.trackingOptionId === value);
          if (value !== '' && !options.some((o) => o.value === value))
            options.push({ value, label: current ? `${current.name} (${inactive(current.status)})` : `${value} (not an option of ${c.name})` });
          return { field, label: c.status === 'ACTIVE' ? c.name : `${c.name} (${inactive(c.status)})`, options };
        });
      const counts = await Promise.all(['xero_accounts', 'xero_tax_rates', 'xero_branding_themes', 'xero_tracking_categories'].map((t) => tdb.count(t)));
      return { selects, tracking, cacheEmpty: counts.every((n) => n === 0) };
    },

    /** The defaults as a send uses them, each reference re-checked against the cache now. */
    async read(): Promise<XeroDefaults> {
      const found = await repo.find();
      const d = found ?? DEFAULT_XERO_DEFAULTS;
      const references = await Promise.all(
        REFERENCES.map(async (ref): Promise<DefaultReference | null> => {
          const value = ref.value(d);
          if (value === null) return null;
          const check = await ref.check(repo, value);
          return { value, label: check.label, usable: check.trouble === null, problem: check.trouble ? readProblem(ref, check) : null };
        }),
      );
      const [salesAccount = null, salesTaxRate = null, purchasesAccount = null, purchasesTaxRate = null, brandingTheme = null] = references;
      const categories = await repo.trackingCategories();
      const tracking = Object.entries(d.tracking)
        .map(([categoryId, optionId]): DefaultTracking => {
          const checked = checkTracking(categories, categoryId, optionId).tracking;
          return (
            checked ?? {
              categoryId,
              categoryName: categoryId,
              optionId,
              optionName: optionId,
              usable: false,
              problem: 'A default tracking option is no longer in Xero: choose another on the Xero settings page.',
            }
          );
        })
        .sort((a, b) => a.categoryName.localeCompare(b.categoryName));
      const problems = [...references, ...tracking].flatMap((r) => (r?.problem ? [r.problem] : []));
      return {
        saved: found !== null,
        invoiceStatus: d.invoiceStatus,
        purchaseOrderStatus: d.purchaseOrderStatus,
        salesAccount,
        salesTaxRate,
        purchasesAccount,
        purchasesTaxRate,
        brandingTheme,
        dueDate: { rule: d.dueDateRule, days: d.dueDays },
        invoiceNumbering: d.invoiceNumbering,
        tracking,
        problems,
      };
    },
  };
}

/** For later issues: the organisation's Xero defaults, each reference re-checked against the settings cache. */
export function xeroDefaultsFor(tdb: TenantDb): Promise<XeroDefaults> {
  return xeroDefaultsService(tdb).read();
}
