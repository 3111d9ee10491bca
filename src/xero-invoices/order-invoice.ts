/**
 * Everything the pure invoice mapper needs for one sales order, read from the database: the order and
 * its lines, each line's product (its Xero item code when linked, its sales codes), the organisation's
 * defaults (xeroDefaultsFor) and tracking options, the contact's payment terms. Then
 * `salesInvoicePayload` (src/xero/mappers) makes the invoice.
 */
import type { TenantDb } from '../db/tenant-db.js';
import type { DocumentLine } from '../documents/index.js';
import { text, type DbRow } from '../db/row-values.js';
import { contactRepository } from '../contacts/index.js';
import { salesOrderRepository, type SalesOrder } from '../sales-orders/index.js';
import { xeroDefaultsFor } from '../xero-settings/index.js';
import { lineProductsForXero, trackingOptionsForXero } from '../xero-sync/index.js';
import { lineItemProblems, type DocumentLineForXero, type InvoiceContactForXero, type InvoiceDefaultsForXero, type SalesOrderForXero } from '../xero/index.js';

export interface OrderInvoiceInputs {
  order: SalesOrder;
  forXero: SalesOrderForXero;
  defaults: InvoiceDefaultsForXero;
  paymentTerms: InvoiceContactForXero['paymentTerms'];
  /** What stops the send before any call: archived defaults, lines Xero would refuse. */
  problems: string[];
}

/**
 * What a sales document's lines need for the line mapper (sales orders here, contracts' services in
 * src/xero-contracts): the organisation's sales defaults (usable ones only), tracking options, and each
 * line with its product's item code and sales codes; plus the archived defaults that stop a send.
 */
export async function salesLinesForXero(tdb: TenantDb, docLines: readonly DocumentLine[]) {
  const [d, tracking, products] = await Promise.all([
    xeroDefaultsFor(tdb),
    trackingOptionsForXero(tdb),
    lineProductsForXero(
      tdb,
      docLines.flatMap((l) => (l.productId ? [l.productId] : [])),
      'sales',
    ),
  ]);
  const usable = (ref: { value: string; usable: boolean } | null) => (ref?.usable ? ref.value : null);
  const lineDefaults: InvoiceDefaultsForXero['lines'] = {
    defaultAccountCode: usable(d.salesAccount),
    defaultTaxType: usable(d.salesTaxRate),
    trackingOptions: tracking,
    defaultTracking: d.tracking.filter((t) => t.usable),
  };
  const lines: DocumentLineForXero[] = docLines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountRate: l.discountRate,
    accountCode: l.accountCode,
    taxType: l.taxType,
    trackingOptionIds: [l.trackingOption1Id, l.trackingOption2Id],
    product: l.productId ? (products.get(l.productId) ?? null) : null,
  }));
  // Only the defaults a sales document uses stop it (an archived purchases account does not).
  const defaultProblems = [d.salesAccount, d.salesTaxRate, d.brandingTheme, ...d.tracking].flatMap((r) => (r && !r.usable && r.problem ? [r.problem] : []));
  return { settings: d, brandingThemeId: usable(d.brandingTheme), lineDefaults, lines, defaultProblems };
}

export async function orderInvoiceInputs(tdb: TenantDb, orderId: string, appUrl: string): Promise<OrderInvoiceInputs | null> {
  const order = await salesOrderRepository(tdb).find(orderId);
  if (!order) return null;
  const [{ settings: d, brandingThemeId, lineDefaults, lines, defaultProblems }, contact] = await Promise.all([
    salesLinesForXero(tdb, order.lines),
    contactRepository(tdb).findById(order.contactId),
  ]);
  const defaults: InvoiceDefaultsForXero = {
    status: d.invoiceStatus,
    brandingThemeId,
    dueDate: d.dueDate,
    invoiceNumbering: d.invoiceNumbering,
    lines: lineDefaults,
  };
  const forXero: SalesOrderForXero = {
    id: order.id,
    number: order.number,
    issueDate: order.issueDate,
    dueDate: order.dueDate,
    currency: order.currency,
    lineAmountTypes: order.lineAmountTypes,
    reference: order.reference,
    url: `${appUrl.replace(/\/$/, '')}/sales-orders/${order.id}`,
    lines,
  };
  const lineProblems = lineItemProblems(
    lines,
    { ...defaults.lines, side: 'sales', lineAmountTypes: order.lineAmountTypes },
    {
      requireAccount: defaults.status !== 'DRAFT',
    },
  ).map((p) => p.message);
  const paymentTerms =
    contact?.paymentTermsDays !== null && contact?.paymentTermsDays !== undefined && contact.paymentTermsType
      ? { days: contact.paymentTermsDays, type: contact.paymentTermsType }
      : null;
  return {
    order,
    forXero,
    defaults,
    paymentTerms,
    problems: [...(order.lines.length === 0 ? ['The order has no lines.'] : []), ...defaultProblems, ...lineProblems],
  };
}

/** The Xero ContactID the order's contact (or its company) was last sent as, without calling Xero. */
export async function storedXeroContactId(tdb: TenantDb, contactId: string): Promise<string | null> {
  const row: DbRow | undefined = await tdb.from('contacts').where('id', contactId).first('xero_contact_id', 'company_id', 'kind');
  if (!row) return null;
  const companyId = text(row, 'company_id');
  if (text(row, 'kind') === 'person' && companyId) return storedXeroContactId(tdb, companyId);
  return text(row, 'xero_contact_id');
}
