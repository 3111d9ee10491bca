/** An organisation's defaults for documents sent to Xero (chosen from the settings cache). */

/** Xero's statuses a new invoice can be created in, with the names Xero shows. */
export const INVOICE_STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = { DRAFT: 'Draft', SUBMITTED: 'Awaiting approval', AUTHORISED: 'Awaiting payment' };

/** Xero's statuses a new purchase order can be created in. */
export const PURCHASE_ORDER_STATUSES = ['DRAFT', 'AUTHORISED'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];
export const PURCHASE_ORDER_STATUS_LABELS: Record<PurchaseOrderStatus, string> = { DRAFT: 'Draft', AUTHORISED: 'Approved' };

/**
 * How an invoice's due date is set: from the contact's payment terms, falling back to `dueDays` after
 * the invoice date when the contact has none; or always `dueDays` after the invoice date.
 */
export const DUE_DATE_RULES = ['contact_terms', 'days_after_invoice'] as const;
export type DueDateRule = (typeof DUE_DATE_RULES)[number];

/** Invoice numbers: Xero's own sequence (INV-0001…, the default) or the sales order's number. */
export const INVOICE_NUMBERINGS = ['xero', 'sales_order'] as const;
export type InvoiceNumbering = (typeof INVOICE_NUMBERINGS)[number];

export const MAX_DUE_DAYS = 365;

/** What is stored: codes and ids as chosen (null: no default). */
export interface XeroDefaultsInput {
  invoiceStatus: InvoiceStatus;
  purchaseOrderStatus: PurchaseOrderStatus;
  salesAccountCode: string | null;
  salesTaxType: string | null;
  purchasesAccountCode: string | null;
  purchasesTaxType: string | null;
  brandingThemeId: string | null;
  dueDateRule: DueDateRule;
  dueDays: number;
  invoiceNumbering: InvoiceNumbering;
  /** Tracking category id → option id, at most one option per category. */
  tracking: Record<string, string>;
}

/** Until an organisation saves its own: Draft everywhere, Xero's numbering, contact terms else 30 days. */
export const DEFAULT_XERO_DEFAULTS: XeroDefaultsInput = {
  invoiceStatus: 'DRAFT',
  purchaseOrderStatus: 'DRAFT',
  salesAccountCode: null,
  salesTaxType: null,
  purchasesAccountCode: null,
  purchasesTaxType: null,
  brandingThemeId: null,
  dueDateRule: 'contact_terms',
  dueDays: 30,
  invoiceNumbering: 'xero',
  tracking: {},
};

/**
 * A default that points into the settings cache, as read for use: `usable` is false when Xero has
 * since archived (or removed) it, with `problem` saying which one and what to do.
 */
export interface DefaultReference {
  value: string;
  label: string;
  usable: boolean;
  problem: string | null;
}

export interface DefaultTracking {
  categoryId: string;
  categoryName: string;
  optionId: string;
  optionName: string;
  usable: boolean;
  problem: string | null;
}

/** The defaults as later issues read them (`xeroDefaultsFor`). */
export interface XeroDefaults {
  /** False until the organisation saves the form: everything below is then `DEFAULT_XERO_DEFAULTS`. */
  saved: boolean;
  invoiceStatus: InvoiceStatus;
  purchaseOrderStatus: PurchaseOrderStatus;
  salesAccount: DefaultReference | null;
  salesTaxRate: DefaultReference | null;
  purchasesAccount: DefaultReference | null;
  purchasesTaxRate: DefaultReference | null;
  brandingTheme: DefaultReference | null;
  dueDate: { rule: DueDateRule; days: number };
  invoiceNumbering: InvoiceNumbering;
  tracking: DefaultTracking[];
  /** Every `problem` above, for a "check the mapping before sending" step. */
  problems: string[];
}
