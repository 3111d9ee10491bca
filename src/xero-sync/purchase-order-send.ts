/**
 * Purchase orders → Xero. The supplier is ensured in Xero first (`ensureContact`: Xero's purchase-order
 * endpoint does not create contacts), the mapping is checked against the settings cache, then the Xero
 * purchase order is created (status: the organisation's default) or, once Ledgerside holds its
 * PurchaseOrderID, updated with each line matched to the LineItemID it was last sent with
 * (`matchLineItemIds`: unchanged lines keep theirs, the rest in order; lines left out are deleted by
 * Xero). An unchanged purchase order is not sent again. Xero's number, status and LineItemIDs are stored.
 */
import { purchaseOrderRepository, type PurchaseOrder } from '../purchase-orders/index.js';
import type { TenantDb } from '../db/tenant-db.js';
import { xeroDefaultsFor } from '../xero-settings/index.js';
import { lineProductsForXero, trackingOptionsForXero } from './line-lookups.js';
import {
  lineItemFingerprint,
  lineItemProblems,
  matchLineItemIds,
  purchaseOrderPayload,
  sentLineItems,
  statusFromXero,
  type DocumentLineForXero,
  type PurchaseOrderDefaultsForXero,
  type PurchaseOrderForXero,
  type OrganisationGateway,
  XERO_PAGE_SIZE,
} from '../xero/index.js';
import { CONFIRMED_AFTER_LOST_ANSWER, createOnce } from './create-once.js';
import { sentLines } from './sent-lines.js';
import type { PurchaseOrder as XeroPurchaseOrder } from 'xero-node';
import { ensureContact } from './contact-send.js';
import { SyncStop } from './failure.js';
import { checkMapping } from './mapping-check.js';
import type { RecordHandler, SendContext, SendResult } from './send-context.js';

/** The sync engine's record kind (and `xero_sent_lines.document_kind`) of purchase orders. */
export const PURCHASE_ORDER_KIND = 'purchase_order';

export const purchaseOrderXeroPath = (purchaseOrderId: string): string => `/Accounts/Payable/PurchaseOrders/View/${purchaseOrderId}/`;

/** Everything the pure mapper needs for one purchase order, and what stops it before any call. */
export async function purchaseOrderInputs(tdb: TenantDb, po: PurchaseOrder) {
  const [d, tracking, products] = await Promise.all([
    xeroDefaultsFor(tdb),
    trackingOptionsForXero(tdb),
    lineProductsForXero(
      tdb,
      po.lines.flatMap((l) => (l.productId ? [l.productId] : [])),
      'purchases',
    ),
  ]);
  const usable = (ref: { value: string; usable: boolean } | null) => (ref?.usable ? ref.value : null);
  const defaults: PurchaseOrderDefaultsForXero = {
    status: d.purchaseOrderStatus,
    lines: {
      defaultAccountCode: usable(d.purchasesAccount),
      defaultTaxType: usable(d.purchasesTaxRate),
      trackingOptions: tracking,
      defaultTracking: d.tracking.filter((t) => t.usable),
    },
  };
  const lines: DocumentLineForXero[] = po.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountRate: l.discountRate,
    accountCode: l.accountCode,
    taxType: l.taxType,
    trackingOptionIds: [l.trackingOption1Id, l.trackingOption2Id],
    product: l.productId ? (products.get(l.productId) ?? null) : null,
  }));
  const forXero: PurchaseOrderForXero = {
    number: po.number,
    salesOrderNumber: po.salesOrder?.number ?? null,
    issueDate: po.issueDate,
    deliveryDate: po.deliveryDate,
    currency: po.currency,
    lineAmountTypes: po.lineAmountTypes,
    deliveryAddress: po.deliveryAddress,
    attentionTo: po.attentionTo,
    telephone: po.telephone,
    deliveryInstructions: po.deliveryInstructions,
    lines,
  };
  const ctx = { ...defaults.lines, side: 'purchases' as const, lineAmountTypes: po.lineAmountTypes };
  const problems = [
    ...(po.lines.length === 0 ? ['The purchase order has no lines.'] : []),
    ...[d.purchasesAccount, d.purchasesTaxRate, ...d.tracking].flatMap((r) => (r && !r.usable && r.problem ? [r.problem] : [])),
    ...lineItemProblems(lines, ctx, { requireAccount: defaults.status !== 'DRAFT' }).map((p) => p.message),
  ];
  return { forXero, defaults, lines, ctx, problems, products };
}

/** Most pages of one day's purchase orders read when looking for those a lost answer created. */
const LOOKUP_PAGES = 10;

/**
 * The purchase orders creates whose answer was lost made in Xero, if they did, in the order asked
 * (null: not in Xero): same date, supplier and Reference (the PO number and the sales order's), not
 * deleted. Xero's purchase-order list takes no `where`, so each date's purchase orders are read once
 * (up to LOOKUP_PAGES pages) and matched here.
 */
export async function findLostPurchaseOrders(gateway: OrganisationGateway, sent: readonly XeroPurchaseOrder[]): Promise<Array<XeroPurchaseOrder | null>> {
  const keyOf = (p: XeroPurchaseOrder) => `${p.reference ?? ''}|${(p.contact?.contactID ?? '').toLowerCase()}`;
  const inXero = new Map<string, XeroPurchaseOrder>();
  for (const date of new Set(sent.map((p) => p.date ?? '').filter(Boolean))) {
    for (let page = 1; page <= LOOKUP_PAGES; page += 1) {
      const batch = await gateway.getPurchaseOrdersDated(date, page);
      for (const p of batch) if (p.purchaseOrderID && String(p.status) !== 'DELETED' && !inXero.has(keyOf(p))) inXero.set(keyOf(p), p);
      if (batch.length < XERO_PAGE_SIZE) break;
    }
  }
  return sent.map((p) => (p.date ? (inXero.get(keyOf(p)) ?? null) : null));
}

/** A create confirmed by the lookup says so. */
export const confirmedAfterLostAnswer = (result: SendResult): SendResult =>
  result.kind === 'done' ? { ...result, message: result.message.replace(/\.$/, `${CONFIRMED_AFTER_LOST_ANSWER}.`) } : result;

/** A purchase order read for sending, after everything that stops it before any call (its own problems, the mapping check). */
export async function preparePurchaseOrder(tdb: TenantDb, purchaseOrderId: string) {
  const repo = purchaseOrderRepository(tdb);
  const po = await repo.find(purchaseOrderId);
  if (!po) throw new SyncStop('The purchase order no longer exists in Ledgerside.', 'Cancel this send.');
  if (po.xero?.status === 'DELETED')
    throw new SyncStop(`Purchase order ${po.number} was deleted in Xero.`, 'Xero does not take changes to a deleted purchase order: cancel this send.');
  if (po.status === 'cancelled' && !po.xero)
    throw new SyncStop(`Purchase order ${po.number} is cancelled.`, 'Set it back to Draft or Ordered if it should go to Xero, then press Retry.');
  const inputs = await purchaseOrderInputs(tdb, po);
  if (inputs.problems.length) throw new SyncStop(`Purchase order ${po.number} cannot be sent to Xero as it is.`, 'Edit it, then press Retry.', inputs.problems);
  await checkMapping(tdb, {
    accountCodes: po.lines.map((l, i) => ({ value: l.accountCode ?? '', where: `line ${i + 1}` })).filter((u) => u.value),
    taxTypes: po.lineAmountTypes === 'NoTax' ? [] : po.lines.map((l, i) => ({ value: l.taxType ?? '', where: `line ${i + 1}` })).filter((u) => u.value),
    itemCodes: [...inputs.products.values()].map((p) => p.xeroItemCode),
    tracking: po.lines.flatMap((l, i) =>
      [l.trackingOption1Id, l.trackingOption2Id].flatMap((option) => {
        const known = option ? inputs.ctx.trackingOptions.get(option) : undefined;
        return option ? [{ category: known?.categoryId ?? option, option, where: `line ${i + 1}` }] : [];
      }),
    ),
    currencies: [po.currency],
  });
  return { po, inputs };
}

export type PreparedPurchaseOrder = Awaited<ReturnType<typeof preparePurchaseOrder>>;

/** A probable match of the supplier stops a purchase order (the choice is made on the supplier's page). */
export function supplierChoiceStop(po: PurchaseOrder): SyncStop {
  return new SyncStop(
    `${po.contactName} looks like a contact Xero already has, so it was not created again.`,
    'Open the supplier’s page, press Send to Xero and choose Link or Create new there, then press Retry here.',
  );
}

/** The payload for the supplier's ContactID: a create, or an update with each line's stored LineItemID (matched on what Xero would keep of it). */
export async function purchaseOrderPayloadFor(tdb: TenantDb, prepared: PreparedPurchaseOrder, supplierXeroId: string) {
  const { po, inputs } = prepared;
  const fresh = purchaseOrderPayload(inputs.forXero, supplierXeroId, inputs.defaults);
  const existing = po.xero;
  const update = existing
    ? {
        purchaseOrderId: existing.purchaseOrderId,
        lineItemIds: matchLineItemIds(await sentLines(tdb, PURCHASE_ORDER_KIND).read(po.id), (fresh.purchaseOrder.lineItems ?? []).map(lineItemFingerprint)),
      }
    : undefined;
  const payload = update ? purchaseOrderPayload(inputs.forXero, supplierXeroId, inputs.defaults, update) : fresh;
  const unchanged: SendResult | null =
    existing && existing.fingerprint === payload.fingerprint
      ? { kind: 'done', outcome: 'unchanged', xeroId: existing.purchaseOrderId, message: 'Xero already has this purchase order as it is: nothing sent.' }
      : null;
  return { payload, existing, unchanged };
}

export type PurchaseOrderPayloadFor = Awaited<ReturnType<typeof purchaseOrderPayloadFor>>;

/** Xero's answer stored on the purchase order: its id, number, status and LineItemIDs (and Ledgerside's status where Xero's moves it). */
export async function recordPurchaseOrderSaved(
  tdb: TenantDb,
  po: PurchaseOrder,
  sent: PurchaseOrderPayloadFor,
  saved: XeroPurchaseOrder,
  now: Date,
): Promise<SendResult> {
  const { payload, existing } = sent;
  const xeroId = saved.purchaseOrderID ?? existing?.purchaseOrderId;
  if (!xeroId) throw new SyncStop('Xero answered without the purchase order’s ID.', 'Press Retry.');
  const status = saved.status === undefined ? null : String(saved.status);
  await tdb.transaction(async (trx) => {
    await purchaseOrderRepository(trx).recordSent(
      po.id,
      { purchaseOrderId: xeroId, number: saved.purchaseOrderNumber ?? null, status },
      payload.fingerprint,
      now,
    );
    await sentLines(trx, PURCHASE_ORDER_KIND).replace(po.id, sentLineItems(saved.lineItems ?? [], payload.purchaseOrder.lineItems ?? []));
  });
  const next = statusFromXero(status, po.status);
  if (next) await purchaseOrderRepository(tdb).recordXeroState(po.id, { number: saved.purchaseOrderNumber ?? null, status }, next, now);
  const number = saved.purchaseOrderNumber ? ` as ${saved.purchaseOrderNumber}` : '';
  return existing
    ? { kind: 'done', outcome: 'updated', xeroId, message: `Updated in Xero${number}.` }
    : { kind: 'done', outcome: 'created', xeroId, message: `Created in Xero${number}.` };
}

async function sendPurchaseOrder(ctx: SendContext): Promise<SendResult> {
  const prepared = await preparePurchaseOrder(ctx.tdb, ctx.operation.recordId);
  const supplier = await ensureContact(ctx, prepared.po.contactId);
  if (supplier.kind === 'choose') throw supplierChoiceStop(prepared.po);
  const sent = await purchaseOrderPayloadFor(ctx.tdb, prepared, supplier.xeroId);
  if (sent.unchanged) return sent.unchanged;
  const { payload, existing } = sent;
  let saved;
  let found = false;
  if (existing) {
    saved = await ctx.gateway.updatePurchaseOrder(
      existing.purchaseOrderId,
      payload.purchaseOrder,
      ctx.idempotencyKey(`update-${existing.purchaseOrderId}`, payload.fingerprint),
    );
  } else {
    ({ record: saved, found } = await createOnce(ctx, {
      find: async () => (await findLostPurchaseOrders(ctx.gateway, [payload.purchaseOrder]))[0],
      create: () => ctx.gateway.createPurchaseOrder(payload.purchaseOrder, ctx.idempotencyKey('create', payload.fingerprint)),
    }));
  }
  const result = await recordPurchaseOrderSaved(ctx.tdb, prepared.po, sent, saved, ctx.now());
  return found ? confirmedAfterLostAnswer(result) : result;
}

export const purchaseOrderHandler: RecordHandler = {
  kind: PURCHASE_ORDER_KIND,
  noun: 'Purchase order',
  href: (id) => `/purchase-orders/${encodeURIComponent(id)}`,
  xeroPath: purchaseOrderXeroPath,
  send: sendPurchaseOrder,
};
