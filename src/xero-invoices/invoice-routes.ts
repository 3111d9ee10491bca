/**
 * The order's Xero invoice: Send to Xero, Refresh from Xero, Create a new invoice, Download PDF
 * (Xero's own PDF, streamed through the app via the gateway), the state the page polls, and the
 * order page's panel (a page panel the sales orders' routes are given in app.ts).
 */
import { Router, type Response } from 'express';
import { AppError, ConflictError, NotFoundError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { Organisation } from '../common/tenancy.js';
import { displayName } from '../common/tenancy.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext } from '../http/request-context.js';
import type { PagePanel } from '../documents/index.js';
import type { OrganisationGateway } from '../xero/index.js';
import type { SyncEngine } from '../xero-sync/index.js';
import { invoiceLinks, SALES_ORDER_KIND } from './invoice-links.js';
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
    const panel = await deps.panels.panelFor(ctx.tdb, ctx.organisation, order.id);
    if (!panel) return null;
    const link = await invoiceLinks(ctx.tdb).get(order.id);
    const statePoll =
      link?.snapshot && STILL_CHANGING.has(link.snapshot.status ?? '')
        ? { url: `${orderPath(order.id)}/xero-invoice.json`, version: stateVersion(link.snapshot) }
        : null;
    return { place: 'details', partial: 'xero-sync/document-panel', locals: { panel, statePoll } };
  };
}

export function invoiceRoutes(deps: InvoiceRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  async function linkOf(res: Response, id: string) {
    const link = await invoiceLinks(requestContext(res).tdb).get(id);
    if (!link) throw new NotFoundError('sales order');
    return link;
  }

  router.post('/sales-orders/:id/send-to-xero', async (req, res) => {
    const ctx = requestContext(res);
    const link = await linkOf(res, idParam(req));
    const { joined } = await deps.engine.forOrganisation(ctx.tdb).enqueue({
      recordKind: SALES_ORDER_KIND,
      recordId: link.orderId,
      recordLabel: link.orderNumber,
      requester: { userId: ctx.user.id, name: displayName(ctx.user) },
    });
    deps.engine.worker.wake();
    flash(
      req,
      'success',
      joined
        ? `Sales order ${link.orderNumber} is already on its way to Xero.`
        : `Sending sales order ${link.orderNumber} to Xero. This page shows when it is done.`,
    );
    res.redirect(303, orderPath(link.orderId));
  });

  router.post('/sales-orders/:id/refresh-from-xero', async (req, res) => {
    const ctx = requestContext(res);
    const link = await linkOf(res, idParam(req));
    try {
      flash(req, 'success', await refreshOrderInvoice(ctx.tdb, deps.gatewayFor(ctx.organisation), link.orderId, now()));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      flash(req, 'error', `Could not read the invoice from Xero: ${error.message}`);
    }
    res.redirect(303, orderPath(link.orderId));
  });

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

  router.get('/sales-orders/:id/invoice.pdf', async (req, res) => {
    const ctx = requestContext(res);
    const link = await linkOf(res, idParam(req));
    if (!link.snapshot) throw new NotFoundError('invoice');
    let pdf: Buffer;
    try {
      pdf = await deps.gatewayFor(ctx.organisation).getInvoicePdf(link.snapshot.invoiceId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      flash(req, 'error', `Xero did not give the invoice’s PDF: ${error.message}`);
      res.redirect(303, orderPath(link.orderId));
      return;
    }
    const name = (link.snapshot.number ?? link.orderNumber).replace(/[^A-Za-z0-9._-]+/g, '-');
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${name}.pdf"`, 'Cache-Control': 'private, no-store' });
    res.end(pdf);
  });

  router.get('/sales-orders/:id/xero-invoice.json', async (req, res) => {
    const link = await linkOf(res, idParam(req));
    res.set('Cache-Control', 'no-store').json({ version: stateVersion(link.snapshot), status: link.snapshot?.status ?? null });
  });

  return router;
}
