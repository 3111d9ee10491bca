/**
 * Product use-cases. Account codes and tax types must be ones the organisation's Xero settings cache
 * offers (active, usable on that side); the default supplier must be a supplier contact of this
 * organisation; codes are unique per organisation (Xero's Item codes are).
 */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { FieldErrors } from '../http/form-input.js';
import { productFormDefaults, xeroSettingsReader } from '../xero-settings/index.js';
import { contactStanding, supplierContacts } from '../contacts/index.js';
import type { Choice } from '../common/choice.js';
import type { Product, ProductInput } from './product.js';
import { productRepository, type ProductListOptions, type ProductPage } from './product-repository.js';
import { readPickerChoices, type PickerChoices } from '../common/search-picker.js';

export interface ProductServiceDeps {
  now?: () => Date;
  newId?: () => string;
}

/** Suppliers the form's dropdown lists; past this, "Find supplier" searches them. */
export const SUPPLIER_CHOICE_LIMIT = 500;
export const SUPPLIER_SEARCH_LIMIT = 50;
/** Past this many suppliers the list's filter offers no dropdown. */
export const SUPPLIER_FILTER_LIMIT = 50;

export interface ProductFormOptions {
  salesAccounts: Choice[];
  purchasesAccounts: Choice[];
  salesTaxRates: Choice[];
  purchasesTaxRates: Choice[];
  suppliers: PickerChoices;
  /** False until the organisation's Xero settings have been refreshed at least once. */
  settingsCached: boolean;
}

export interface ProductRecord {
  product: Product;
  supplier: { id: string; name: string } | null;
  /** Labels for the product's codes, from the cache (the code itself when no longer there). */
  labels: { salesAccount: string | null; purchasesAccount: string | null; salesTax: string | null; purchasesTax: string | null };
}

const CODE_TAKEN = 'Another product already uses this code. Codes are unique, as Xero item codes are.';
const PLEASE = 'Please correct the errors below.';

const labelOf = (options: Choice[], value: string | null): string | null =>
  value === null ? null : (options.find((o) => o.value === value)?.label ?? `${value} (not active in Xero)`);

export function productService(tdb: TenantDb, deps: ProductServiceDeps = {}) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const repo = productRepository(tdb);
  const settings = xeroSettingsReader(tdb);

  async function get(id: string): Promise<Product> {
    const product = await repo.findById(id);
    if (!product) throw new NotFoundError('product');
    return product;
  }

  async function settingsOptions() {
    const [salesAccounts, purchasesAccounts, salesTaxRates, purchasesTaxRates] = await Promise.all([
      settings.accounts({ forSales: true }),
      settings.accounts({ forPurchases: true }),
      settings.taxRates({ forSales: true }),
      settings.taxRates({ forPurchases: true }),
    ]);
    return { salesAccounts, purchasesAccounts, salesTaxRates, purchasesTaxRates };
  }

  async function check(input: ProductInput, existing: Product | null): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    const o = await settingsOptions();
    // A value the product already had stays acceptable, so renaming is never blocked by Xero-side changes.
    const offered = (list: Choice[], value: string | null, previous: string | null | undefined) =>
      value === null || value === previous || list.some((opt) => opt.value === value);
    const missing = 'Choose one from the list (it comes from your Xero settings; refresh them if it is missing).';
    if (!offered(o.salesAccounts, input.salesAccountCode, existing?.salesAccountCode)) errors.sales_account_code = missing;
    if (!offered(o.purchasesAccounts, input.purchasesAccountCode, existing?.purchasesAccountCode)) errors.purchases_account_code = missing;
    if (!offered(o.salesTaxRates, input.salesTaxType, existing?.salesTaxType)) errors.sales_tax_type = missing;
    if (!offered(o.purchasesTaxRates, input.purchasesTaxType, existing?.purchasesTaxType)) errors.purchases_tax_type = missing;
    if (input.defaultSupplierId && input.defaultSupplierId !== existing?.defaultSupplierId) {
      const supplier = await contactStanding(tdb, input.defaultSupplierId);
      if (!supplier || !supplier.isSupplier || supplier.archived) errors.default_supplier_id = 'Choose one of your active suppliers.';
    }
    if (await repo.codeTaken(input.code, existing?.id)) errors.code = CODE_TAKEN;
    return errors;
  }

  async function write(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isUniqueViolation(error, 'code')) throw new ValidationError(PLEASE, { code: CODE_TAKEN }, { cause: error });
      throw error;
    }
  }

  return {
    get,

    /** A new product's accounts and tax rates: the organisation's defaults, else what Xero's chart suggests. */
    async newProductDefaults() {
      const d = await productFormDefaults(tdb);
      return {
        sales_account_code: d.salesAccountCode,
        sales_tax_type: d.salesTaxType,
        purchases_account_code: d.purchasesAccountCode,
        purchases_tax_type: d.purchasesTaxType,
      };
    },

    list(options: ProductListOptions): Promise<ProductPage> {
      return repo.list(options);
    },

    /** The code check alone, so a form with other mistakes still says the code is taken in the same round. */
    async codeError(code: string, existingId?: string): Promise<string | null> {
      return code.trim() && (await repo.codeTaken(code, existingId)) ? CODE_TAKEN : null;
    },

    async record(id: string): Promise<ProductRecord> {
      const product = await get(id);
      const supplier = product.defaultSupplierId ? await contactStanding(tdb, product.defaultSupplierId) : null;
      const o = await settingsOptions();
      return {
        product,
        supplier: supplier ? { id: supplier.id, name: supplier.name } : null,
        labels: {
          salesAccount: labelOf(o.salesAccounts, product.salesAccountCode),
          purchasesAccount: labelOf(o.purchasesAccounts, product.purchasesAccountCode),
          salesTax: labelOf(o.salesTaxRates, product.salesTaxType),
          purchasesTax: labelOf(o.purchasesTaxRates, product.purchasesTaxType),
        },
      };
    },

    /**
     * The list's supplier filter: every active supplier when there are at most SUPPLIER_FILTER_LIMIT,
     * otherwise only the chosen one (a supplier's contact page links to its products).
     */
    async supplierFilterOptions(currentId: string | null): Promise<{ options: Choice[]; truncated: boolean }> {
      const rows = await supplierContacts(tdb, { limit: SUPPLIER_FILTER_LIMIT + 1 });
      const truncated = rows.length > SUPPLIER_FILTER_LIMIT;
      const options = truncated ? [] : rows.map((x) => ({ value: x.id, label: x.name }));
      if (currentId && !options.some((o) => o.value === currentId)) {
        const current = await contactStanding(tdb, currentId);
        if (current) options.unshift({ value: current.id, label: current.name });
      }
      return { options, truncated };
    },

    /** Dropdown choices; a product's current value stays listed even if Xero no longer offers it. */
    async formOptions(current?: Product, chosen: { supplierId?: string; supplierSearch?: string } = {}): Promise<ProductFormOptions> {
      const o = await settingsOptions();
      const keep = (list: Choice[], value: string | null | undefined): Choice[] =>
        value && !list.some((x) => x.value === value) ? [{ value, label: `${value} (not active in Xero)` }, ...list] : list;
      const suppliers = await readPickerChoices({
        search: chosen.supplierSearch ?? '',
        chosenId: chosen.supplierId ?? current?.defaultSupplierId ?? '',
        listLimit: SUPPLIER_CHOICE_LIMIT,
        searchLimit: SUPPLIER_SEARCH_LIMIT,
        rows: (limit, search) => supplierContacts(tdb, { limit, ...(search ? { search } : {}) }),
        chosen: async (id) => {
          const supplier = await contactStanding(tdb, id);
          return supplier ? { value: supplier.id, label: supplier.archived ? `${supplier.name} (archived)` : supplier.name } : null;
        },
      });
      return {
        salesAccounts: keep(o.salesAccounts, current?.salesAccountCode),
        purchasesAccounts: keep(o.purchasesAccounts, current?.purchasesAccountCode),
        salesTaxRates: keep(o.salesTaxRates, current?.salesTaxType),
        purchasesTaxRates: keep(o.purchasesTaxRates, current?.purchasesTaxType),
        suppliers,
        settingsCached: (await settings.accounts()).length > 0 || (await settings.taxRates()).length > 0,
      };
    },

    async create(input: ProductInput): Promise<string> {
      const errors = await check(input, null);
      if (Object.keys(errors).length) throw new ValidationError(PLEASE, errors);
      const id = newId();
      await write(() => repo.insert(id, input, now()));
      return id;
    },

    async update(id: string, input: ProductInput): Promise<void> {
      const existing = await get(id);
      const errors = await check(input, existing);
      if (Object.keys(errors).length) throw new ValidationError(PLEASE, errors);
      await write(() => repo.update(id, input, now()));
    },

    async archive(id: string): Promise<Product> {
      const product = await get(id);
      if (!product.archivedAt) await repo.setArchived(id, now(), now());
      return product;
    },

    async unarchive(id: string): Promise<Product> {
      const product = await get(id);
      if (product.archivedAt) await repo.setArchived(id, null, now());
      return product;
    },
  };
}

export type ProductService = ReturnType<typeof productService>;
