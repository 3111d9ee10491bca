/**
 * Sales order → Xero sales invoice, one operation of the sync engine (record kind 'sales_order'):
 * 1. the contact first (ensureContact: created, updated or untouched in the same send);
 * 2. what would stop it before any call (archived defaults, lines without account or tax rate…);
 * 3. not yet invoiced: create (PUT, the organisation's default status); a re-run after a lost answer
 *    looks for the invoice by its Reference and link back first, so nothing is created twice;
 * 4. invoiced: unchanged since sent → no call. Else read Xero's copy: deleted, voided, paid, with
 *    payments or credit → stop and say so in plain words (nothing is sent); else update it, lines
 *    matched by their stored LineItemIDs (unchanged stay, changed update, removed go).
 * The steps are invoice-steps.ts, shared with the bulk run's batches (invoice-batch.ts).
 */
import type { Invoice } from 'xero-node';
import { createOnce, ensureContact, type RecordHandler, type SendContext, type SendResult } from '../xero-sync/index.js';
import { SALES_ORDER_KIND } from './invoice-links.js';
import { salesInvoiceBatch } from './invoice-batch.js';
import { contactChoiceOf, findLostInvoices, invoiceFor, loadOrder, recordFound, recordSaved, updateFor } from './invoice-steps.js';

export const invoiceXeroPath = (invoiceId: string): string => `/AccountsReceivable/View.aspx?InvoiceID=${invoiceId}`;

export interface InvoiceHandlerDeps {
  /** The app's public origin: the invoice's Url links back to the order. */
  appUrl: string;
  /**
   * The pre-send mapping check of the sync engine (issue 11), when there is one: throws SyncStop naming
   * what is missing or archived. Optional so the handler runs without it.
   */
  mappingCheck?: (ctx: SendContext, invoice: Invoice) => Promise<void>;
}

export function salesInvoiceHandler(deps: InvoiceHandlerDeps): RecordHandler {
  async function send(ctx: SendContext): Promise<SendResult> {
    const loaded = await loadOrder(ctx.tdb, ctx.operation.recordId, deps.appUrl);
    const { link } = loaded;

    const contact = await ensureContact(ctx, loaded.inputs.order.contactId, contactChoiceOf(ctx.operation, loaded));
    if (contact.kind === 'choose') return contact;

    const fresh = await invoiceFor(ctx.tdb, loaded, contact.xeroId);
    await deps.mappingCheck?.(ctx, fresh.invoice);

    if (!link?.snapshot) {
      // A create whose answer never came (an earlier attempt's write): Xero may have it, found by its Reference and Url.
      const { record, found } = await createOnce(ctx, {
        find: async () => (await findLostInvoices(ctx.gateway, [loaded])).get(loaded.orderId),
        create: () => ctx.gateway.createInvoice(fresh.invoice, ctx.idempotencyKey('invoice-create', fresh.fingerprint)),
      });
      return found ? recordFound(ctx.tdb, loaded, fresh, record, ctx.now()) : recordSaved(ctx.tdb, loaded, fresh, record, ctx.now());
    }

    const invoiceId = link.snapshot.invoiceId;
    if (link.sentFingerprint === fresh.fingerprint)
      return { kind: 'done', outcome: 'unchanged', xeroId: invoiceId, message: 'Xero already has this order as it is: nothing sent.' };
    const { update, snapshot } = await updateFor(ctx.tdb, loaded, fresh, contact.xeroId, await ctx.gateway.getInvoice(invoiceId), ctx.now());
    const saved = await ctx.gateway.updateInvoice(invoiceId, update.invoice, ctx.idempotencyKey(`invoice-update-${invoiceId}`, update.fingerprint));
    return recordSaved(ctx.tdb, loaded, update, saved, ctx.now(), snapshot);
  }

  return {
    kind: SALES_ORDER_KIND,
    noun: 'Sales order',
    batch: salesInvoiceBatch(deps),
    href: (id) => `/sales-orders/${encodeURIComponent(id)}`,
    xeroPath: invoiceXeroPath,
    send,
  };
}
