/**
 * What a new product's form starts with: the organisation's saved defaults (Xero settings page) when
 * still usable, otherwise what Xero itself would suggest from the cached chart of accounts: the first
 * active revenue account by code (200 Sales in an AU organisation) and the first active direct-costs
 * account (300 Purchases), each with the tax rate Xero has on that account (GST on Income, GST on
 * Expenses). Empty values while the settings cache is empty: nothing is invented.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { text, type DbRow } from '../db/row-values.js';
import { xeroDefaultsFor } from './xero-defaults-service.js';

export interface ProductFormDefaults {
  salesAccountCode: string;
  salesTaxType: string;
  purchasesAccountCode: string;
  purchasesTaxType: string;
}

const SUGGESTED_SALES_TYPES = ['REVENUE', 'SALES'];
const SUGGESTED_PURCHASES_TYPES = ['DIRECTCOSTS'];

async function firstAccountCode(tdb: TenantDb, types: string[]): Promise<string> {
  const row: DbRow | undefined = await tdb
    .from('xero_accounts')
    .where('status', 'ACTIVE')
    .whereNotNull('code')
    .whereIn('type', types)
    .orderBy('code')
    .first('code');
  return (row && text(row, 'code')) ?? '';
}

/** The tax rate Xero has on the account, when it is active and may be used on that side. */
async function taxRateOfAccount(tdb: TenantDb, code: string, side: 'revenue' | 'expenses'): Promise<string> {
  if (!code) return '';
  const account: DbRow | undefined = await tdb.from('xero_accounts').where('code', code).first('tax_type');
  const taxType = (account && text(account, 'tax_type')) ?? '';
  if (!taxType) return '';
  const rate: DbRow | undefined = await tdb
    .from('xero_tax_rates')
    .where({ tax_type: taxType, status: 'ACTIVE' })
    .where(side === 'revenue' ? 'can_apply_to_revenue' : 'can_apply_to_expenses', true)
    .first('tax_type');
  return rate ? taxType : '';
}

export async function productFormDefaults(tdb: TenantDb): Promise<ProductFormDefaults> {
  const saved = await xeroDefaultsFor(tdb);
  const usable = (ref: { value: string; usable: boolean } | null): string => (ref?.usable ? ref.value : '');
  const salesAccountCode = usable(saved.salesAccount) || (await firstAccountCode(tdb, SUGGESTED_SALES_TYPES));
  const purchasesAccountCode = usable(saved.purchasesAccount) || (await firstAccountCode(tdb, SUGGESTED_PURCHASES_TYPES));
  return {
    salesAccountCode,
    salesTaxType: usable(saved.salesTaxRate) || (await taxRateOfAccount(tdb, salesAccountCode, 'revenue')),
    purchasesAccountCode,
    purchasesTaxType: usable(saved.purchasesTaxRate) || (await taxRateOfAccount(tdb, purchasesAccountCode, 'expenses')),
  };
}
