/**
 * The routes every record sent to Xero as one document shares: **Send to Xero**, **Refresh from Xero**
 * and, where Xero makes one, **Download PDF** (Xero's own PDF streamed through the gateway). A record
 * kind (sales orders as invoices, purchase orders, contracts as repeating invoices) describes itself in
 * a `SentDocumentRoutesSpec`; the paths, the lookup through the organisation's handle (another
 * organisation's id is a 404), the send through the engine, and the flash-and-redirect answers are here once.
 */
import { Router, type Request, type Response } from 'express';
import { AppError, NotFoundError } from '../common/errors.js';
import { displayName, type Organisation } from '../common/tenancy.js';
import type { TenantDb } from '../db/tenant-db.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext } from '../http/request-context.js';
import type { OrganisationGateway } from '../xero/index.js';
import type { SyncEngine } from './sync-engine.js';

export interface SentDocumentRoutesSpec<R extends { id: string }> {
  /** The record's pages, e.g. `/sales-orders`; the routes are `<base>/:id/send-to-xero` and so on. */
  base: string;
  /** The sync engine's record kind. */
  kind: string;
  /** For "… not found" (404). */
  noun: string;
  /** The record, read through the organisation's handle. */
  find(tdb: TenantDb, id: string): Promise<R | undefined>;
  /** The sync log's label of a send. */
  label(record: R): string;
  /** Why this record cannot be sent now, in words (flashed; nothing is sent), or null. */
  refuseSend?(record: R): string | null;
  /** Work done in the request before the send is queued (e.g. the files ticked to attach). */
  beforeSend?(tdb: TenantDb, record: R, req: Request): Promise<void>;
  /** What the page says once the send is queued (`joined`: one was already under way). */
  sendingMessage(record: R, joined: boolean): string;
  refresh?: {
    /** Why there is nothing to read yet (flashed), or null. */
    refuse?(record: R): string | null;
    /** Reads the record's document from Xero and answers what the page says. */
    run(tdb: TenantDb, gateway: OrganisationGateway, record: R, now: Date): Promise<string>;
    /** Put before Xero's message when the read fails, e.g. "Could not read the invoice from Xero". */
    failure: string;
  };
  pdf?: {
    /** The path after `<base>/:id/`, e.g. `pdf` or `invoice.pdf`. */
    path: string;
    /** Xero's document id and the file's name, or null when there is no document (404). */
    of(record: R): { xeroId: string; fileName: string } | null;
    fetch(gateway: OrganisationGateway, xeroId: string): Promise<Buffer>;
    /** Put before Xero's message when Xero gives no PDF, e.g. "Xero did not give the invoice’s PDF". */
    failure: string;
    /** For the 404 when there is none, e.g. "invoice". */
    noun: string;
  };
}

export interface SentDocumentRoutesDeps {
  engine: SyncEngine;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  now?: () => Date;
}

/** A file name Xero's number (or ours) can safely be. */
export const pdfFileName = (name: string): string => `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf`;

export function sentDocumentRoutes<R extends { id: string }>(spec: SentDocumentRoutesSpec<R>, deps: SentDocumentRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const pagePath = (id: string) => `${spec.base}/${encodeURIComponent(id)}`;

  async function found(req: Request, res: Response): Promise<R> {
    const record = await spec.find(requestContext(res).tdb, idParam(req));
    if (!record) throw new NotFoundError(spec.noun);
    return record;
  }

  router.post(`${spec.base}/:id/send-to-xero`, async (req, res) => {
    const ctx = requestContext(res);
    const record = await found(req, res);
    const refusal = spec.refuseSend?.(record) ?? null;
    if (refusal) {
      flash(req, 'error', refusal);
      res.redirect(303, pagePath(record.id));
      return;
    }
    await spec.beforeSend?.(ctx.tdb, record, req);
    const { joined } = await deps.engine.forOrganisation(ctx.tdb).enqueue({
      recordKind: spec.kind,
      recordId: record.id,
      recordLabel: spec.label(record),
      requester: { userId: ctx.user.id, name: displayName(ctx.user) },
    });
    deps.engine.worker.wake();
    flash(req, 'success', spec.sendingMessage(record, joined));
    res.redirect(303, pagePath(record.id));
  });

  const { refresh, pdf } = spec;
  if (refresh) {
    router.post(`${spec.base}/:id/refresh-from-xero`, async (req, res) => {
      const ctx = requestContext(res);
      const record = await found(req, res);
      const refusal = refresh.refuse?.(record) ?? null;
      if (refusal) {
        flash(req, 'error', refusal);
      } else {
        try {
          flash(req, 'success', await refresh.run(ctx.tdb, deps.gatewayFor(ctx.organisation), record, now()));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          flash(req, 'error', `${refresh.failure}: ${error.message}`);
        }
      }
      res.redirect(303, pagePath(record.id));
    });
  }

  if (pdf) {
    router.get(`${spec.base}/:id/${pdf.path}`, async (req, res) => {
      const ctx = requestContext(res);
      const record = await found(req, res);
      const doc = pdf.of(record);
      if (!doc) throw new NotFoundError(pdf.noun);
      let bytes: Buffer;
      try {
        bytes = await pdf.fetch(deps.gatewayFor(ctx.organisation), doc.xeroId);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        flash(req, 'error', `${pdf.failure}: ${error.message}`);
        res.redirect(303, pagePath(record.id));
        return;
      }
      res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${doc.fileName}"`, 'Cache-Control': 'private, no-store' });
      res.end(bytes);
    });
  }

  return router;
}
