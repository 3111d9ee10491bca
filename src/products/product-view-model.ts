/** Plain objects for the product templates. */
import { formatDay } from '../common/dates.js';
import { paginationView, type ListQuery } from '../common/list-query.js';
import { currencyColumn } from '../common/money.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import type { Choice } from '../common/choice.js';
import { formatPrice, type Product, type ProductFilters, type ProductSort } from './product.js';
import type { ProductPage } from './product-repository.js';
import { PRODUCT_FIELDS } from './product-schema.js';
import { searchPickerView } from '../common/search-picker.js';
import { SUPPLIER_CHOICE_LIMIT, SUPPLIER_SEARCH_LIMIT, type ProductFormOptions, type ProductRecord } from './product-service.js';

const SORT_LABELS: Record<ProductSort, string> = { code: 'Code', name: 'Name', sale_price: 'Sale price', updated: 'Last updated' };
const dateText = (d: Date): string => formatDay(d);

export function productListParams(query: ListQuery<ProductSort>, filters: ProductFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.q) params.q = query.q;
  if (filters.supplierId) params.supplier = filters.supplierId;
  if (filters.archived !== 'active') params.archived = filters.archived;
  params.sort = query.sort;
  params.dir = query.dir;
  return params;
}

export function productListView(
  page: ProductPage,
  query: ListQuery<ProductSort>,
  filters: ProductFilters,
  suppliers: { options: Choice[]; truncated: boolean },
  /** The organisation's base currency: every price is in it, shown once in the headings. */
  currency: string | null = null,
) {
  const params = productListParams(query, filters);
  const filtered = Boolean(query.q || filters.supplierId || filters.archived !== 'active');
  const sortLink = (sort: ProductSort) => {
    const dir = query.sort === sort && query.dir === 'asc' ? 'desc' : 'asc';
    return {
      label: SORT_LABELS[sort],
      href: `/products?${new URLSearchParams({ ...params, sort, dir }).toString()}`,
      current: query.sort === sort ? (query.dir === 'asc' ? 'ascending' : 'descending') : null,
    };
  };
  return {
    rows: page.products.map((p) => ({
      href: `/products/${p.id}`,
      code: p.code,
      name: p.name,
      salePrice: formatPrice(p.salePrice),
      costPrice: formatPrice(p.costPrice),
      supplierName: p.supplierName,
      supplierHref: p.defaultSupplierId ? `/contacts/${p.defaultSupplierId}` : null,
      updated: dateText(p.updatedAt),
      archived: p.archivedAt !== null,
    })),
    search: { q: query.q, supplier: filters.supplierId ?? '', archived: filters.archived, sort: query.sort, dir: query.dir },
    supplierOptions: [{ value: '', label: 'Any supplier' }, ...suppliers.options],
    // Too many suppliers for a dropdown: a supplier's page links to its products.
    supplierHint: suppliers.truncated ? "To see one supplier's products, open the supplier and choose “Products”." : '',
    sorts: { code: sortLink('code'), name: sortLink('name'), sale_price: sortLink('sale_price'), updated: sortLink('updated') },
    pagination: paginationView('/products', params, query.page, query.pageSize, page.total),
    money: currencyColumn(currency ? [currency] : []),
    empty: page.total === 0 ? (filtered ? 'no-match' : 'none') : null,
  };
}

export function productRecordView(record: ProductRecord) {
  const { product: p, supplier, labels } = record;
  const details: Array<{ label: string; value: string; href?: string }> = [];
  const add = (label: string, value: string | null) => {
    if (value) details.push({ label, value });
  };
  add('Code', p.code);
  add('Sale price', p.salePrice === null ? null : formatPrice(p.salePrice));
  add('Sales account', labels.salesAccount);
  add('Sales tax rate', labels.salesTax);
  add('Cost price', p.costPrice === null ? null : formatPrice(p.costPrice));
  add('Purchases account', labels.purchasesAccount);
  add('Purchases tax rate', labels.purchasesTax);
  if (supplier) details.push({ label: 'Default supplier', value: supplier.name, href: `/contacts/${supplier.id}` });
  add('In Xero', p.xeroItemId ? 'Linked to a Xero item' : null);
  add('Archived', p.archivedAt ? dateText(p.archivedAt) : null);
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    archived: p.archivedAt !== null,
    details,
    editHref: `/products/${p.id}/edit`,
    archiveHref: `/products/${p.id}/archive`,
    unarchiveAction: `/products/${p.id}/unarchive`,
    createdText: dateText(p.createdAt),
    updatedText: dateText(p.updatedAt),
  };
}

export function productFormValues(p: Product): FormValues {
  return {
    code: p.code,
    name: p.name,
    description: p.description ?? '',
    sale_price: formatPrice(p.salePrice),
    cost_price: formatPrice(p.costPrice),
    sales_account_code: p.salesAccountCode ?? '',
    purchases_account_code: p.purchasesAccountCode ?? '',
    sales_tax_type: p.salesTaxType ?? '',
    purchases_tax_type: p.purchasesTaxType ?? '',
    default_supplier_id: p.defaultSupplierId ?? '',
  };
}

export function newProductValues(defaults: FormValues = {}): FormValues {
  return { ...Object.fromEntries(PRODUCT_FIELDS.map((f) => [f, ''])), ...defaults };
}

export function productFormView(input: {
  mode: 'new' | 'edit';
  id?: string;
  values: FormValues;
  errors: FieldErrors;
  options: ProductFormOptions;
  /** The organisation's base currency: product prices are in it. */
  currency: string | null;
}) {
  const { mode, id, values, errors, options } = input;
  const withBlank = (blank: string, list: Choice[]): Choice[] => [{ value: '', label: blank }, ...list];
  return {
    mode,
    title: mode === 'new' ? 'New product' : `Edit ${values.name || 'product'}`,
    action: mode === 'new' ? '/products' : `/products/${id ?? ''}`,
    cancelHref: mode === 'new' ? '/products' : `/products/${id ?? ''}`,
    values,
    errors,
    errorCount: Object.keys(errors).length,
    settingsCached: options.settingsCached,
    priceHint: input.currency ? `In ${input.currency}, up to 4 decimal places.` : 'Up to 4 decimal places.',
    salesAccountOptions: withBlank('None', options.salesAccounts),
    purchasesAccountOptions: withBlank('None', options.purchasesAccounts),
    salesTaxOptions: withBlank('None', options.salesTaxRates),
    purchasesTaxOptions: withBlank('None', options.purchasesTaxRates),
    supplierPicker: searchPickerView(options.suppliers, values.default_supplier_id ?? '', 'No default supplier', {
      noun: 'supplier',
      plural: 'suppliers',
      fields: 'name or email',
      findLabel: 'Find supplier',
      listLimit: SUPPLIER_CHOICE_LIMIT,
      searchLimit: SUPPLIER_SEARCH_LIMIT,
    }),
  };
}
