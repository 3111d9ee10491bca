/**
 * What a new organisation's ledger looks like in each region: tax rates as Xero names them there and
 * the tax types its default chart of accounts uses.
 */
import type { OrganisationSeed } from '../identity-accounting-seam.js';

export type CountryCode = OrganisationSeed['countryCode'];

export interface TaxRateSeed {
  name: string;
  taxType: string;
  reportTaxType: string;
  rate: number;
  revenue: boolean;
  expenses: boolean;
}

export interface RegionSeed {
  version: 'AU' | 'NZ' | 'UK' | 'US';
  baseCurrency: string;
  otherCurrencies: { code: string; description: string }[];
  baseCurrencyName: string;
  timezone: string;
  taxAccountName: string;
  /** Tax types the default accounts use for sales, purchases and out-of-scope lines. */
  salesTax: string;
  purchasesTax: string;
  noTax: string;
  taxRates: TaxRateSeed[];
  regions: string[];
  salesTaxBasis: string;
  salesTaxPeriod: string;
}

const rate = (name: string, taxType: string, reportTaxType: string, r: number, revenue: boolean, expenses: boolean): TaxRateSeed => ({
  name,
  taxType,
  reportTaxType,
  rate: r,
  revenue,
  expenses,
});

export const REGIONS: Record<CountryCode, RegionSeed> = {
  AU: {
    version: 'AU',
    baseCurrency: 'AUD',
    baseCurrencyName: 'Australian Dollar',
    timezone: 'AUSEASTERNSTANDARDTIME',
    otherCurrencies: [
      { code: 'NZD', description: 'New Zealand Dollar' },
      { code: 'USD', description: 'United States Dollar' },
    ],
    taxAccountName: 'GST',
    salesTax: 'OUTPUT',
    purchasesTax: 'INPUT',
    noTax: 'BASEXCLUDED',
    salesTaxBasis: 'ACCRUALS',
    salesTaxPeriod: 'QUARTERLY1',
    regions: ['Eastside', 'North', 'South', 'West Coast'],
    taxRates: [
      rate('GST on Income', 'OUTPUT', 'OUTPUT', 10, true, false),
      rate('GST on Expenses', 'INPUT', 'INPUT', 10, false, true),
      rate('GST Free Income', 'EXEMPTOUTPUT', 'EXEMPTOUTPUT', 0, true, false),
      rate('GST Free Expenses', 'EXEMPTEXPENSES', 'EXEMPTEXPENSES', 0, false, true),
      rate('BAS Excluded', 'BASEXCLUDED', 'BASEXCLUDED', 0, true, true),
      rate('Input Taxed', 'INPUTTAXED', 'INPUTTAXED', 0, true, true),
      rate('GST on Imports', 'GSTONIMPORTS', 'GSTONIMPORTS', 0, false, true),
      rate('GST on Capital', 'CAPEXINPUT', 'CAPITALEXPENSESINPUT', 10, false, true),
    ],
  },
  NZ: {
    version: 'NZ',
    baseCurrency: 'NZD',
    baseCurrencyName: 'New Zealand Dollar',
    timezone: 'NEWZEALANDSTANDARDTIME',
    otherCurrencies: [
      { code: 'AUD', description: 'Australian Dollar' },
      { code: 'USD', description: 'United States Dollar' },
    ],
    taxAccountName: 'GST',
    salesTax: 'OUTPUT2',
    purchasesTax: 'INPUT2',
    noTax: 'NONE',
    salesTaxBasis: 'PAYMENTS',
    salesTaxPeriod: 'TWOMONTHS',
    regions: ['Auckland', 'Wellington', 'Christchurch'],
    taxRates: [
      rate('15% GST on Income', 'OUTPUT2', 'OUTPUT', 15, true, false),
      rate('15% GST on Expenses', 'INPUT2', 'INPUT', 15, false, true),
      rate('Zero Rated', 'ZERORATED', 'NONE', 0, true, true),
      rate('GST on Imports', 'GSTONIMPORTS', 'GSTONIMPORTS', 0, false, true),
      rate('No GST', 'NONE', 'NONE', 0, true, true),
    ],
  },
  GB: {
    version: 'UK',
    baseCurrency: 'GBP',
    baseCurrencyName: 'British Pound',
    timezone: 'GMTSTANDARDTIME',
    otherCurrencies: [
      { code: 'EUR', description: 'Euro' },
      { code: 'USD', description: 'United States Dollar' },
    ],
    taxAccountName: 'VAT',
    salesTax: 'OUTPUT2',
    purchasesTax: 'INPUT2',
    noTax: 'NONE',
    salesTaxBasis: 'ACCRUALS',
    salesTaxPeriod: 'QUARTERLY1',
    regions: ['London', 'Midlands', 'North', 'Scotland'],
    taxRates: [
      rate('20% (VAT on Income)', 'OUTPUT2', 'OUTPUT', 20, true, false),
      rate('20% (VAT on Expenses)', 'INPUT2', 'INPUT', 20, false, true),
      rate('5% (VAT on Income)', 'RROUTPUT', 'OUTPUT', 5, true, false),
      rate('5% (VAT on Expenses)', 'RRINPUT', 'INPUT', 5, false, true),
      rate('Zero Rated Income', 'ZERORATEDOUTPUT', 'OUTPUT', 0, true, false),
      rate('Zero Rated Expenses', 'ZERORATEDINPUT', 'INPUT', 0, false, true),
      rate('Exempt Income', 'EXEMPTOUTPUT', 'EXEMPTOUTPUT', 0, true, false),
      rate('Exempt Expenses', 'EXEMPTINPUT', 'EXEMPTINPUT', 0, false, true),
      rate('No VAT', 'NONE', 'NONE', 0, true, true),
    ],
  },
  US: {
    version: 'US',
    baseCurrency: 'USD',
    baseCurrencyName: 'United States Dollar',
    timezone: 'EASTERNSTANDARDTIME',
    otherCurrencies: [
      { code: 'CAD', description: 'Canadian Dollar' },
      { code: 'EUR', description: 'Euro' },
    ],
    taxAccountName: 'Sales Tax',
    salesTax: 'TAX001',
    purchasesTax: 'INPUT',
    noTax: 'NONE',
    salesTaxBasis: 'ACCRUAL',
    salesTaxPeriod: 'QUARTERLY',
    regions: ['East', 'Central', 'West'],
    taxRates: [
      rate('State Sales Tax', 'TAX001', 'SALESOUTPUT', 8.25, true, false),
      rate('City Sales Tax', 'TAX002', 'SALESOUTPUT', 1.5, true, false),
      rate('Tax on Purchases', 'INPUT', 'PURCHASESINPUT', 0, false, true),
      rate('Tax Exempt', 'NONE', 'NONE', 0, true, true),
    ],
  },
};

export interface AccountSeed {
  code: string;
  name: string;
  type: string;
  tax: 'sales' | 'purchases' | 'none';
  payments?: boolean;
  system?: string;
}

export const CHART_OF_ACCOUNTS: AccountSeed[] = [
  { code: '090', name: 'Business Bank Account', type: 'BANK', tax: 'none' },
  { code: '091', name: 'Business Savings Account', type: 'BANK', tax: 'none' },
  { code: '200', name: 'Sales', type: 'REVENUE', tax: 'sales' },
  { code: '260', name: 'Other Revenue', type: 'REVENUE', tax: 'sales' },
  { code: '270', name: 'Interest Income', type: 'REVENUE', tax: 'none' },
  { code: '300', name: 'Purchases', type: 'DIRECTCOSTS', tax: 'purchases' },
  { code: '310', name: 'Cost of Goods Sold', type: 'DIRECTCOSTS', tax: 'purchases' },
  { code: '400', name: 'Advertising', type: 'EXPENSE', tax: 'purchases' },
  { code: '404', name: 'Bank Fees', type: 'EXPENSE', tax: 'none' },
  { code: '412', name: 'Consulting & Accounting', type: 'EXPENSE', tax: 'purchases' },
  { code: '429', name: 'General Expenses', type: 'EXPENSE', tax: 'purchases' },
  { code: '445', name: 'Light, Power, Heating', type: 'EXPENSE', tax: 'purchases' },
  { code: '469', name: 'Rent', type: 'EXPENSE', tax: 'purchases' },
  { code: '489', name: 'Telephone & Internet', type: 'EXPENSE', tax: 'purchases' },
  { code: '493', name: 'Travel - National', type: 'EXPENSE', tax: 'purchases' },
  { code: '610', name: 'Accounts Receivable', type: 'CURRENT', tax: 'none', system: 'DEBTORS' },
  { code: '620', name: 'Prepayments', type: 'CURRENT', tax: 'none' },
  { code: '710', name: 'Office Equipment', type: 'FIXED', tax: 'purchases' },
  { code: '800', name: 'Accounts Payable', type: 'CURRLIAB', tax: 'none', system: 'CREDITORS' },
  { code: '820', name: 'TAX', type: 'CURRLIAB', tax: 'none', system: 'GST' },
  { code: '855', name: 'Clearing Account', type: 'CURRLIAB', tax: 'none', payments: true },
  { code: '880', name: 'Owner A Drawings', type: 'EQUITY', tax: 'none' },
  { code: '960', name: 'Retained Earnings', type: 'EQUITY', tax: 'none', system: 'RETAINEDEARNINGS' },
];

export const ACCOUNT_CLASS: Record<string, string> = {
  BANK: 'ASSET',
  CURRENT: 'ASSET',
  FIXED: 'ASSET',
  CURRLIAB: 'LIABILITY',
  EQUITY: 'EQUITY',
  EXPENSE: 'EXPENSE',
  DIRECTCOSTS: 'EXPENSE',
  REVENUE: 'REVENUE',
  SALES: 'REVENUE',
};

export const CONTACT_SEEDS: { name: string; first: string; last: string; city: string }[] = [
  { name: 'ABC Furniture', first: 'Trish', last: 'Rawlings', city: 'Melbourne' },
  { name: 'Bayside Club', first: 'Bob', last: 'Partridge', city: 'Sydney' },
  { name: 'Boom FM', first: 'Kerry', last: 'Lyons', city: 'Brisbane' },
  { name: 'City Agency', first: 'Dave', last: 'Bickley', city: 'Perth' },
  { name: 'Coco Cafe', first: 'Cal', last: 'Costa', city: 'Adelaide' },
  { name: 'Hamilton Smith Ltd', first: 'Harriet', last: 'Smith', city: 'Hobart' },
  { name: 'Marine Systems', first: 'Sandra', last: 'Mariner', city: 'Darwin' },
  { name: 'Port & Philip Freight', first: 'Phil', last: 'Porter', city: 'Geelong' },
  { name: 'Ridgeway University', first: 'Rita', last: 'Ridge', city: 'Canberra' },
  { name: 'Rex Media Group', first: 'Rex', last: 'Wainwright', city: 'Cairns' },
  { name: 'Swanston Security', first: 'Sam', last: 'Swanston', city: 'Ballarat' },
  { name: 'PowerDirect', first: 'Pat', last: 'Power', city: 'Newcastle' },
];

export const ITEM_SEEDS: { code: string; name: string; price: number; cost: number }[] = [
  { code: 'DevD', name: 'Development work - developer onsite per day', price: 650, cost: 450 },
  { code: 'GB1-White', name: 'Golf balls - white single', price: 5.5, cost: 2.25 },
  { code: 'Support-M', name: 'Monthly support plan', price: 199, cost: 0 },
  { code: 'Train-H', name: 'Training per hour', price: 120, cost: 60 },
];
