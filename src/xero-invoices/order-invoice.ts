/**
 * Everything the pure invoice mapper needs for one sales order, read from the database: the order and
 * its lines, each line's product (its Xero item code when linked, its sales codes), the organisation's
 * defaults (xeroDefaultsFor) and tracking options, the contact's payment terms. Then
 * `salesInvoicePayload` (src/xero/mappers) makes the invoice.
 */
import type { TenantDb } from '../db/tenant-db.js';
import type { DocumentLine } from '../documents/index.js';
import { text, type DbRow } from '../db/row-values.js';
import { contactRepository, type Contact } from '../contacts/index.js';
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

/** What every sales document of an organisation shares for its lines: its sales defaults and tracking options (read once per batch). */
export interface SalesLineSettings {
  settings: Awaited<ReturnType<typeof xeroDefaultsFor>>;
  tracking: Awaited<ReturnType<typeof trackingOptionsForXero>>;
  products: Awaited<ReturnType<typeof lineProductsForXero>>;
}

/** The organisation's sales defaults, tracking options and the products of these lines: three reads, whatever the number of documents. */
export async function salesLineSettings(tdb: TenantDb, docLines: readonly DocumentLine[]): Promise<SalesLineSettings> {
  const [settings, tracking, products] = await Promise.all([
    xeroDefaultsFor(tdb),
    trackingOptionsForXero(tdb),
    lineProductsForXero(tdb, [...new Set(docLines.flatMap((l) => (l.productId ? [l.productId] : [])))], 'sales'),
  ]);
  return { settings, tracking, products };
}

/**
 * What a sales document's lines need for the line mapper (sales orders here, contracts' services in
 * src/xero-contracts): the organisation's sales defaults (usable ones only), tracking options, and each
 * line with its product's item code and sales codes; plus the archived defaults that stop a send.
 */
export function salesLinesFrom({ settings: d, tracking, products }: SalesLineSettings, docLines: readonly DocumentLine[]) {
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

/** One sales document's lines for the line mapper (the settings read for it alone). */
export async function salesLinesForXero(tdb: TenantDb, docLines: readonly DocumentLine[]) {
  return salesLinesFrom(await salesLineSettings(tdb, docLines), docLines);
}

export async function orderInvoiceInputs(tdb: TenantDb, orderId: string, appUrl: string): Promise<OrderInvoiceInputs | null> {
  return (await orderInvoiceInputsOf(tdb, [orderId], appUrl)).get(orderId) ?? null;
}

/**
 * The mapper's inputs for many orders (a bulk batch): the orders with their lines, their contacts'
 * payment terms, the organisation's defaults, tracking options and the lines' products, each read once
 * for all of them. Orders that no longer exist are absent.
 */
export async function orderInvoiceInputsOf(tdb: TenantDb, orderIds: readonly string[], appUrl: string): Promise<Map<string, OrderInvoiceInputs>> {
  const out = new Map<string, OrderInvoiceInputs>();
  const orders = await salesOrderRepository(tdb).findMany(orderIds);
  if (orders.size === 0) return out;
  const all = [...orders.values()];
  const [shared, contacts] = await Promise.all([
    salesLineSettings(
      tdb,
      all.flatMap((o) => o.lines),
    ),
    contactRepository(tdb).findByIds([...new Set(all.map((o) => o.contactId))]),
  ]);
  const contactOf = new Map(contacts.map((c) => [c.id, c]));
  for (const order of all) out.set(order.id, inputsOf(order, salesLinesFrom(shared, order.lines), contactOf.get(order.contactId) ?? null, appUrl));
  return out;
}

function inputsOf(
  order: SalesOrder,
  { settings: d, brandingThemeId, lineDefaults, lines, defaultProblems }: ReturnType<typeof salesLinesFrom>,
  contact: Contact | null,
  appUrl: string,
): OrderInvoiceInputs {
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
