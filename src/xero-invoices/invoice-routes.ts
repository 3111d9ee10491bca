/**
 * The order's Xero invoice: Send to Xero, Refresh from Xero, Download PDF (Xero's own PDF, streamed
 * through the app via the gateway) as the shared sent-document routes of src/xero-sync; Create a new
 * invoice, the state the page polls, and the order page's panel (a page panel the sales orders' routes
 * are given in app.ts).
 */
import { Router, type Response } from 'express';
import { ConflictError, NotFoundError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { Organisation } from '../common/tenancy.js';
import { displayName } from '../common/tenancy.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext } from '../http/request-context.js';
import type { PagePanel } from '../documents/index.js';
import type { OrganisationGateway } from '../xero/index.js';
import type { SyncEngine } from '../xero-sync/index.js';
import { pdfFileName, sentDocumentRoutes, type SentDocumentRoutesSpec } from '../xero-sync/index.js';
import { invoiceLinks, SALES_ORDER_KIND, type OrderInvoiceLink } from './invoice-links.js';
import type { InvoicePanels } from './invoice-panel.js';
import { refusalFor, type XeroInvoiceSnapshot } from './invoice-state.js';
import { refreshOrderInvoice } from './invoice-updates.js';

export interface InvoiceRouteDeps {
  engine: SyncEngine;
  panels: InvoicePanels;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  logger: Logger;
  now?: () => Date;
}

/** What the page compares to know that Xero changed the invoice (webhook, poll). */
export const stateVersion = (s: XeroInvoiceSnapshot | null): string =>
  s ? [s.invoiceId, s.status, s.amountDue, s.amountPaid, s.amountCredited, s.updatedAt].join('|') : 'none';

/** Still open to change in Xero: the page keeps asking. */
const STILL_CHANGING = new Set(['DRAFT', 'SUBMITTED', 'AUTHORISED']);

const orderPath = (id: string) => `/sales-orders/${encodeURIComponent(id)}`;

/** The order page's Xero invoice panel (views/xero-sync/document-panel.ejs), reloading itself while Xero may still change it. */
export function invoicePagePanel(deps: Pick<InvoiceRouteDeps, 'panels'>): PagePanel<{ id: string }> {
  return async (ctx, order) => {
    const link = await invoiceLinks(ctx.tdb).ofLoaded(order);
    const panel = await deps.panels.panelFor(ctx.tdb, ctx.organisation, order.id, link);
    if (!panel) return null;
    const statePoll =
      link?.snapshot && STILL_CHANGING.has(link.snapshot.status ?? '')
        ? { url: `${orderPath(order.id)}/xero-invoice.json`, version: stateVersion(link.snapshot) }
        : null;
    return { place: 'details', partial: 'xero-sync/document-panel', locals: { panel, statePoll } };
  };
}

const invoiceSpec: SentDocumentRoutesSpec<OrderInvoiceLink & { id: string }> = {
  base: '/sales-orders',
  kind: SALES_ORDER_KIND,
  noun: 'sales order',
  find: async (tdb, id) => {
    const link = await invoiceLinks(tdb).get(id);
    return link ? { ...link, id: link.orderId } : undefined;
  },
  label: (link) => link.orderNumber,
  sendingMessage: (link, joined) =>
    joined
      ? `Sales order ${link.orderNumber} is already on its way to Xero.`
      : `Sending sales order ${link.orderNumber} to Xero. This page shows when it is done.`,
  refresh: {
    run: (tdb, gateway, link, now) => refreshOrderInvoice(tdb, gateway, link.orderId, now),
    failure: 'Could not read the invoice from Xero',
  },
  pdf: {
    path: 'invoice.pdf',
    of: (link) => (link.snapshot ? { xeroId: link.snapshot.invoiceId, fileName: pdfFileName(link.snapshot.number ?? link.orderNumber) } : null),
    fetch: (gateway, invoiceId) => gateway.getInvoicePdf(invoiceId),
    failure: 'Xero did not give the invoice’s PDF',
    noun: 'invoice',
  },
};

/** Send to Xero, Refresh from Xero and Download PDF (the shared sent-document routes), Create a new invoice, and the state the page polls. */
export function invoiceRoutes(deps: InvoiceRouteDeps): Router {
  const router = Router();
  router.use(sentDocumentRoutes(invoiceSpec, deps));

  async function linkOf(res: Response, id: string) {
    const link = await invoiceLinks(requestContext(res).tdb).get(id);
    if (!link) throw new NotFoundError('sales order');
    return link;
  }

  router.post('/sales-orders/:id/new-invoice', async (req, res) => {
    const ctx = requestContext(res);
    const link = await linkOf(res, idParam(req));
    if (!link.snapshot || !refusalFor(link.snapshot)?.newInvoice) {
      flash(req, 'error', 'A new invoice can only be created when Xero’s invoice was voided or deleted. Press Refresh from Xero if it was.');
      res.redirect(303, orderPath(link.orderId));
      return;
    }
    const engine = deps.engine.forOrganisation(ctx.tdb);
    if (await engine.repo.activeFor(SALES_ORDER_KIND, link.orderId)) throw new ConflictError('A send of this order is still under way: wait for it to finish.');
    await invoiceLinks(ctx.tdb).unlink(link.orderId);
    await engine.enqueue({
      recordKind: SALES_ORDER_KIND,
      recordId: link.orderId,
      recordLabel: link.orderNumber,
      requester: { userId: ctx.user.id, name: displayName(ctx.user) },
    });
    deps.engine.worker.wake();
    flash(
      req,
      'success',
      `Creating a new invoice in Xero for sales order ${link.orderNumber}. The ${link.snapshot.status === 'VOIDED' ? 'voided' : 'deleted'} one stays in Xero as it is.`,
    );
    res.redirect(303, orderPath(link.orderId));
  });

  router.get('/sales-orders/:id/xero-invoice.json', async (req, res) => {
    const link = await linkOf(res, idParam(req));
    res.set('Cache-Control', 'no-store').json({ version: stateVersion(link.snapshot), status: link.snapshot?.status ?? null });
  });

  return router;
}
