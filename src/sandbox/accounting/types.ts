/**
 * Records as the sandbox stores them: Xero's PascalCase field names, dates as ISO strings
 * (`2026-01-15T00:00:00`), money as numbers rounded to 2 dp. `wire.ts` turns them into Xero's JSON.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const COLLECTIONS = [
  'Contacts',
  'Invoices',
  'CreditNotes',
  'PurchaseOrders',
  'Quotes',
  'RepeatingInvoices',
  'Payments',
  'Items',
  'Accounts',
  'TaxRates',
  'BrandingThemes',
  'TrackingCategories',
  'Currencies',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

export type LineAmountType = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface AccountRecord {
  AccountID: string;
  Code: string;
  Name: string;
  Type: string;
  Status: 'ACTIVE' | 'ARCHIVED';
  TaxType: string;
  Class: string;
  EnablePaymentsToAccount: boolean;
  ShowInExpenseClaims: boolean;
  BankAccountNumber?: string;
  BankAccountType?: string;
  CurrencyCode?: string;
  SystemAccount?: string;
  Description?: string;
  ReportingCode?: string;
  HasAttachments: boolean;
  UpdatedDateUTC: string;
}

export interface TaxRateRecord {
  Name: string;
  TaxType: string;
  ReportTaxType?: string;
  Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED';
  EffectiveRate: number;
  DisplayTaxRate: number;
  CanApplyToRevenue: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToAssets: boolean;
  CanApplyToEquity: boolean;
  CanApplyToLiabilities: boolean;
  TaxComponents: { Name: string; Rate: number; IsCompound: boolean; IsNonRecoverable: boolean }[];
}

export interface StoredRecord {
  id: string;
  number: string | null;
  status: string | null;
  updatedAt: number;
  data: JsonObject;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
