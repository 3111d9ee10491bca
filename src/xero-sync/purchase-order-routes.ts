/**
 * Purchase orders and Xero: "Send to Xero", "Refresh from Xero", "Download PDF" (Xero's own) as the
 * shared sent-document routes, and the purchase order page's Xero panel (a page panel the purchase
 * orders' routes are given in app.ts). Many at once: the list's bulk sends (bulk-routes.ts).
 */
import type { Router } from 'express';
import type { Organisation } from '../common/tenancy.js';
import { purchaseOrderRepository, purchaseOrderXeroStatusLabel, type PurchaseOrder } from '../purchase-orders/index.js';
import type { PagePanel } from '../documents/index.js';
import type { OrganisationGateway } from '../xero/index.js';
import { xeroDeepLink } from './deep-link.js';
import type { SentDocumentPanel } from './document-panel.js';
import { PURCHASE_ORDER_KIND, purchaseOrderXeroPath } from './purchase-order-send.js';
import { refreshPurchaseOrder } from './purchase-order-status.js';
import { pdfFileName, sentDocumentRoutes } from './sent-document-routes.js';
import type { SyncEngine } from './sync-engine.js';
import { operationView, pollIdsOf, timeText } from './sync-log-view-model.js';

export interface PurchaseOrderXeroDeps {
  engine: SyncEngine;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  webUrl: string;
}

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

/** Send to Xero, Refresh from Xero and Download PDF: the shared sent-document routes. */
export function purchaseOrderXeroRoutes(deps: PurchaseOrderXeroDeps): Router {
  return sentDocumentRoutes<PurchaseOrder>(
    {
      base: '/purchase-orders',
      kind: PURCHASE_ORDER_KIND,
      noun: 'purchase order',
      find: (tdb, id) => purchaseOrderRepository(tdb).find(id),
      label: (po) => `${po.number} (${po.contactName})`,
      sendingMessage: (po, joined) =>
        joined ? `${po.number} is already on its way to Xero.` : `Sending ${po.number} to Xero (its supplier first). This page shows when it is done.`,
      refresh: {
        refuse: (po) => (po.xero ? null : `${po.number} has not been sent to Xero yet.`),
        run: async (tdb, gateway, po, now) => {
          const result = await refreshPurchaseOrder(tdb, gateway, po.id, now);
          return result ? `Read from Xero: ${purchaseOrderXeroStatusLabel(result.xeroStatus)}.` : 'Nothing to read.';
        },
        failure: 'Could not read it from Xero',
      },
      pdf: {
        path: 'pdf',
        of: (po) => (po.xero ? { xeroId: po.xero.purchaseOrderId, fileName: pdfFileName(po.xero.number ?? po.number) } : null),
        fetch: (gateway, id) => gateway.getPurchaseOrderPdf(id),
        failure: 'Xero did not give the purchase order’s PDF',
        noun: 'purchase order PDF',
      },
    },
    deps,
  );
}
