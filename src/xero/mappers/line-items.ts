/**
 * Pure: a Ledgerside document line → a Xero LineItem, for every line-item document sent to Xero
 * (sales invoices, purchase orders, repeating invoices). Quantities and unit prices arrive as integers
 * scaled by 10,000 (4 dp) and go out as decimals with `unitdp=4`; discount rates as percent × 10,000.
 * LineAmount and TaxAmount are never sent: Xero computes them with the same rounding as
 * src/documents/totals.ts (tax per line, 2 dp, half away from zero), so Xero's totals equal the
 * document's to the cent.
 *
 * Account code and tax type: the line's own, else the linked product's (for the document's ledger
 * side), else the organisation's default for that side. Under NoTax no TaxType is sent (Xero takes the
 * account's and charges none). Tracking: the line's options; a category the line leaves empty takes the
 * organisation's default option for it.
 *
 * Updates: Xero keeps a line whose LineItemID is sent, creates one without, deletes the ones left out.
 * `matchLineItemIds` pairs a document's lines with the LineItemIDs of the lines last sent (unchanged
 * lines first, then the rest in order), so an edit updates lines instead of recreating them.
 */
import { createHash } from 'node:crypto';
import { ObjectSerializer, type LineItem, type LineItemTracking } from 'xero-node';

export type LineLedgerSide = 'sales' | 'purchases';
export type XeroLineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

/** The product a line names, with its Xero item code when it is linked to a Xero item and its codes for the document's side. */
export interface LineProductForXero {
  /** The Xero item's Code when the product is linked to an item (products.xero_item_id); null otherwise. */
  xeroItemCode: string | null;
  accountCode: string | null;
  taxType: string | null;
}

/** One line of a Ledgerside document (src/documents' DocumentLine, plus its product when it has one). */
export interface DocumentLineForXero {
  description: string;
  /** × 10,000. */
  quantity: number;
  /** × 10,000. */
  unitPrice: number;
  /** Percent × 10,000; 0 for none. */
  discountRate: number;
  accountCode: string | null;
  taxType: string | null;
  /** Tracking option ids (Xero's TrackingOptionID), at most two, from different categories. */
  trackingOptionIds: Array<string | null>;
  product: LineProductForXero | null;
}

export interface TrackingOptionForXero {
  categoryId: string;
  categoryName: string;
  optionId: string;
  optionName: string;
}

export interface LineMappingContext {
  side: LineLedgerSide;
  lineAmountTypes: XeroLineAmountTypes;
  /** The organisation's default account code and tax type for this side (src/xero-settings' defaults). */
  defaultAccountCode: string | null;
  defaultTaxType: string | null;
  /** Every tracking option a line may name, by option id (from the settings cache). */
  trackingOptions: ReadonlyMap<string, TrackingOptionForXero>;
  /** The organisation's default option per category, used where a line leaves that category empty. */
  defaultTracking: readonly TrackingOptionForXero[];
}

export interface LineItemProblem {
  /** 0-based line index. */
  line: number;
  field: 'accountCode' | 'taxType' | 'tracking' | 'description' | 'quantity';
  message: string;
}

const SCALE = 10_000;

/** An integer scaled by 10,000 as the decimal Xero takes (12345 → 1.2345; exact: the division is correctly rounded). */
export const fromScaled4 = (scaled: number): number => scaled / SCALE;

const LINE_DESCRIPTION_MAX = 4000;

/** Account code and tax type after the fallbacks (line → product → organisation default). */
export function resolvedCodes(line: DocumentLineForXero, ctx: LineMappingContext): { accountCode: string | null; taxType: string | null } {
  return {
    accountCode: line.accountCode || line.product?.accountCode || ctx.defaultAccountCode || null,
    taxType: line.taxType || line.product?.taxType || ctx.defaultTaxType || null,
  };
}

/** The line's tracking after the organisation's defaults fill its empty categories; unknown option ids are left out (see lineItemProblems). */
export function resolvedTracking(line: DocumentLineForXero, ctx: LineMappingContext): TrackingOptionForXero[] {
  const own = line.trackingOptionIds
    .filter((id): id is string => !!id)
    .map((id) => ctx.trackingOptions.get(id))
    .filter((o): o is TrackingOptionForXero => o !== undefined);
  const covered = new Set(own.map((o) => o.categoryId));
  return [...own, ...ctx.defaultTracking.filter((d) => !covered.has(d.categoryId))].slice(0, 2);
}

/**
 * One line as a Xero LineItem. With `lineItemId` (an update of a line Xero already has) the members a
 * line may have lost since are sent explicitly (DiscountRate 0, Tracking []), so Xero's copy loses them too.
 */
export function mapLineItem(line: DocumentLineForXero, ctx: LineMappingContext, lineItemId?: string | null): LineItem {
  const { accountCode, taxType } = resolvedCodes(line, ctx);
  const tracking: LineItemTracking[] = resolvedTracking(line, ctx).map((t) => ({
    trackingCategoryID: t.categoryId,
    trackingOptionID: t.optionId,
    name: t.categoryName,
    option: t.optionName,
  }));
  const item: LineItem = {};
  if (lineItemId) item.lineItemID = lineItemId;
  if (line.product?.xeroItemCode) item.itemCode = line.product.xeroItemCode;
  item.description = line.description;
  item.quantity = fromScaled4(line.quantity);
  item.unitAmount = fromScaled4(line.unitPrice);
  if (accountCode) item.accountCode = accountCode;
  if (taxType && ctx.lineAmountTypes !== 'NoTax') item.taxType = taxType;
  if (line.discountRate > 0 || lineItemId) item.discountRate = fromScaled4(line.discountRate);
  if (tracking.length > 0 || lineItemId) item.tracking = tracking;
  return item;
}

/** Every line, each with the LineItemID at the same index (null or missing: a new line). */
export function mapLineItems(lines: readonly DocumentLineForXero[], ctx: LineMappingContext, lineItemIds: ReadonlyArray<string | null> = []): LineItem[] {
  return lines.map((line, i) => mapLineItem(line, ctx, lineItemIds[i] ?? null));
}

/**
 * What stops lines from being sent, before any call: no account after the fallbacks (Xero requires one
 * on approved documents; pass `requireAccount`), a tax type missing where tax applies, an unknown or
 * doubled tracking category, an empty description with no item, a zero quantity.
 */
export function lineItemProblems(lines: readonly DocumentLineForXero[], ctx: LineMappingContext, options: { requireAccount: boolean }): LineItemProblem[] {
  const problems: LineItemProblem[] = [];
  lines.forEach((line, i) => {
    const n = i + 1;
    const { accountCode, taxType } = resolvedCodes(line, ctx);
    if (!accountCode && options.requireAccount && !line.product?.xeroItemCode)
      problems.push({ line: i, field: 'accountCode', message: `Line ${n} has no account: choose one on the line, its product or the Xero settings page.` });
    if (!taxType && ctx.lineAmountTypes !== 'NoTax')
      problems.push({ line: i, field: 'taxType', message: `Line ${n} has no tax rate: choose one on the line, its product or the Xero settings page.` });
    const ids = line.trackingOptionIds.filter((id): id is string => !!id);
    const known = ids.map((id) => ctx.trackingOptions.get(id));
    if (known.some((o) => o === undefined))
      problems.push({ line: i, field: 'tracking', message: `Line ${n} has a tracking option that is no longer active in Xero: choose another.` });
    const categories = known.filter((o): o is TrackingOptionForXero => !!o).map((o) => o.categoryId);
    if (new Set(categories).size !== categories.length)
      problems.push({ line: i, field: 'tracking', message: `Line ${n} has two options of the same tracking category: keep one.` });
    if (!line.description.trim() && !line.product?.xeroItemCode) problems.push({ line: i, field: 'description', message: `Line ${n} needs a description.` });
    if (line.description.length > LINE_DESCRIPTION_MAX)
      problems.push({ line: i, field: 'description', message: `Line ${n}'s description is longer than Xero allows (${LINE_DESCRIPTION_MAX} characters).` });
    if (line.quantity === 0) problems.push({ line: i, field: 'quantity', message: `Line ${n} has a quantity of 0.` });
  });
  return problems;
}

export type XeroLineItemWire = Record<string, unknown>;

/** The JSON xero-node puts on the wire for a line (PascalCase), for tests and logs. */
export function lineItemToWire(item: LineItem): XeroLineItemWire {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(item, 'LineItem'))) as XeroLineItemWire;
}

export const LINE_FINGERPRINT_VERSION = 'xl1';

/**
 * What Xero keeps of a line, without its LineItemID: two lines with the same fingerprint are the same
 * line to Xero. Store it with the LineItemID when a document is sent.
 */
export function lineItemFingerprint(item: LineItem): string {
  const { lineItemID: _id, ...rest } = item;
  const wire = lineItemToWire({ ...rest, discountRate: rest.discountRate || undefined, tracking: rest.tracking?.length ? rest.tracking : undefined });
  const keys = Object.keys(wire).sort();
  const canonical = JSON.stringify(keys.map((k) => [k, wire[k]]));
  return `${LINE_FINGERPRINT_VERSION}:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}

/** A line as last sent to Xero: its LineItemID (from Xero's answer) and its fingerprint. */
export interface SentLineItem {
  lineItemId: string;
  fingerprint: string;
}

/**
 * The LineItemID each of the document's lines should carry on a re-send (null: a new line). Ledgerside's
 * lines carry no identity across edits, so: a line identical to one sent keeps that line's id; the
 * remaining lines take the remaining ids in order (a changed line updates the line at its place); sent
 * lines left over are not sent, so Xero deletes them.
 */
export function matchLineItemIds(sent: readonly SentLineItem[], fingerprints: readonly string[]): Array<string | null> {
  const used = new Set<number>();
  const result: Array<string | null> = fingerprints.map((fp) => {
    const at = sent.findIndex((s, j) => !used.has(j) && s.fingerprint === fp);
    if (at < 0) return null;
    used.add(at);
    return sent[at]?.lineItemId ?? null;
  });
  const rest = sent.filter((_, j) => !used.has(j));
  let next = 0;
  return result.map((id) => id ?? rest[next++]?.lineItemId ?? null);
}

/**
 * The sent lines of Xero's answer, in order: Xero returns the lines in the order they were sent, each
 * with its LineItemID. Pair them with the fingerprints of what was sent.
 */
export function sentLineItems(returned: readonly LineItem[], sentItems: readonly LineItem[]): SentLineItem[] {
  return sentItems.flatMap((item, i) => {
    const id = returned[i]?.lineItemID;
    return id ? [{ lineItemId: id, fingerprint: lineItemFingerprint(item) }] : [];
  });
}
