/**
 * Xero → the order: what Xero says about an invoice Ledgerside sent arrives three ways, all applied the
 * same way (`invoiceLinks.applySnapshot`, which ignores answers older than the one kept):
 * - the INVOICE webhook (seconds after a change in Xero);
 * - the 15-minute safety-net poll (If-Modified-Since, only invoices Ledgerside sent);
 * - **Refresh from Xero** on the order.
 */
import type { Invoice } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import type { Organisation } from '../common/tenancy.js';
import { orderNumberOfReference, XERO_PAGE_SIZE, type OrganisationGateway } from '../xero/index.js';
import type { WebhookHandler } from '../xero-webhooks/index.js';
import type { SentDocumentsKind } from '../xero-sync/index.js';
import { invoiceLinks, SALES_ORDER_KIND } from './invoice-links.js';
import { snapshotOf, statusLabel } from './invoice-state.js';

/** Refresh from Xero: reads the order's invoice now. */
export async function refreshOrderInvoice(tdb: TenantDb, gateway: OrganisationGateway, orderId: string, now: Date): Promise<string> {
  const links = invoiceLinks(tdb);
  const link = await links.get(orderId);
  if (!link?.snapshot) return 'This order has not been sent to Xero yet.';
  const invoice = await gateway.getInvoice(link.snapshot.invoiceId);
  if (!invoice) {
    await links.applySnapshot(orderId, { ...link.snapshot, status: 'DELETED', updatedAt: null }, now);
    return 'Xero no longer has this invoice.';
  }
  const snapshot = snapshotOf(invoice);
  await links.applySnapshot(orderId, snapshot, now);
  return `Refreshed from Xero: ${statusLabel(snapshot.status)}.`;
}

/** Is a send of an order with no invoice linked unsure whether Xero created it? Only then can an unknown invoice be one of ours. */
async function sendOutcomeUnknown(tdb: TenantDb): Promise<boolean> {
  const row = await tdb
    .from('xero_sync_operations')
    .where('record_kind', SALES_ORDER_KIND)
    .whereNotNull('write_started_at')
    .whereIn('record_id', tdb.from('sales_orders').whereNull('xero_invoice_id').select('id'))
    .first('id');
  return row !== undefined;
}

/**
 * Another owner of invoices Xero makes (a contract's repeating invoice generates them): the INVOICE
 * handler asks each one injected, so it knows nothing of what they are.
 */
export interface InvoiceOwner {
  /** Without calling Xero: may this invoice be the owner's (a known InvoiceID, or templates that generate invoices)? */
  mayOwn(tdb: TenantDb, invoiceId: string): Promise<boolean>;
  /** Xero's invoice: applied when it is the owner's, answering what was done; null when it is not. */
  apply(ctx: { tdb: TenantDb; gateway: OrganisationGateway; invoice: Invoice; now: Date }): Promise<string | null>;
}

/**
 * INVOICE events: fetch the invoice and update the order it belongs to (by stored InvoiceID, else by
 * the order number its Reference starts with, for an order whose send lost Xero's answer), or hand it
 * to the injected owners (contracts). Invoices of no one are recorded as ignored; the handler is
 * idempotent (an older answer never overwrites a newer).
 */
export function salesInvoiceEventHandler(deps: { gatewayFor(organisation: Organisation): OrganisationGateway; owners?: InvoiceOwner[] }): WebhookHandler {
  return {
    category: 'INVOICE',
    async handle({ event, organisation, tdb, now }) {
      const links = invoiceLinks(tdb);
      let orderId = await links.orderOfInvoice(event.resourceId);
      const owners: InvoiceOwner[] = [];
      if (!orderId) for (const owner of deps.owners ?? []) if (await owner.mayOwn(tdb, event.resourceId)) owners.push(owner);
      const unknownSend = !orderId && (await sendOutcomeUnknown(tdb));
      if (!orderId && !unknownSend && owners.length === 0) return { outcome: 'ignored', reason: 'not an invoice Ledgerside sent' };
      const gateway = deps.gatewayFor(organisation);
      const invoice = await gateway.getInvoice(event.resourceId);
      if (!invoice) return { outcome: 'ignored', reason: 'Xero has no such invoice' };
      if (!orderId && unknownSend) {
        const status = String(invoice.status ?? '');
        const number = String(invoice.type) === 'ACCREC' && status !== 'DELETED' && status !== 'VOIDED' ? orderNumberOfReference(invoice.reference) : null;
        orderId = number ? await links.unlinkedOrderNumbered(number) : null;
      }
      if (!orderId) {
        for (const owner of owners) {
          const reason = await owner.apply({ tdb, gateway, invoice, now: now() });
          if (reason) return { outcome: 'handled', reason };
        }
        return { outcome: 'ignored', reason: 'not an invoice Ledgerside sent' };
      }
      const snapshot = snapshotOf(invoice);
      const applied = await links.applySnapshot(orderId, snapshot, now());
      const order = await links.get(orderId);
      return {
        outcome: 'handled',
        reason: `sales order ${order?.orderNumber ?? orderId}: ${statusLabel(snapshot.status)}${applied ? '' : ' (already up to date)'}`,
      };
    },
  };
}

/** The poll's hook for sales invoices: ACCREC invoices changed since, kept when Ledgerside sent them. */
export const salesInvoicesPollKind: SentDocumentsKind = {
  kind: SALES_ORDER_KIND,
  firstSentAt: (tdb) => invoiceLinks(tdb).firstSentAt(),
  async poll({ tdb, gateway, since, now }) {
    const links = invoiceLinks(tdb);
    const ours = await links.sentInvoiceIds();
    let seen = 0;
    let updated = 0;
    let newest: Date | null = null;
    for (let page = 1; ; page++) {
      const invoices = await gateway.getInvoicesPage({ page, ifModifiedSince: since, where: 'Type=="ACCREC"' });
      seen += invoices.length;
      for (const invoice of invoices) {
        const snapshot = snapshotOf(invoice);
        if (snapshot.updatedAt && (!newest || new Date(snapshot.updatedAt) > newest)) newest = new Date(snapshot.updatedAt);
        if (!ours.has(snapshot.invoiceId)) continue;
        const orderId = await links.orderOfInvoice(snapshot.invoiceId);
        if (orderId && (await links.applySnapshot(orderId, snapshot, now))) updated++;
      }
      if (invoices.length < XERO_PAGE_SIZE) break;
    }
    return { seen, updated, newest };
  },
};
