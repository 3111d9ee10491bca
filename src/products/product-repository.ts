/** SQL for products, always through the organisation's TenantDb. */
import type { Knex } from 'knex';
import type { TenantDb } from '../db/tenant-db.js';
import { whereContains } from '../db/contains.js';
import { date, dbTime, int, requiredDate, requiredText, text, type DbRow } from '../db/row-values.js';
import { codeKey, type Product, type ProductFilters, type ProductInput, type ProductSort, type ProductSummary } from './product.js';

const TABLE = 'products';

const SORT_COLUMNS: Record<ProductSort, string> = {
  code: 'products.code_key',
  name: 'products.name_key',
  sale_price: 'products.sale_price',
  updated: 'products.updated_at',
};

export function productFromRow(row: DbRow): Product {
  return {
    id: requiredText(row, 'id'),
    code: requiredText(row, 'code'),
    name: requiredText(row, 'name'),
    description: text(row, 'description'),
    salePrice: int(row, 'sale_price'),
    costPrice: int(row, 'cost_price'),
    salesAccountCode: text(row, 'sales_account_code'),
    purchasesAccountCode: text(row, 'purchases_account_code'),
    salesTaxType: text(row, 'sales_tax_type'),
    purchasesTaxType: text(row, 'purchases_tax_type'),
    defaultSupplierId: text(row, 'default_supplier_id'),
    xeroItemId: text(row, 'xero_item_id'),
    archivedAt: date(row, 'archived_at'),
    createdAt: requiredDate(row, 'created_at'),
    updatedAt: requiredDate(row, 'updated_at'),
  };
}

function inputColumns(input: ProductInput): DbRow {
  return {
    code: input.code.trim(),
    code_key: codeKey(input.code),
    name: input.name.trim(),
    name_key: input.name.trim().toLowerCase(),
    description: input.description,
    sale_price: input.salePrice,
    cost_price: input.costPrice,
    sales_account_code: input.salesAccountCode,
    purchases_account_code: input.purchasesAccountCode,
    sales_tax_type: input.salesTaxType,
    purchases_tax_type: input.purchasesTaxType,
    default_supplier_id: input.defaultSupplierId,
  };
}

export interface ProductListOptions extends ProductFilters {
  sort: ProductSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface ProductPage {
  products: ProductSummary[];
  total: number;
}

export function productRepository(tdb: TenantDb) {
  function filtered(filters: ProductFilters): Knex.QueryBuilder {
    const query = tdb.from(TABLE);
    if (filters.q) whereContains(query, ['products.code_key', 'products.name_key'], filters.q);
    if (filters.supplierId) query.where('products.default_supplier_id', filters.supplierId);
    if (filters.archived === 'active') query.whereNull('products.archived_at');
    if (filters.archived === 'archived') query.whereNotNull('products.archived_at');
    return query;
  }

  return {
    async list(options: ProductListOptions): Promise<ProductPage> {
      const countRow: DbRow | undefined = await filtered(options).count({ n: '*' }).first();
      const rows: DbRow[] = await filtered(options)
        .leftJoin(tdb.scoped('contacts', 'supplier'), 'supplier.id', 'products.default_supplier_id')
        .select('products.*', 'supplier.name as supplier_name')
        .orderBy(SORT_COLUMNS[options.sort], options.dir)
        .orderBy('products.id', options.dir)
        .limit(options.pageSize)
        .offset((options.page - 1) * options.pageSize);
      return {
        products: rows.map((row) => ({ ...productFromRow(row), supplierName: text(row, 'supplier_name') })),
        total: Number(countRow?.n ?? 0),
      };
    },

    async findById(id: string): Promise<Product | null> {
      const row: DbRow | undefined = await tdb.from(TABLE).where('id', id).first();
      return row ? productFromRow(row) : null;
    },

    /** The products of these ids (one statement; ids of another organisation are simply not found). */
    async findByIds(ids: readonly string[]): Promise<Product[]> {
      if (ids.length === 0) return [];
      const rows: DbRow[] = await tdb.from(TABLE).whereIn('id', [...new Set(ids)]);
      return rows.map(productFromRow);
    },

    async codeTaken(code: string, exceptId?: string): Promise<boolean> {
      const query = tdb.from(TABLE).where('code_key', codeKey(code));
      if (exceptId) query.whereNot('id', exceptId);
      return (await query.first('id')) !== undefined;
    },

    async insert(id: string, input: ProductInput, now: Date): Promise<void> {
      await tdb.insert(TABLE, { id, ...inputColumns(input), created_at: dbTime(now), updated_at: dbTime(now) });
    },

    async update(id: string, input: ProductInput, now: Date): Promise<boolean> {
      return (await tdb.update(TABLE, { id }, { ...inputColumns(input), updated_at: dbTime(now) })) > 0;
    },

    async setArchived(id: string, archivedAt: Date | null, now: Date): Promise<boolean> {
      return (await tdb.update(TABLE, { id }, { archived_at: archivedAt ? dbTime(archivedAt) : null, updated_at: dbTime(now) })) > 0;
    },
  };
}

export type ProductRepository = ReturnType<typeof productRepository>;
