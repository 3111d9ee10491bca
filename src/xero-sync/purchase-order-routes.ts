/**
 * Purchase orders and Xero: "Send to Xero" on one (or ticked rows of the list), "Refresh from Xero",
 * "Download PDF" (Xero's own), and the purchase order page's Xero panel (a page panel the purchase
 * orders' routes are given in app.ts). Every route looks the purchase order up through the
 * organisation's handle first, so another organisation's id is a 404.
 */
import { Router, type Request, type Response } from 'express';
import { AppError, NotFoundError } from '../common/errors.js';
import { displayName, type Organisation } from '../common/tenancy.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext } from '../http/request-context.js';
import { purchaseOrderRepository, purchaseOrderXeroStatusLabel, type PurchaseOrder } from '../purchase-orders/index.js';
import type { PagePanel } from '../documents/index.js';
import type { OrganisationGateway } from '../xero/index.js';
import { xeroDeepLink } from './deep-link.js';
import type { SentDocumentPanel } from './document-panel.js';
import { PURCHASE_ORDER_KIND, purchaseOrderXeroPath } from './purchase-order-send.js';
import { refreshPurchaseOrder } from './purchase-order-status.js';
import type { SyncEngine } from './sync-engine.js';
import { operationView, pollIdsOf, timeText } from './sync-log-view-model.js';

export interface PurchaseOrderXeroDeps {
  engine: SyncEngine;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  webUrl: string;
}

/** Most ids a "Send to Xero" of ticked rows takes at once (one list page at its largest). */
const BULK_LIMIT = 100;

const STATUS_CLASSES: Record<string, string> = { BILLED: 'badge badge-ok', AUTHORISED: 'badge badge-info', DELETED: 'badge badge-bad' };

/** The purchase order page's Xero panel: the shared views/xero-sync/document-panel.ejs. */
export function purchaseOrderXeroPanel(deps: Pick<PurchaseOrderXeroDeps, 'engine' | 'webUrl'>): PagePanel<PurchaseOrder> {
  const { engine } = deps;
  return async (ctx, po) => {
    const base = `/purchase-orders/${po.id}`;
    const ops = await engine.forOrganisation(ctx.tdb).repo.recentFor(PURCHASE_ORDER_KIND, po.id, 5);
    const operations = ops.map((op) => operationView(op, engine.handlerOf(PURCHASE_ORDER_KIND), ctx.organisation, deps.webUrl));
    const x = po.xero;
    const deleted = x?.status === 'DELETED';
    const panel: SentDocumentPanel = {
      heading: x?.number ? `Xero purchase order ${x.number}` : 'Xero',
      sendAction: `${base}/send-to-xero`,
      sent: Boolean(x),
      statusLabel: x ? purchaseOrderXeroStatusLabel(x.status) || 'Sent' : 'Not sent',
      statusClass: STATUS_CLASSES[x?.status ?? ''] ?? 'badge',
      sentNote: x?.sentAt ? `Sent ${timeText(new Date(x.sentAt))}` : '',
      changedSince: false,
      xeroHref: x ? xeroDeepLink(deps.webUrl, ctx.organisation.shortCode, purchaseOrderXeroPath(x.purchaseOrderId)) : null,
      pdfHref: x && !deleted ? `${base}/pdf` : null,
      refreshAction: x ? `${base}/refresh-from-xero` : null,
      details: x ? [{ term: 'Xero number', value: x.number ?? '—' }] : [],
      notice: deleted
        ? { message: `${po.number} was deleted in Xero.`, advice: 'Xero takes no changes to it: cancel it here if it is no longer needed.' }
        : null,
      actions: [],
      table: null,
      notSentHint: 'Not sent to Xero yet. Send to Xero creates the purchase order there (its supplier first); sending again later updates the same one.',
      readNote: x?.checkedAt
        ? `Last checked in Xero ${timeText(new Date(x.checkedAt))}. Xero sends no notice of purchase order changes: Ledgerside checks every 15 minutes.`
        : '',
      operations,
      pollIds: pollIdsOf(operations),
      returnTo: base,
      sendsHref: `/sync-log?kind=${PURCHASE_ORDER_KIND}`,
    };
    return { place: 'details', partial: 'xero-sync/document-panel', locals: { panel, statePoll: null } };
  };
}

export function purchaseOrderXeroRoutes(deps: PurchaseOrderXeroDeps): Router {
  const router = Router();
  const { engine } = deps;

  async function found(res: Response, id: string): Promise<PurchaseOrder> {
    const po = await purchaseOrderRepository(requestContext(res).tdb).find(id);
    if (!po) throw new NotFoundError('purchase order');
    return po;
  }

  async function enqueue(res: Response, po: PurchaseOrder) {
    const ctx = requestContext(res);
    return engine.forOrganisation(ctx.tdb).enqueue({
      recordKind: PURCHASE_ORDER_KIND,
      recordId: po.id,
      recordLabel: `${po.number} (${po.contactName})`,
      requester: { userId: ctx.user.id, name: displayName(ctx.user) },
    });
  }

  router.post('/purchase-orders/send-to-xero', async (req, res) => {
    const raw: unknown = (req.body as Record<string, unknown>).ids;
    const ids = [...new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && v.length <= 36))].slice(0, BULK_LIMIT);
    if (ids.length === 0) {
      flash(req, 'error', 'Tick the purchase orders to send first.');
      return res.redirect(303, '/purchase-orders');
    }
    const repo = purchaseOrderRepository(requestContext(res).tdb);
    const sent: string[] = [];
    for (const id of ids) {
      const po = await repo.find(id);
      // Another organisation's id is simply not found here, and skipped.
      if (!po) continue;
      await enqueue(res, po);
      sent.push(po.number);
    }
    engine.worker.wake();
    flash(
      req,
      'success',
      sent.length
        ? `Sending ${sent.length} purchase ${sent.length === 1 ? 'order' : 'orders'} to Xero: ${sent.join(', ')}. The sync log shows each.`
        : 'None of those purchase orders was found.',
    );
    res.redirect(303, '/purchase-orders');
  });

  router.post('/purchase-orders/:id/send-to-xero', async (req, res) => {
    const po = await found(res, idParam(req));
    const { joined } = await enqueue(res, po);
    engine.worker.wake();
    flash(
      req,
      'success',
      joined ? `${po.number} is already on its way to Xero.` : `Sending ${po.number} to Xero (its supplier first). This page shows when it is done.`,
    );
    res.redirect(303, `/purchase-orders/${po.id}`);
  });

  router.post('/purchase-orders/:id/refresh-from-xero', async (req, res) => {
    const ctx = requestContext(res);
    const po = await found(res, idParam(req));
    if (!po.xero) {
      flash(req, 'error', `${po.number} has not been sent to Xero yet.`);
      return res.redirect(303, `/purchase-orders/${po.id}`);
    }
    try {
      const result = await refreshPurchaseOrder(ctx.tdb, deps.gatewayFor(ctx.organisation), po.id, new Date());
      flash(req, 'success', result ? `Read from Xero: ${purchaseOrderXeroStatusLabel(result.xeroStatus)}.` : 'Nothing to read.');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      flash(req, 'error', `Could not read it from Xero: ${error.message}`);
    }
    res.redirect(303, `/purchase-orders/${po.id}`);
  });

  router.get('/purchase-orders/:id/pdf', async (req: Request, res: Response) => {
    const ctx = requestContext(res);
    const po = await found(res, idParam(req));
    if (!po.xero) throw new NotFoundError('purchase order PDF');
    const pdf = await deps.gatewayFor(ctx.organisation).getPurchaseOrderPdf(po.xero.purchaseOrderId);
    const name = (po.xero.number ?? po.number).replace(/[^A-Za-z0-9._-]/g, '_');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
    res.send(pdf);
  });

  return router;
}
