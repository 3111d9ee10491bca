/**
 * Purchase orders → Xero in a bulk run, up to 50 a batch, with the single send's steps
 * (purchase-order-send.ts) and calls shared by the batch: the suppliers ensured first, together
 * (`ensureBatchContacts`); each purchase order's own problems and the mapping check (no call); then
 * one `POST /PurchaseOrders?summarizeErrors=false` with the changed ones and one
 * `PUT /PurchaseOrders?summarizeErrors=false` with the new ones (those an earlier attempt created but
 * never heard back about are looked up first: `findLostPurchaseOrders`). Each element's result is its
 * own purchase order's: one Xero refuses fails that one only, with Xero's words.
 */
import { batchFingerprint, ensureBatchContacts, saveEach } from './document-batch.js';
import {
  confirmedAfterLostAnswer,
  findLostPurchaseOrders,
  preparePurchaseOrder,
  purchaseOrderPayloadFor,
  recordPurchaseOrderSaved,
  supplierChoiceStop,
  type PreparedPurchaseOrder,
  type PurchaseOrderPayloadFor,
} from './purchase-order-send.js';
import type { BatchContext, BatchHandler, BatchOutcome } from './send-context.js';

/** Purchase orders per create or update call (Xero's advice: about 50 elements a request). */
export const PURCHASE_ORDER_BATCH_SIZE = 50;

interface Ready {
  opId: string;
  prepared: PreparedPurchaseOrder;
  sent: PurchaseOrderPayloadFor;
}

export const purchaseOrderBatch: BatchHandler = {
  size: PURCHASE_ORDER_BATCH_SIZE,
  async send(ctx: BatchContext): Promise<Map<string, BatchOutcome>> {
    const out = new Map<string, BatchOutcome>();
    // Only an earlier attempt's create can have been lost (this attempt marks its own just before its calls).
    const lostBefore = new Set(ctx.operations.filter((op) => op.writeStartedAt).map((op) => op.id));
    const prepared = new Map<string, PreparedPurchaseOrder>();
    for (const op of ctx.operations) {
      try {
        prepared.set(op.id, await preparePurchaseOrder(ctx.tdb, op.recordId));
      } catch (error) {
        out.set(op.id, { kind: 'error', error });
      }
    }
    const suppliers = await ensureBatchContacts(ctx, new Map([...prepared].map(([opId, p]) => [opId, p.po.contactId])));
    const creates: Ready[] = [];
    const updates: Ready[] = [];
    for (const [opId, p] of prepared) {
      const supplier = suppliers.get(opId)!;
      try {
        if (supplier.kind === 'error') throw supplier.error;
        if (supplier.kind === 'choose') throw supplierChoiceStop(p.po);
        const sent = await purchaseOrderPayloadFor(ctx.tdb, p, supplier.xeroId);
        if (sent.unchanged) out.set(opId, sent.unchanged);
        else (sent.existing ? updates : creates).push({ opId, prepared: p, sent });
      } catch (error) {
        out.set(opId, { kind: 'error', error });
      }
    }
    await saveAll(ctx, out, 'update', updates);
    const lost = creates.filter((r) => lostBefore.has(r.opId));
    if (lost.length) {
      // Creates whose answer never came: the ones Xero has are taken as their answer, never created twice.
      try {
        const found = await findLostPurchaseOrders(
          ctx.gateway,
          lost.map((r) => r.sent.payload.purchaseOrder),
        );
        for (const [i, r] of lost.entries()) {
          const saved = found[i];
          if (!saved) continue;
          creates.splice(creates.indexOf(r), 1);
          try {
            out.set(r.opId, confirmedAfterLostAnswer(await recordPurchaseOrderSaved(ctx.tdb, r.prepared.po, r.sent, saved, ctx.now())));
          } catch (error) {
            out.set(r.opId, { kind: 'error', error });
          }
        }
      } catch (error) {
        // The lookup failed (before anything was recorded): those sends retry; the others go ahead.
        for (const r of lost) {
          out.set(r.opId, { kind: 'error', error });
          creates.splice(creates.indexOf(r), 1);
        }
      }
    }
    if (creates.length) {
      try {
        await ctx.markWriteStarted(creates.map((r) => r.opId));
      } catch (error) {
        for (const r of creates) out.set(r.opId, { kind: 'error', error });
        return out;
      }
      await saveAll(ctx, out, 'create', creates);
    }
    return out;
  },
};

/** One batch call for `items`, each element's answer on its own operation. */
function saveAll(ctx: BatchContext, out: Map<string, BatchOutcome>, mode: 'create' | 'update', items: Ready[]): Promise<void> {
  const key = ctx.idempotencyKey(`purchase-order-${mode}`, batchFingerprint(items.map((r) => r.sent.payload.fingerprint)));
  return saveEach(
    out,
    items,
    () =>
      ctx.gateway.savePurchaseOrders(
        mode,
        items.map((r) => r.sent.payload.purchaseOrder),
        key,
      ),
    (r, saved) => recordPurchaseOrderSaved(ctx.tdb, r.prepared.po, r.sent, saved, ctx.now()),
  );
}
