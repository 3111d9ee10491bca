/**
 * Sales orders → Xero invoices in a bulk run, up to 50 a batch, with the single send's steps
 * (invoice-steps.ts) and calls shared by the batch:
 * 1. the orders' customers ensured first, together (`ensureBatchContacts`: one lookup, one create and
 *    one update call for the batch at most, none for contacts unchanged since sent);
 * 2. each order's own problems and the mapping check (no call; the orders, their lines and products,
 *    the defaults and the settings cache are read once for the batch, not per order);
 * 3. creates whose answer was lost in an earlier attempt: one lookup by their numbers, found ones linked;
 * 4. invoiced and changed: one read of their invoices (`IDs`), refusals as the single send's, then one
 *    `POST /Invoices?summarizeErrors=false` with the updates;
 * 5. the rest: one `PUT /Invoices?summarizeErrors=false` with the creates.
 * Each element's result is its own order's: one Xero refuses fails that order only, with Xero's words.
 */
import type { Invoice } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import {
  batchFingerprint,
  ensureBatchContacts,
  mappingStops,
  saveEach,
  SyncStop,
  type BatchContext,
  type BatchHandler,
  type BatchOutcome,
} from '../xero-sync/index.js';
import {
  contactChoiceOf,
  findLostInvoices,
  freshInvoice,
  invoiceMappingUses,
  loadOrders,
  recordFound,
  recordSaved,
  updateFor,
  type LoadedOrder,
} from './invoice-steps.js';

/** Invoices per create or update call (Xero's advice: about 50 elements a request). */
export const INVOICE_BATCH_SIZE = 50;

type Fresh = ReturnType<typeof freshInvoice>;
interface Ready {
  opId: string;
  loaded: LoadedOrder;
  fresh: Fresh;
  contactXeroId: string;
}

export function salesInvoiceBatch(deps: { appUrl: string }): BatchHandler {
  return {
    size: INVOICE_BATCH_SIZE,
    async send(ctx: BatchContext): Promise<Map<string, BatchOutcome>> {
      const out = new Map<string, BatchOutcome>();
      const fail = (opId: string, error: unknown) => out.set(opId, { kind: 'error', error });
      // Only an earlier attempt's create can have been lost (this attempt marks its own just before its calls).
      const lostBefore = new Set(ctx.operations.filter((op) => op.writeStartedAt).map((op) => op.id));

      // The batch's orders, their lines, products and the settings they share: read once for all of them.
      const loaded = new Map<string, LoadedOrder>();
      const read = await loadOrders(
        ctx.tdb,
        ctx.operations.map((op) => op.recordId),
        deps.appUrl,
      );
      for (const op of ctx.operations) {
        const l = read.get(op.recordId);
        if (!l || l instanceof SyncStop) fail(op.id, l ?? new Error('the order was not read'));
        else loaded.set(op.id, l);
      }
      const contactOf = new Map([...loaded].map(([opId, l]) => [opId, l.inputs.order.contactId]));
      const contacts = await ensureBatchContacts(ctx, contactOf, (op) => (loaded.has(op.id) ? contactChoiceOf(op, loaded.get(op.id)!) : {}));

      // Each order's own problems, then the mapping check for all of them (one read of the settings cache).
      const candidates: Ready[] = [];
      for (const [opId, l] of loaded) {
        const contact = contacts.get(opId)!;
        if (contact.kind === 'error') fail(opId, contact.error);
        else if (contact.kind === 'choose') out.set(opId, contact);
        else {
          try {
            candidates.push({ opId, loaded: l, fresh: freshInvoice(l, contact.xeroId), contactXeroId: contact.xeroId });
          } catch (error) {
            fail(opId, error);
          }
        }
      }
      const stops = await mappingStops(ctx.tdb, new Map(candidates.map((r) => [r.opId, invoiceMappingUses(r.loaded, r.fresh)])));

      const lost: Ready[] = [];
      const creates: Ready[] = [];
      const updates: Ready[] = [];
      for (const ready of candidates) {
        const { opId, loaded: l } = ready;
        const stop = stops.get(opId);
        if (stop) {
          fail(opId, stop);
          continue;
        }
        const snapshot = l.link?.snapshot;
        if (!snapshot) (lostBefore.has(opId) ? lost : creates).push(ready);
        else if (l.link?.sentFingerprint === ready.fresh.fingerprint)
          out.set(opId, { kind: 'done', outcome: 'unchanged', xeroId: snapshot.invoiceId, message: 'Xero already has this order as it is: nothing sent.' });
        else updates.push(ready);
      }

      if (lost.length) {
        try {
          const found = await findLostInvoices(
            ctx.gateway,
            lost.map((r) => r.loaded),
          );
          for (const r of lost) {
            const invoice = found.get(r.loaded.orderId);
            if (invoice) out.set(r.opId, await recordFound(ctx.tdb, r.loaded, r.fresh, invoice, ctx.now()));
            else creates.push(r);
          }
        } catch (error) {
          for (const r of lost) fail(r.opId, error);
        }
      }

      if (updates.length) {
        const payloads: Array<Ready & { update: Fresh; snapshot: Awaited<ReturnType<typeof updateFor>>['snapshot'] }> = [];
        try {
          const current = await ctx.gateway.getInvoicesPage({ page: 1, ids: updates.map((r) => r.loaded.link!.snapshot!.invoiceId) });
          const byId = new Map(current.map((i) => [String(i.invoiceID ?? '').toLowerCase(), i]));
          for (const r of updates) {
            try {
              const invoice = byId.get(r.loaded.link!.snapshot!.invoiceId.toLowerCase()) ?? null;
              payloads.push({ ...r, ...(await updateFor(ctx.tdb, r.loaded, r.fresh, r.contactXeroId, invoice, ctx.now())) });
            } catch (error) {
              fail(r.opId, error);
            }
          }
        } catch (error) {
          for (const r of updates) fail(r.opId, error);
        }
        await saveAll(
          ctx,
          out,
          'update',
          payloads,
          (r) => r.update,
          (r, saved, trx) => recordSaved(trx ?? ctx.tdb, r.loaded, r.update, saved, ctx.now(), r.snapshot),
        );
      }

      if (creates.length) {
        try {
          await ctx.markWriteStarted(creates.map((r) => r.opId));
        } catch (error) {
          for (const r of creates) fail(r.opId, error);
          return out;
        }
        await saveAll(
          ctx,
          out,
          'create',
          creates,
          (r) => r.fresh,
          (r, saved, trx) => recordSaved(trx ?? ctx.tdb, r.loaded, r.fresh, saved, ctx.now()),
        );
      }
      return out;
    },
  };
}

/** One batch call for `items`, each element's answer on its own operation. */
function saveAll<R extends Ready>(
  ctx: BatchContext,
  out: Map<string, BatchOutcome>,
  mode: 'create' | 'update',
  items: R[],
  payloadOf: (r: R) => Fresh,
  record: (r: R, saved: Invoice, tdb?: TenantDb) => Promise<BatchOutcome>,
): Promise<void> {
  const key = ctx.idempotencyKey(`invoice-${mode}`, batchFingerprint(items.map((r) => payloadOf(r).fingerprint)));
  return saveEach(
    out,
    items,
    () =>
      ctx.gateway.saveInvoices(
        mode,
        items.map((r) => payloadOf(r).invoice),
        key,
      ),
    record,
    ctx.tdb,
  );
}
