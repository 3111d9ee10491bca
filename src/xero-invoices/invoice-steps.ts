/**
 * The steps of sending a sales order as a Xero invoice, shared by the single send (invoice-send.ts) and
 * the bulk run's batches (invoice-batch.ts): read the order, make the invoice after everything that
 * stops it before a call, find creates whose answer was lost, store Xero's answer, prepare an update.
 */
import type { Invoice } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import { checkMapping, CONFIRMED_AFTER_LOST_ANSWER, SyncStop, type MappingUses, type SendResult, type SyncOperation } from '../xero-sync/index.js';
import { lineItemFingerprint, matchLineItemIds, salesInvoicePayload, sentLineItems, type OrganisationGateway } from '../xero/index.js';
import { invoiceLinks, type OrderInvoiceLink } from './invoice-links.js';
import { orderInvoiceInputs, orderInvoiceInputsOf, type OrderInvoiceInputs } from './order-invoice.js';
import { refusalFor, snapshotOf, type XeroInvoiceSnapshot } from './invoice-state.js';

export type InvoicePayload = ReturnType<typeof salesInvoicePayload>;

/** Xero's answer must carry the invoice's id and one LineItemID per line sent. */
function requireSaved(saved: Invoice, sentCount: number): string {
  if (!saved.invoiceID)
    throw new SyncStop('Xero answered without the invoice’s ID.', 'Press Retry: the invoice is looked up before anything is created again.');
  if ((saved.lineItems ?? []).length !== sentCount)
    throw new SyncStop('Xero answered with a different number of lines than were sent.', 'Press Refresh from Xero, then Retry.');
  return saved.invoiceID;
}

/** One order read for sending: the mapper's inputs and its invoice link. */
export interface LoadedOrder {
  orderId: string;
  inputs: OrderInvoiceInputs;
  link: OrderInvoiceLink | null;
}

const ORDER_GONE = (): SyncStop => new SyncStop('The sales order no longer exists in Ledgerside.', 'Cancel this send.');

export async function loadOrder(tdb: TenantDb, orderId: string, appUrl: string): Promise<LoadedOrder> {
  const inputs = await orderInvoiceInputs(tdb, orderId, appUrl);
  if (!inputs) throw ORDER_GONE();
  return { orderId, inputs, link: await invoiceLinks(tdb).get(orderId) };
}

/** A batch's orders read at once (the settings they share read once): order id → the order, or why it cannot be read. */
export async function loadOrders(tdb: TenantDb, orderIds: readonly string[], appUrl: string): Promise<Map<string, LoadedOrder | SyncStop>> {
  const [inputs, links] = await Promise.all([orderInvoiceInputsOf(tdb, orderIds, appUrl), invoiceLinks(tdb).getMany(orderIds)]);
  return new Map(
    orderIds.map((orderId) => {
      const i = inputs.get(orderId);
      return [orderId, i ? { orderId, inputs: i, link: links.get(orderId) ?? null } : ORDER_GONE()];
    }),
  );
}

/** The user's answer to the contact's probable matches, as the order's send carries it (Link only before the first invoice). */
export function contactChoiceOf(operation: SyncOperation, loaded: LoadedOrder): { linkTo?: string; createNew?: boolean } {
  return {
    ...(operation.createNew ? { createNew: true } : {}),
    ...(operation.xeroId && !loaded.link?.snapshot ? { linkTo: operation.xeroId } : {}),
  };
}

/** The fresh invoice for a loaded order once its contact is in Xero, after the order's own problems (no read). */
export function freshInvoice(loaded: LoadedOrder, contactXeroId: string): InvoicePayload {
  const { inputs } = loaded;
  if (inputs.problems.length)
    throw new SyncStop(
      `Sales order ${inputs.order.number} cannot be sent to Xero as it is.`,
      'Correct the order, its products or the defaults on the Xero settings page, then press Retry.',
      inputs.problems,
    );
  return salesInvoicePayload(inputs.forXero, { contactId: contactXeroId, paymentTerms: inputs.paymentTerms }, inputs.defaults);
}

/** What the pre-send mapping check verifies for an invoice: every code and id it uses, and the order's currency. */
export function invoiceMappingUses(loaded: LoadedOrder, fresh: InvoicePayload): MappingUses {
  const items = fresh.invoice.lineItems ?? [];
  return {
    accountCodes: items.map((l, i) => (l.accountCode ? { value: l.accountCode, where: `line ${i + 1}` } : null)),
    taxTypes: items.map((l, i) => (l.taxType ? { value: l.taxType, where: `line ${i + 1}` } : null)),
    itemCodes: items.map((l, i) => (l.itemCode ? { value: l.itemCode, where: `line ${i + 1}` } : null)),
    tracking: items.flatMap((l, i) => (l.tracking ?? []).map((t) => ({ category: t.name ?? '', option: t.option ?? '', where: `line ${i + 1}` }))),
    brandingThemeId: fresh.invoice.brandingThemeID ?? null,
    currencies: [loaded.inputs.order.currency],
  };
}

/** The fresh invoice for a loaded order once its contact is in Xero, after everything that stops it before a call (own problems, mapping check). */
export async function invoiceFor(tdb: TenantDb, loaded: LoadedOrder, contactXeroId: string): Promise<InvoicePayload> {
  const fresh = freshInvoice(loaded, contactXeroId);
  // The sync engine's pre-send mapping check: every code and id used must still be active in Xero's settings cache.
  await checkMapping(tdb, invoiceMappingUses(loaded, fresh));
  return fresh;
}

/**
 * Creates whose answer never came (`writeStartedAt`): Xero may have them. One lookup for all, by the
 * orders' numbers (the Reference starts with it) and their Url (this order's page). A number with a
 * double quote or backslash cannot go in a `where`; its Idempotency-Key still covers 6 minutes.
 */
export async function findLostInvoices(gateway: OrganisationGateway, orders: readonly LoadedOrder[]): Promise<Map<string, Invoice>> {
  const found = new Map<string, Invoice>();
  const askable = orders.filter((o) => !/["\\]/.test(o.inputs.order.number));
  if (askable.length === 0) return found;
  const starts = askable.map((o) => `Reference.StartsWith("${o.inputs.order.number}")`);
  // One order (a single send) asks as it always has; a batch's orders are ORed in brackets.
  const where = `Type=="ACCREC" AND ${starts.length === 1 ? starts[0] : `(${starts.join(' OR ')})`}`;
  const invoices = await gateway.getInvoicesPage({ page: 1, where });
  for (const o of askable) {
    const invoice = invoices.find((i) => i.url === o.inputs.forXero.url && String(i.status) !== 'DELETED' && String(i.status) !== 'VOIDED');
    if (invoice?.invoiceID) found.set(o.orderId, invoice);
  }
  return found;
}

/** A lost create found again in Xero: linked, never created twice. */
export async function recordFound(tdb: TenantDb, loaded: LoadedOrder, fresh: InvoicePayload, found: Invoice, now: Date): Promise<SendResult> {
  const items = fresh.invoice.lineItems ?? [];
  await invoiceLinks(tdb).recordSent(loaded.orderId, snapshotOf(found), fresh.fingerprint, sentLineItems(found.lineItems ?? [], items), now);
  return {
    kind: 'done',
    outcome: 'created',
    xeroId: found.invoiceID!,
    message: `Invoice ${found.invoiceNumber ?? ''} created in Xero${CONFIRMED_AFTER_LOST_ANSWER}.`,
  };
}

/** Xero's answer to a create or an update, stored on the order. */
export async function recordSaved(
  tdb: TenantDb,
  loaded: LoadedOrder,
  payload: InvoicePayload,
  saved: Invoice,
  now: Date,
  existing?: XeroInvoiceSnapshot,
): Promise<SendResult> {
  const items = payload.invoice.lineItems ?? [];
  const invoiceId = requireSaved(saved, items.length);
  await invoiceLinks(tdb).recordSent(loaded.orderId, snapshotOf(saved), payload.fingerprint, sentLineItems(saved.lineItems ?? [], items), now);
  if (!existing)
    return { kind: 'done', outcome: 'created', xeroId: invoiceId, message: `Invoice ${saved.invoiceNumber ?? ''} created in Xero.`.replace('  ', ' ') };
  return { kind: 'done', outcome: 'updated', xeroId: existing.invoiceId, message: `Invoice ${saved.invoiceNumber ?? existing.number ?? ''} updated in Xero.` };
}

/**
 * An invoiced order whose invoice changed: Xero's copy as just read (null: Xero has none) is stored; a
 * deleted, voided, paid or credited invoice stops the send; else the update payload, its lines matched
 * by their stored LineItemIDs.
 */
export async function updateFor(tdb: TenantDb, loaded: LoadedOrder, fresh: InvoicePayload, contactXeroId: string, current: Invoice | null, now: Date) {
  const links = invoiceLinks(tdb);
  const stored = loaded.link!.snapshot!;
  const snapshot = current ? snapshotOf(current) : { ...stored, status: 'DELETED' };
  await links.applySnapshot(loaded.orderId, snapshot, now);
  const refusal = refusalFor(snapshot);
  if (refusal) throw new SyncStop(refusal.message, refusal.advice);
  const { inputs } = loaded;
  const ids = matchLineItemIds(await links.sentLines(loaded.orderId), (fresh.invoice.lineItems ?? []).map(lineItemFingerprint));
  const update = salesInvoicePayload(inputs.forXero, { contactId: contactXeroId, paymentTerms: inputs.paymentTerms }, inputs.defaults, {
    invoiceId: stored.invoiceId,
    lineItemIds: ids,
  });
  return { update, snapshot };
}
