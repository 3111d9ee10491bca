/**
 * Server-side checks of typed lines against this organisation's settings, then pricing with Xero's
 * arithmetic. Every problem is reported next to its field (keys like `lines[2][quantity]`).
 */
import { formatScaled, inputUnitPrice, parseDecimal } from '../common/money.js';
import { documentTotals, exactDocumentTotals, MAX_AMOUNT_CENTS, withinAmountLimit, type LineAmountTypes } from './totals.js';
import { lineFieldName, MAX_DESCRIPTION, MAX_LINES, type DocumentAmounts, type DocumentLine, type LineDraft } from './lines.js';
import { isBlankDraft } from './line-form.js';
import type { LineLookups } from './line-lookups.js';
import type { FieldErrors } from '../http/form-input.js';

export interface PricedLines {
  lines: DocumentLine[];
  amounts: DocumentAmounts;
}

export type LinesResult = { ok: true; priced: PricedLines } | { ok: false; fieldErrors: FieldErrors };

/** Largest quantity and unit price accepted (whole units): well inside safe integers once multiplied. */
const MAX_QUANTITY = 1_000_000_000;
const MAX_UNIT_PRICE = 1_000_000_000;

export function validateLines(drafts: LineDraft[], lookups: LineLookups, types: LineAmountTypes): LinesResult {
  const errors: FieldErrors = {};
  const lines: Omit<DocumentLine, 'lineAmount' | 'taxAmount'>[] = [];
  /** The form index of each entry of `lines`. */
  const indexes: number[] = [];
  const filled = drafts.map((draft, index) => ({ draft, index })).filter(({ draft }) => !isBlankDraft(draft));
  if (filled.length === 0) errors['lines'] = 'Add at least one line with a description, quantity and unit price.';
  if (drafts.length > MAX_LINES) errors['lines'] = `A document can have at most ${MAX_LINES} lines.`;
  const accounts = new Set(lookups.accounts.map((a) => a.value));
  const rates = new Map(lookups.taxRates.map((r) => [r.taxType, r.rate]));
  const options = new Map(lookups.tracking.flatMap((c) => c.options.map((o) => [o.value, c.id] as const)));
  const products = new Map(lookups.products.map((p) => [p.id, p]));

  for (const { draft, index } of filled) {
    const field = (name: Parameters<typeof lineFieldName>[1]) => lineFieldName(index, name);
    const fail = (name: Parameters<typeof lineFieldName>[1], message: string) => {
      errors[field(name)] ??= message;
    };
    const productId = draft.productId.trim() || null;
    const product = productId ? products.get(productId) : undefined;
    if (productId && !product) fail('productId', 'Choose a product from the list.');

    const description = draft.description.trim() || product?.description || product?.label || '';
    if (description === '') fail('description', 'Enter a description.');
    if (description.length > MAX_DESCRIPTION) fail('description', `Description must be ${MAX_DESCRIPTION} characters or fewer.`);

    const quantity = parseDecimal(draft.quantity, { dp: 4, label: 'Quantity', max: MAX_QUANTITY });
    if (!quantity.ok) fail('quantity', quantity.error);
    else if (quantity.value === 0) fail('quantity', 'Quantity must be more than 0.');

    const priceText = draft.unitPrice.trim() === '' && product?.unitPrice != null ? inputUnitPrice(product.unitPrice) : draft.unitPrice;
    const unitPrice = parseDecimal(priceText, { dp: 4, label: 'Unit price', max: MAX_UNIT_PRICE });
    if (!unitPrice.ok) fail('unitPrice', unitPrice.error);

    const discount = draft.discount.trim() === '' ? { ok: true as const, value: 0 } : parseDecimal(draft.discount, { dp: 2, label: 'Discount %', max: 100 });
    if (!discount.ok) fail('discount', discount.error);

    // Like Xero: a line without its own account or tax rate takes its product's, else the organisation's default.
    const accountCode = draft.accountCode.trim() || product?.accountCode || lookups.defaults?.accountCode || null;
    if (accountCode && !accounts.has(accountCode)) fail('accountCode', "Choose an account from the list (this organisation's Xero accounts).");

    const taxType = draft.taxType.trim() || product?.taxType || (types === 'NoTax' ? null : lookups.defaults?.taxType) || null;
    let taxRate = 0;
    if (taxType) {
      const rate = rates.get(taxType);
      if (rate === undefined) fail('taxType', "Choose a tax rate from the list (this organisation's Xero tax rates).");
      else taxRate = rate;
    } else if (types !== 'NoTax') {
      fail('taxType', lookups.taxRates.length ? 'Choose a tax rate.' : 'No tax rates yet: refresh Xero settings, or set amounts to "No tax".');
    }

    const tracking = [draft.tracking1.trim() || null, draft.tracking2.trim() || null] as const;
    tracking.forEach((optionId, i) => {
      if (optionId && !options.has(optionId)) fail(i === 0 ? 'tracking1' : 'tracking2', 'Choose a tracking option from the list.');
    });
    if (tracking[0] && tracking[1] && options.get(tracking[0]) === options.get(tracking[1]))
      fail('tracking2', 'Choose options from two different tracking categories.');

    if (quantity.ok && unitPrice.ok && discount.ok) {
      indexes.push(index);
      lines.push({
        productId: product ? product.id : null,
        description,
        quantity: quantity.value,
        unitPrice: unitPrice.value,
        // Discount typed with 2 dp; stored as percent × 10,000 like the tax rate.
        discountRate: discount.value * 100,
        accountCode,
        taxType,
        taxRate: types === 'NoTax' ? 0 : taxRate,
        trackingOption1Id: tracking[0],
        trackingOption2Id: tracking[1],
      });
    }
  }
  checkAmountLimits(lines, indexes, types, errors);
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, priced: priceLines(lines, types) };
}

/** The stated limit, said in the messages: 999,999,999,999.99. */
export const MAX_AMOUNT_TEXT = formatScaled(MAX_AMOUNT_CENTS, 2);

/**
 * Quantity and unit price are each capped, their product is not: each line amount and the document's
 * totals must stay within MAX_AMOUNT_CENTS (computed exactly, so nothing overflows on the way).
 */
function checkAmountLimits(lines: Omit<DocumentLine, 'lineAmount' | 'taxAmount'>[], indexes: number[], types: LineAmountTypes, errors: FieldErrors): void {
  const exact = exactDocumentTotals(lines, types);
  exact.lines.forEach((line, i) => {
    const index = indexes[i] ?? i;
    if (!withinAmountLimit(line.lineAmount) || !withinAmountLimit(line.taxAmount)) {
      errors[lineFieldName(index, 'unitPrice')] ??=
        `This line comes to more than ${MAX_AMOUNT_TEXT}, the most a line can be: lower the quantity or the unit price.`;
    }
  });
  if (![exact.subTotal, exact.totalTax, exact.total].every(withinAmountLimit)) {
    errors['lines'] ??= `The total comes to more than ${MAX_AMOUNT_TEXT}, the most a document can be: split it into several.`;
  }
}

/** Xero's totals for lines already validated. */
export function priceLines(lines: Omit<DocumentLine, 'lineAmount' | 'taxAmount'>[], types: LineAmountTypes): PricedLines {
  const totals = documentTotals(
    lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, discountRate: l.discountRate, taxRate: l.taxRate })),
    types,
  );
  return {
    lines: lines.map((line, i) => ({ ...line, lineAmount: totals.lines[i]?.lineAmount ?? 0, taxAmount: totals.lines[i]?.taxAmount ?? 0 })),
    amounts: { lineAmountTypes: types, subTotal: totals.subTotal, totalTax: totals.totalTax, total: totals.total },
  };
}
