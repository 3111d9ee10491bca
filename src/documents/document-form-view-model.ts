/**
 * The view-model of a document form (any kind): header values and errors, one row per typed line
 * (with its input names, errors and, when it parses, its amount), dropdown choices and a totals preview.
 * Plain data only; the template never sees rows or lookups.
 */
import { LINE_FIELDS, lineFieldName, type LineDraft, type LineField } from './lines.js';
import { formatScaled, inputUnitPrice, parseDecimal } from '../common/money.js';
import { exactDocumentTotals, LINE_AMOUNT_TYPES, type LineAmountTypes, type TotalsLine } from './totals.js';
import { LINE_AMOUNT_TYPE_LABELS } from './document-schema.js';
import type { Choice } from '../common/choice.js';
import type { ProductOffer, LineLookups } from './line-lookups.js';
import { PRODUCT_CHOICE_LIMIT, PRODUCT_SEARCH_LIMIT } from '../products/index.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import { isBlankDraft } from './line-form.js';
import { contactPickerView, supplierPickerView, type ContactChoices } from '../contacts/index.js';
import type { SearchPickerView } from '../common/search-picker.js';

export interface LineRowView {
  index: number;
  label: string;
  values: Record<LineField, string>;
  names: Record<LineField, string>;
  errors: Partial<Record<LineField, string>>;
  amount: string;
}

/** A product option with what the browser script may copy into a blank line (progressive enhancement). */
export interface ProductOption extends Choice {
  description: string;
  unitPrice: string;
  accountCode: string;
  taxType: string;
}

/** An account or tax rate in the line editor: a short label that fits its column, the full one on hover. */
export interface LineChoice extends Choice {
  title: string;
  /** Tax rates: percent × 10,000, for the browser's live totals (the server recomputes on save). */
  rate?: string;
}

const SHORT_LABEL = 18;
/** "200 – Sales" → "200 Sales"; anything longer than the column is cut with "…" (the full label is the option's title). */
export function shortLabel(label: string): string {
  const compact = label.replace(/ – /, ' ');
  return compact.length <= SHORT_LABEL ? compact : `${compact.slice(0, SHORT_LABEL - 1).trimEnd()}…`;
}

/** A line's dropdown: its blank choice is "Default" (the line then takes its product's or the organisation's, see `defaultsNote`) when there is one. */
const lineChoices = (choices: Choice[], fallback: string | null = null): LineChoice[] => {
  const label = fallback ? choices.find((c) => c.value === fallback)?.label : undefined;
  return [
    label ? { value: '', label: 'Default', title: `Default: the product's, else ${label}` } : { value: '', label: '—', title: 'None' },
    ...choices.map((c) => ({ ...c, label: shortLabel(c.label), title: c.label })),
  ];
};

/** The sentence under the lines naming the defaults a line without its own account or tax rate takes. */
function defaultsNote(lookups: LineLookups): string | null {
  const account = lookups.accounts.find((a) => a.value === lookups.defaults?.accountCode)?.label;
  const tax = lookups.taxRates.find((r) => r.taxType === lookups.defaults?.taxType)?.label;
  if (!account && !tax) return null;
  const both = [account, tax].filter(Boolean).join(' and ');
  return `A line left on Default takes its product's account and tax rate, else ${both} (the organisation's ${account && tax ? 'defaults' : 'default'}, set on the Xero settings page).`;
}

export interface TrackingColumn {
  field: 'tracking1' | 'tracking2';
  name: string;
  options: Choice[];
}

export interface DocumentFormView {
  values: FormValues;
  errors: FieldErrors;
  formError: string | null;
  linesError: string | null;
  lines: LineRowView[];
  choices: {
    currencies: Choice[];
    lineAmountTypes: Choice[];
    accounts: LineChoice[];
    taxRates: LineChoice[];
    products: ProductOption[];
    tracking: TrackingColumn[];
  };
  contactPicker: SearchPickerView;
  /** The line editor's "Find product" box: shown when the dropdowns cannot list every product, or a search is showing. */
  productFinder: { show: boolean; search: string; hint: string };
  settingsMissing: boolean;
  /** Which account and tax rate a line left on Default takes (null: no defaults, the line must choose). */
  defaultsNote: string | null;
  totals: { subTotal: string; totalTax: string; total: string; currency: string };
}

export interface DocumentFormInput {
  values: FormValues;
  drafts: LineDraft[];
  lookups: LineLookups;
  contacts: ContactChoices;
  /** Suppliers only (purchase documents): the picker says "supplier" and "Find supplier". */
  counterparty?: 'contact' | 'supplier';
  errors?: FieldErrors;
  formError?: string | null;
}

function productFinderView(offer: ProductOffer | undefined): DocumentFormView['productFinder'] {
  if (!offer || (!offer.truncated && !offer.search)) return { show: false, search: '', hint: '' };
  let hint = `The product lists show the first ${PRODUCT_CHOICE_LIMIT} products by name: use "Find product" for the others.`;
  if (offer.search) {
    if (offer.matches === 0) hint = `No active product's code or name contains "${offer.search}".`;
    else if (offer.truncated) hint = `The product lists show the first ${PRODUCT_SEARCH_LIMIT} products matching "${offer.search}": type more to narrow it.`;
    else
      hint = `The product lists show the ${offer.matches} ${offer.matches === 1 ? 'product' : 'products'} matching "${offer.search}", and any product a line already has.`;
  }
  return { show: true, search: offer.search, hint };
}

const withNone = (label: string, choices: Choice[]): Choice[] => [{ value: '', label }, ...choices];

function typesOf(values: FormValues): LineAmountTypes {
  return (LINE_AMOUNT_TYPES as readonly string[]).includes(values.lineAmountTypes ?? '') ? (values.lineAmountTypes as LineAmountTypes) : 'Exclusive';
}

/** Prices the lines that parse, so the form can show amounts while the user is still typing. */
function preview(
  drafts: LineDraft[],
  lookups: LineLookups,
  types: LineAmountTypes,
): { amounts: (bigint | null)[]; subTotal: bigint; totalTax: bigint; total: bigint } {
  const rates = new Map(lookups.taxRates.map((r) => [r.taxType, r.rate]));
  const products = new Map(lookups.products.map((p) => [p.id, p]));
  const parsed: (TotalsLine | null)[] = drafts.map((d) => {
    if (isBlankDraft(d)) return null;
    // Blank price and tax rate come from the chosen product, as they will on save.
    const product = products.get(d.productId);
    const q = parseDecimal(d.quantity, { dp: 4 });
    const p = d.unitPrice.trim() === '' && product?.unitPrice != null ? { ok: true as const, value: product.unitPrice } : parseDecimal(d.unitPrice, { dp: 4 });
    const taxType = d.taxType || product?.taxType || '';
    const disc = d.discount.trim() === '' ? { ok: true as const, value: 0 } : parseDecimal(d.discount, { dp: 2, max: 100 });
    if (!q.ok || !p.ok || !disc.ok) return null;
    return { quantity: q.value, unitPrice: p.value, discountRate: disc.value * 100, taxRate: types === 'NoTax' ? 0 : (rates.get(taxType) ?? 0) };
  });
  const valid = parsed.filter((l): l is TotalsLine => l !== null);
  // Exact, so a line past the limit shows what it comes to (its message says why it can't be saved) instead of failing the page.
  const totals = exactDocumentTotals(valid, types);
  let k = 0;
  return {
    amounts: parsed.map((l) => (l ? (totals.lines[k++]?.lineAmount ?? null) : null)),
    subTotal: totals.subTotal,
    totalTax: totals.totalTax,
    total: totals.total,
  };
}

export function documentFormView(input: DocumentFormInput): DocumentFormView {
  const errors = input.errors ?? {};
  const { lookups } = input;
  const types = typesOf(input.values);
  const priced = preview(input.drafts, lookups, types);
  const lines = input.drafts.map((draft, index): LineRowView => {
    const names = Object.fromEntries(LINE_FIELDS.map((f) => [f, lineFieldName(index, f)])) as Record<LineField, string>;
    const lineErrors: Partial<Record<LineField, string>> = {};
    for (const f of LINE_FIELDS) {
      const message = errors[names[f]];
      if (message) lineErrors[f] = message;
    }
    const amount = priced.amounts[index];
    return {
      index,
      label: `Line ${index + 1}`,
      values: { ...draft },
      names,
      errors: lineErrors,
      amount: amount === null || amount === undefined ? '' : formatScaled(amount, 2),
    };
  });
  const contactPicker =
    input.counterparty === 'supplier'
      ? supplierPickerView(input.contacts, input.values.contactId ?? '', 'Choose a supplier…')
      : contactPickerView(input.contacts, input.values.contactId ?? '', 'Choose a contact…');
  return {
    values: { ...input.values, contactId: contactPicker.value },
    errors,
    formError: input.formError ?? null,
    linesError: errors.lines ?? null,
    lines,
    choices: {
      currencies: lookups.currencies,
      lineAmountTypes: LINE_AMOUNT_TYPES.map((t) => ({ value: t, label: LINE_AMOUNT_TYPE_LABELS[t] })),
      accounts: lineChoices(lookups.accounts, lookups.defaults?.accountCode),
      taxRates: lineChoices(
        lookups.taxRates.map((r) => ({ value: r.taxType, label: r.label })),
        lookups.defaults?.taxType,
      ).map((c) => ({
        ...c,
        // The blank choice previews the default's rate (a product's own rate is set by line-editor.js when chosen).
        rate: String(lookups.taxRates.find((r) => r.taxType === (c.value || lookups.defaults?.taxType))?.rate ?? 0),
      })),
      products: [
        { value: '', label: 'Free text', description: '', unitPrice: '', accountCode: '', taxType: '' },
        ...lookups.products.map((p) => ({
          value: p.id,
          label: p.label,
          description: p.description,
          unitPrice: p.unitPrice === null ? '' : inputUnitPrice(p.unitPrice),
          accountCode: p.accountCode ?? '',
          taxType: p.taxType ?? '',
        })),
      ],
      tracking: lookups.tracking
        .slice(0, 2)
        .map((c, i) => ({ field: i === 0 ? ('tracking1' as const) : ('tracking2' as const), name: c.name, options: withNone('—', c.options) })),
    },
    contactPicker,
    productFinder: productFinderView(lookups.productOffer),
    settingsMissing: lookups.taxRates.length === 0 && lookups.accounts.length === 0,
    defaultsNote: defaultsNote(lookups),
    totals: {
      subTotal: formatScaled(priced.subTotal, 2),
      totalTax: formatScaled(priced.totalTax, 2),
      total: formatScaled(priced.total, 2),
      currency: input.values.currency ?? '',
    },
  };
}
