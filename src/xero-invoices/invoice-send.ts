/**
 * Sales order → Xero sales invoice, one operation of the sync engine (record kind 'sales_order'):
 * 1. the contact first (ensureContact: created, updated or untouched in the same send);
 * 2. what would stop it before any call (archived defaults, lines without account or tax rate…);
 * 3. not yet invoiced: create (PUT, the organisation's default status); a re-run after a lost answer
 *    looks for the invoice by its Reference and link back first, so nothing is created twice;
 * 4. invoiced: unchanged since sent → no call. Else read Xero's copy: deleted, voided, paid, with
 *    payments or credit → stop and say so in plain words (nothing is sent); else update it, lines
 *    matched by their stored LineItemIDs (unchanged stay, changed update, removed go).
 */
import type { Invoice } from 'xero-node';
import { checkMapping, ensureContact, SyncStop, type RecordHandler, type SendContext, type SendResult } from '../xero-sync/index.js';
import { lineItemFingerprint, matchLineItemIds, salesInvoicePayload, sentLineItems } from '../xero/index.js';
import { invoiceLinks, SALES_ORDER_KIND } from './invoice-links.js';
import { orderInvoiceInputs } from './order-invoice.js';
import { refusalFor, snapshotOf } from './invoice-state.js';

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

/** Xero's answer must carry the invoice's id and one LineItemID per line sent. */
function requireSaved(saved: Invoice, sentCount: number): string {
  if (!saved.invoiceID)
    throw new SyncStop('Xero answered without the invoice’s ID.', 'Press Retry: the invoice is looked up before anything is created again.');
  if ((saved.lineItems ?? []).length !== sentCount)
    throw new SyncStop('Xero answered with a different number of lines than were sent.', 'Press Refresh from Xero, then Retry.');
  return saved.invoiceID;
}

export function salesInvoiceHandler(deps: InvoiceHandlerDeps): RecordHandler {
  async function send(ctx: SendContext): Promise<SendResult> {
    const orderId = ctx.operation.recordId;
    // Read before ensureContact: creating the contact marks this attempt's own write start, which is no
    // reason to look for an invoice a lost answer may have created.
    const earlierWriteStarted = ctx.operation.writeStartedAt !== null;
    const inputs = await orderInvoiceInputs(ctx.tdb, orderId, deps.appUrl);
    if (!inputs) throw new SyncStop('The sales order no longer exists in Ledgerside.', 'Cancel this send.');
    const links = invoiceLinks(ctx.tdb);
    const link = await links.get(orderId);

    const contact = await ensureContact(ctx, inputs.order.contactId, {
      ...(ctx.operation.createNew ? { createNew: true } : {}),
      ...(ctx.operation.xeroId && !link?.snapshot ? { linkTo: ctx.operation.xeroId } : {}),
    });
    if (contact.kind === 'choose') return contact;

    if (inputs.problems.length)
      throw new SyncStop(
        `Sales order ${inputs.order.number} cannot be sent to Xero as it is.`,
        'Correct the order, its products or the defaults on the Xero settings page, then press Retry.',
        inputs.problems,
      );
    const contactFor = { contactId: contact.xeroId, paymentTerms: inputs.paymentTerms };
    const fresh = salesInvoicePayload(inputs.forXero, contactFor, inputs.defaults);
    const items = fresh.invoice.lineItems ?? [];
    // The sync engine's pre-send mapping check: every code and id used must still be active in Xero's settings cache.
    await checkMapping(ctx.tdb, {
      accountCodes: items.map((l, i) => (l.accountCode ? { value: l.accountCode, where: `line ${i + 1}` } : null)),
      taxTypes: items.map((l, i) => (l.taxType ? { value: l.taxType, where: `line ${i + 1}` } : null)),
      itemCodes: items.map((l, i) => (l.itemCode ? { value: l.itemCode, where: `line ${i + 1}` } : null)),
      tracking: items.flatMap((l, i) => (l.tracking ?? []).map((t) => ({ category: t.name ?? '', option: t.option ?? '', where: `line ${i + 1}` }))),
      brandingThemeId: fresh.invoice.brandingThemeID ?? null,
      currencies: [inputs.order.currency],
    });
    await deps.mappingCheck?.(ctx, fresh.invoice);

    if (!link?.snapshot) {
      // A create whose answer never came: Xero may have it. Its Url is this order's page.
      // (A number with a double quote or backslash cannot go in a `where`; its Idempotency-Key still covers 6 minutes.)
      if (earlierWriteStarted && !/["\\]/.test(inputs.order.number)) {
        const where = `Type=="ACCREC" AND Reference.StartsWith("${inputs.order.number}")`;
        const found = (await ctx.gateway.getInvoicesPage({ page: 1, where })).find(
          (i) => i.url === inputs.forXero.url && String(i.status) !== 'DELETED' && String(i.status) !== 'VOIDED',
        );
        if (found?.invoiceID) {
          await links.recordSent(orderId, snapshotOf(found), fresh.fingerprint, sentLineItems(found.lineItems ?? [], items), ctx.now());
          return {
            kind: 'done',
            outcome: 'created',
            xeroId: found.invoiceID,
            message: `Invoice ${found.invoiceNumber ?? ''} created in Xero (confirmed after Xero’s answer was lost).`,
          };
        }
      }
      await ctx.markWriteStarted();
      const saved = await ctx.gateway.createInvoice(fresh.invoice, ctx.idempotencyKey('invoice-create', fresh.fingerprint));
      const invoiceId = requireSaved(saved, items.length);
      await links.recordSent(orderId, snapshotOf(saved), fresh.fingerprint, sentLineItems(saved.lineItems ?? [], items), ctx.now());
      return { kind: 'done', outcome: 'created', xeroId: invoiceId, message: `Invoice ${saved.invoiceNumber ?? ''} created in Xero.`.replace('  ', ' ') };
    }

    const invoiceId = link.snapshot.invoiceId;
    if (link.sentFingerprint === fresh.fingerprint)
      return { kind: 'done', outcome: 'unchanged', xeroId: invoiceId, message: 'Xero already has this order as it is: nothing sent.' };
    const current = await ctx.gateway.getInvoice(invoiceId);
    const snapshot = current ? snapshotOf(current) : { ...link.snapshot, status: 'DELETED' };
    await links.applySnapshot(orderId, snapshot, ctx.now());
    const refusal = refusalFor(snapshot);
    if (refusal) throw new SyncStop(refusal.message, refusal.advice);
    const ids = matchLineItemIds(await links.sentLines(orderId), items.map(lineItemFingerprint));
    const update = salesInvoicePayload(inputs.forXero, contactFor, inputs.defaults, { invoiceId, lineItemIds: ids });
    const saved = await ctx.gateway.updateInvoice(invoiceId, update.invoice, ctx.idempotencyKey(`invoice-update-${invoiceId}`, update.fingerprint));
    requireSaved(saved, items.length);
    await links.recordSent(orderId, snapshotOf(saved), update.fingerprint, sentLineItems(saved.lineItems ?? [], items), ctx.now());
    return { kind: 'done', outcome: 'updated', xeroId: invoiceId, message: `Invoice ${saved.invoiceNumber ?? snapshot.number ?? ''} updated in Xero.` };
  }

  return {
    kind: SALES_ORDER_KIND,
    noun: 'Sales order',
    href: (id) => `/sales-orders/${encodeURIComponent(id)}`,
    xeroPath: invoiceXeroPath,
    send,
  };
}
