/**
 * Line items of invoices, purchase orders, quotes and repeating invoices: defaults from items and
 * accounts, Xero's checks on codes, tax types and tracking, update-by-LineItemID, and totals.
 */
import { randomUUID } from 'node:crypto';
import type { TenantStore } from './store.js';
import { documentTotals, lineTotals, roundTo, type DocumentTotals } from './totals.js';
import { isJsonObject, type Json, type JsonObject, type LineAmountType } from './types.js';

export interface LedgerLookups {
  accounts: Map<string, JsonObject>;
  taxRates: Map<string, JsonObject>;
  items: Map<string, JsonObject>;
  tracking: JsonObject[];
  /** Enabled currency codes. */
  currencies: Set<string>;
}

/** The ledger's settings a document is checked against; loaded once per request, not per element. */
export async function loadLookups(store: TenantStore): Promise<LedgerLookups> {
  const byKey = (rows: { data: JsonObject }[], key: string) => new Map(rows.map((r) => [String(r.data[key] ?? '').toUpperCase(), r.data]));
  return {
    accounts: byKey(await store.list('Accounts'), 'Code'),
    taxRates: byKey(await store.list('TaxRates'), 'TaxType'),
    items: byKey(await store.list('Items'), 'Code'),
    tracking: (await store.list('TrackingCategories')).map((r) => r.data),
    currencies: new Set((await store.list('Currencies')).map((r) => String(r.data['Code']))),
  };
}

export interface LineContext {
  lookups: LedgerLookups;
  side: 'sales' | 'purchases';
  amountTypes: LineAmountType;
  /** Approved documents need an account on every line. */
  requireAccount: boolean;
  /** Xero keeps unit amounts to 2 dp unless the request says `unitdp=4`. */
  unitDp?: 2 | 4;
  /** Bills (ACCPAY) and credit notes take no discounts (Xero's spec on LineItem.DiscountRate). */
  noDiscounts?: boolean;
}

export const NO_DISCOUNTS = 'Discounts are only supported on sales invoices and quotes (not on bills or credit notes).';

export interface BuiltLines {
  lines: JsonObject[];
  totals: DocumentTotals;
  errors: string[];
}

const num = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function resolveTracking(input: Json | undefined, ctx: LineContext, errors: string[]): Json[] | undefined {
  if (!Array.isArray(input)) return undefined;
  if (input.length > 2) errors.push('A maximum of 2 tracking categories can be assigned to a line item.');
  return input.filter(isJsonObject).map((t) => {
    const category = ctx.lookups.tracking.find(
      (c) =>
        String(c['Name']).toLowerCase() === String(t['Name'] ?? '').toLowerCase() ||
        (str(t['TrackingCategoryID']) !== undefined && String(c['TrackingCategoryID']) === String(t['TrackingCategoryID']).toLowerCase()),
    );
    const options = category && Array.isArray(category['Options']) ? category['Options'].filter(isJsonObject) : [];
    const option = options.find(
      (o) =>
        String(o['Name']).toLowerCase() === String(t['Option'] ?? '').toLowerCase() ||
        (str(t['TrackingOptionID']) !== undefined && String(o['TrackingOptionID']) === String(t['TrackingOptionID']).toLowerCase()),
    );
    if (!category || !option) {
      errors.push(
        `The TrackingCategory ${String(t['Name'] ?? t['TrackingCategoryID'] ?? '')} with option ${String(t['Option'] ?? t['TrackingOptionID'] ?? '')} does not exist.`,
      );
      return t;
    }
    return {
      TrackingCategoryID: String(category['TrackingCategoryID']),
      TrackingOptionID: String(option['TrackingOptionID']),
      Name: String(category['Name']),
      Option: String(option['Name']),
    };
  });
}

function buildLine(input: JsonObject, previous: JsonObject | undefined, ctx: LineContext, errors: string[]): { line: JsonObject; rate: number } {
  const line: JsonObject = { ...(previous ?? {}), ...input, LineItemID: str(previous?.['LineItemID']) ?? randomUUID() };
  // Computed members are recomputed; a sent LineAmount is read from `input` below.
  for (const k of ['TaxAmount', 'LineAmount', 'DiscountAmount', 'Item', 'AccountID']) delete line[k];
  const itemCode = str(line['ItemCode']);
  if (itemCode) {
    const item = ctx.lookups.items.get(itemCode.toUpperCase());
    if (!item) errors.push(`Item code '${itemCode}' is not valid.`);
    else {
      const details = ctx.side === 'sales' ? item['SalesDetails'] : item['PurchaseDetails'];
      const d = isJsonObject(details) ? details : {};
      line['ItemCode'] = String(item['Code']);
      line['Description'] ??= String((ctx.side === 'purchases' ? item['PurchaseDescription'] : undefined) ?? item['Description'] ?? item['Name'] ?? '');
      if (line['UnitAmount'] === undefined && num(d['UnitPrice']) !== undefined) line['UnitAmount'] = d['UnitPrice'] ?? 0;
      if (line['AccountCode'] === undefined && str(d['AccountCode'])) line['AccountCode'] = d['AccountCode'] ?? '';
      if (line['TaxType'] === undefined && str(d['TaxType'])) line['TaxType'] = d['TaxType'] ?? '';
      line['Item'] = { ItemID: String(item['ItemID']), Code: String(item['Code']), Name: String(item['Name'] ?? '') };
    }
  }
  const accountCode = str(line['AccountCode']);
  const account = accountCode ? ctx.lookups.accounts.get(accountCode.toUpperCase()) : undefined;
  if (accountCode && (!account || account['Status'] !== 'ACTIVE')) errors.push(`Account code '${accountCode}' is not a valid code for this document.`);
  if (!accountCode && ctx.requireAccount) errors.push('Account code must be specified');
  if (account) line['AccountID'] = String(account['AccountID']);
  const explicitTax = str(line['TaxType']);
  let taxType = explicitTax ?? (account ? str(account['TaxType']) : undefined);
  const taxRate = taxType ? ctx.lookups.taxRates.get(taxType.toUpperCase()) : undefined;
  // A rate sent explicitly must suit the side: sales rates on sales documents, purchase rates on bills.
  const wrongSide = explicitTax !== undefined && taxRate !== undefined && taxRate[ctx.side === 'sales' ? 'CanApplyToRevenue' : 'CanApplyToExpenses'] === false;
  if (taxType && (!taxRate || taxRate['Status'] !== 'ACTIVE' || wrongSide))
    errors.push(`The TaxType code '${taxType}' does not exist or cannot be used with this type of transaction.`);
  if (taxRate) taxType = String(taxRate['TaxType']);
  if (taxType) line['TaxType'] = taxType;
  const discount = num(line['DiscountRate']);
  if (discount !== undefined && (discount < 0 || discount > 100)) errors.push('Discount rate must be between 0 and 100.');
  if (ctx.noDiscounts && ((discount ?? 0) > 0 || (num(line['DiscountAmount']) ?? 0) > 0)) errors.push(NO_DISCOUNTS);
  const given = num(input['LineAmount']);
  let quantity = num(line['Quantity']);
  let unit = num(line['UnitAmount']);
  if (unit === undefined && given !== undefined) {
    quantity ??= 1;
    unit = quantity === 0 ? 0 : given / quantity;
  }
  quantity ??= unit === undefined ? 0 : 1;
  line['Quantity'] = roundTo(quantity, 4);
  line['UnitAmount'] = roundTo(unit ?? 0, ctx.unitDp ?? 2);
  const tracking = resolveTracking(line['Tracking'], ctx, errors);
  if (tracking) line['Tracking'] = tracking;
  else line['Tracking'] = [];
  return { line, rate: ctx.amountTypes === 'NoTax' ? 0 : (num(taxRate?.['EffectiveRate']) ?? 0) };
}

/** Builds the document's lines: those with a known LineItemID update, others are new, missing ones go. */
export function buildLines(input: Json | undefined, existing: Json | undefined, ctx: LineContext): BuiltLines {
  const errors: string[] = [];
  const previous = Array.isArray(existing) ? existing.filter(isJsonObject) : [];
  const source = input === undefined ? previous : Array.isArray(input) ? input.filter(isJsonObject) : [];
  const built = source.map((l) => {
    const id = str(l['LineItemID'])?.toLowerCase();
    return buildLine(l, id ? previous.find((p) => String(p['LineItemID']).toLowerCase() === id) : undefined, ctx, errors);
  });
  const amounts = built.map(({ line, rate }) =>
    lineTotals(
      {
        Quantity: num(line['Quantity']) ?? 0,
        UnitAmount: num(line['UnitAmount']) ?? 0,
        DiscountRate: num(line['DiscountRate']),
        taxRate: rate,
      },
      ctx.amountTypes,
    ),
  );
  const lines = built.map(({ line }, i) => {
    const t = amounts[i];
    return { ...line, LineAmount: t?.LineAmount ?? 0, TaxAmount: t?.TaxAmount ?? 0, ...(t && t.discount > 0 ? { DiscountAmount: t.discount } : {}) };
  });
  return { lines, totals: documentTotals(amounts, ctx.amountTypes), errors: [...new Set(errors)] };
}
