/** The Xero settings page's view-model. */
import { formatMoment } from '../common/dates.js';
import type { CacheSummaryRow, RefreshResult } from './xero-settings-service.js';
import { KIND_LABELS } from './xero-settings.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import type { XeroDefaultsFormOptions } from './xero-defaults-service.js';
import { XERO_DEFAULTS_FIELDS } from './xero-defaults-schema.js';
import {
  INVOICE_STATUSES,
  INVOICE_STATUS_LABELS,
  PURCHASE_ORDER_STATUSES,
  PURCHASE_ORDER_STATUS_LABELS,
  type DueDateRule,
  type InvoiceNumbering,
} from './xero-defaults.js';

const when = (d: Date | null): string => (d ? formatMoment(d) : 'Never');

export function xeroSettingsPageView(summary: CacheSummaryRow[], sourceConfigured: boolean) {
  const refreshed = summary.map((s) => s.lastRefreshedAt).filter((d): d is Date => d !== null);
  return {
    sourceConfigured,
    neverRefreshed: refreshed.length === 0,
    rows: summary.map((s) => ({ label: s.label, count: s.count, lastRefreshed: when(s.lastRefreshedAt) })),
  };
}

/** One line for the flash after a refresh, e.g. "Refreshed from Xero: 3 accounts changed, 12 tax rates, …". */
export function refreshMessage(results: RefreshResult[]): string {
  const parts = results.map((r) => `${r.fetched} ${KIND_LABELS[r.kind].toLowerCase()}${r.mode === 'incremental' ? ' changed' : ''}`);
  return `Refreshed from Xero: ${parts.join(', ')}.`;
}

/** The defaults form on the same page: values as typed, a message per field, the choices. */
export function xeroDefaultsFormView(args: { values: FormValues; errors: FieldErrors; options: XeroDefaultsFormOptions; saved: boolean; problems: string[] }) {
  const { values, errors, options } = args;
  const rendered = new Set<string>([...XERO_DEFAULTS_FIELDS, ...options.tracking.map((t) => t.field)]);
  // A message for a field the page does not show (a tracking category that is not this organisation's).
  const otherErrors = [
    ...new Set(
      Object.entries(errors)
        .filter(([field]) => !rendered.has(field))
        .map(([, message]) => message),
    ),
  ];
  return {
    values,
    errors,
    errorCount: Object.keys(errors).length,
    otherErrors,
    saved: args.saved,
    // Saved defaults Xero has since archived: shown above the form until changed.
    problems: args.problems,
    cacheEmpty: options.cacheEmpty,
    invoiceStatusOptions: INVOICE_STATUSES.map((s) => ({ value: s, label: INVOICE_STATUS_LABELS[s] })),
    purchaseOrderStatusOptions: PURCHASE_ORDER_STATUSES.map((s) => ({ value: s, label: PURCHASE_ORDER_STATUS_LABELS[s] })),
    selects: options.selects,
    dueDateRuleOptions: [
      { value: 'contact_terms', label: "The contact's payment terms, else the days below" },
      { value: 'days_after_invoice', label: 'Always the days below' },
    ] satisfies Array<{ value: DueDateRule; label: string }>,
    numberingOptions: [
      { value: 'xero', label: "Xero's own numbering (INV-0001, INV-0002, …)" },
      { value: 'sales_order', label: "The sales order's number" },
    ] satisfies Array<{ value: InvoiceNumbering; label: string }>,
    tracking: options.tracking,
  };
}
