/**
 * The defaults form: choices checked against fixed lists here; codes checked against the organisation's
 * settings cache by the service. Tracking selects are named `tracking_<TrackingCategoryID>`.
 */
import { z } from 'zod';
import { formValues, optionalText, parseForm, type FieldErrors, type FormResult, type FormValues } from '../http/form-input.js';
import {
  DEFAULT_XERO_DEFAULTS,
  DUE_DATE_RULES,
  INVOICE_NUMBERINGS,
  INVOICE_STATUSES,
  MAX_DUE_DAYS,
  PURCHASE_ORDER_STATUSES,
  type DueDateRule,
  type InvoiceNumbering,
  type InvoiceStatus,
  type PurchaseOrderStatus,
  type XeroDefaultsInput,
} from './xero-defaults.js';

export const XERO_DEFAULTS_FIELDS = [
  'invoice_status',
  'purchase_order_status',
  'sales_account_code',
  'sales_tax_type',
  'purchases_account_code',
  'purchases_tax_type',
  'branding_theme_id',
  'due_date_rule',
  'due_days',
  'invoice_numbering',
] as const;

export const TRACKING_FIELD_PREFIX = 'tracking_';
export const trackingField = (categoryId: string): string => `${TRACKING_FIELD_PREFIX}${categoryId}`;

const oneOf = <T extends string>(values: readonly T[], message: string) =>
  z
    .string()
    .refine((v): v is T => (values as readonly string[]).includes(v), message)
    .transform((v) => v as T);

const shape = z.object({
  invoice_status: oneOf<InvoiceStatus>(INVOICE_STATUSES, 'Choose Draft, Awaiting approval or Awaiting payment.'),
  purchase_order_status: oneOf<PurchaseOrderStatus>(PURCHASE_ORDER_STATUSES, 'Choose Draft or Approved.'),
  sales_account_code: optionalText('Default sales account', 10),
  sales_tax_type: optionalText('Default sales tax rate', 64),
  purchases_account_code: optionalText('Default purchases account', 10),
  purchases_tax_type: optionalText('Default purchases tax rate', 64),
  branding_theme_id: optionalText('Branding theme', 36),
  due_date_rule: oneOf<DueDateRule>(DUE_DATE_RULES, 'Choose how the due date is set.'),
  due_days: z
    .string()
    .trim()
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) <= MAX_DUE_DAYS, `Enter a whole number of days from 0 to ${MAX_DUE_DAYS}.`)
    .transform(Number),
  invoice_numbering: oneOf<InvoiceNumbering>(INVOICE_NUMBERINGS, "Choose Xero's numbering or the sales order's number."),
});

export type XeroDefaultsForm = FormResult<XeroDefaultsInput>;

/** The `tracking_<id>` fields of a body, as text (at most 20, ids at most 36 characters). */
export function trackingValues(body: unknown): FormValues {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const keys = Object.keys(source)
    .filter((k) => k.startsWith(TRACKING_FIELD_PREFIX) && k.length <= TRACKING_FIELD_PREFIX.length + 36)
    .slice(0, 20);
  return formValues(source, keys);
}

export function parseXeroDefaultsForm(body: unknown): XeroDefaultsForm {
  const parsed = parseForm(body, XERO_DEFAULTS_FIELDS, shape);
  const tracking = trackingValues(body);
  const values = { ...parsed.values, ...tracking };
  const trackingErrors: FieldErrors = {};
  const chosen: Record<string, string> = {};
  for (const [field, raw] of Object.entries(tracking)) {
    const optionId = raw.trim();
    if (optionId === '') continue;
    if (optionId.length > 36) trackingErrors[field] = 'Choose one of the listed options.';
    else chosen[field.slice(TRACKING_FIELD_PREFIX.length)] = optionId;
  }
  if (!parsed.ok || Object.keys(trackingErrors).length) {
    return { ok: false, values, fieldErrors: { ...(parsed.ok ? {} : parsed.fieldErrors), ...trackingErrors } };
  }
  const v = parsed.input;
  return {
    ok: true,
    values,
    input: {
      invoiceStatus: v.invoice_status,
      purchaseOrderStatus: v.purchase_order_status,
      salesAccountCode: v.sales_account_code,
      salesTaxType: v.sales_tax_type,
      purchasesAccountCode: v.purchases_account_code,
      purchasesTaxType: v.purchases_tax_type,
      brandingThemeId: v.branding_theme_id,
      dueDateRule: v.due_date_rule,
      dueDays: v.due_days,
      invoiceNumbering: v.invoice_numbering,
      tracking: chosen,
    },
  };
}

/**
 * The codes of a form that did not parse, so the cache checks can still run and every message shows
 * in the same round (the other fields take the built-in defaults; they are not saved).
 */
export function referencesOf(values: FormValues): XeroDefaultsInput {
  const code = (field: string): string | null => values[field]?.trim() || null;
  const tracking = Object.fromEntries(
    Object.entries(values)
      .filter(([field, v]) => field.startsWith(TRACKING_FIELD_PREFIX) && v.trim() !== '' && v.trim().length <= 36)
      .map(([field, v]) => [field.slice(TRACKING_FIELD_PREFIX.length), v.trim()]),
  );
  return {
    ...DEFAULT_XERO_DEFAULTS,
    salesAccountCode: code('sales_account_code'),
    salesTaxType: code('sales_tax_type'),
    purchasesAccountCode: code('purchases_account_code'),
    purchasesTaxType: code('purchases_tax_type'),
    brandingThemeId: code('branding_theme_id'),
    tracking,
  };
}

/** The form's text values for stored defaults. */
export function xeroDefaultsFormValues(d: XeroDefaultsInput): FormValues {
  return {
    invoice_status: d.invoiceStatus,
    purchase_order_status: d.purchaseOrderStatus,
    sales_account_code: d.salesAccountCode ?? '',
    sales_tax_type: d.salesTaxType ?? '',
    purchases_account_code: d.purchasesAccountCode ?? '',
    purchases_tax_type: d.purchasesTaxType ?? '',
    branding_theme_id: d.brandingThemeId ?? '',
    due_date_rule: d.dueDateRule,
    due_days: String(d.dueDays),
    invoice_numbering: d.invoiceNumbering,
    ...Object.fromEntries(Object.entries(d.tracking).map(([category, option]) => [trackingField(category), option])),
  };
}
