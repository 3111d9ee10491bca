/**
 * The Accounting API router (mounted at /api.xro/2.0): identity's authenticate, rate limits, fault
 * injection, raw body (3.5 MB; 10 MB for attachments), the endpoints, then Xero's 404 and errors.
 */
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { AccountingRouterDeps } from '../identity-accounting-seam.js';
import { mountAdminRoutes } from './admin-routes.js';
import { mountAttachmentRoutes } from './attachments-routes.js';
import { mountContactRoutes } from './contacts-routes.js';
import { mountCreditNoteRoutes } from './credit-notes-routes.js';
import { FaultInjector, type FaultSettings } from './faults.js';
import { mountHistoryRoutes } from './history-routes.js';
import type { ApiRuntime } from './http.js';
import { IdempotencyCache } from './idempotency.js';
import { mountInvoiceRoutes } from './invoices-routes.js';
import { mountItemRoutes } from './items-routes.js';
import { mountPaymentRoutes } from './payments-routes.js';
import { mountPurchaseOrderRoutes, mountQuoteRoutes } from './simple-documents-routes.js';
import { RateLimiter } from './rate-limit.js';
import { mountRepeatingInvoiceRoutes } from './repeating-invoices-routes.js';
import { ScheduleClock } from './schedule-clock.js';
import { mountSettingsRoutes } from './settings-routes.js';
import { WebhookDispatcher, type WebhookOptions } from './webhooks.js';
import { replyFromError, sendReply } from './reply.js';
import { NOT_FOUND_TEXT, XeroHttpError } from './wire.js';

export const MAX_BODY_BYTES = 3.5 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Optional extras beyond the shared contract (all have defaults). */
export interface AccountingRouterOptions extends AccountingRouterDeps {
  providerName?: string;
  faults?: Partial<FaultSettings>;
  webhookOptions?: WebhookOptions;
  /** Randomness for fault injection (tests make it deterministic). */
  random?: () => number;
  /** How often (real ms) the schedule clock looks for due repeating invoices; default 60 s / timeScale, at least 200 ms. */
  scheduleTickMs?: number;
}

export interface AccountingControls {
  webhooks: WebhookDispatcher;
  faults: FaultInjector;
  /** Xero's clock running repeating invoices. */
  schedules: ScheduleClock;
  /** Delivers pending webhooks, then stops them (shutdown). */
  stop(): Promise<void>;
}

export type AccountingRouter = Router & { accounting: AccountingControls };

export function createAccountingRouter(deps: AccountingRouterOptions): AccountingRouter {
  const webhooks = new WebhookDispatcher(deps.webhooks, deps.webhookOptions);
  const faults = new FaultInjector(deps.faults ?? {}, deps.random);
  const rt: ApiRuntime = {
    deps,
    providerName: deps.providerName ?? 'Ledgerside',
    idempotency: new IdempotencyCache(deps.clock),
    changes: webhooks,
    afterSave: (req, res, status, send) => faults.afterSave(req, res, status, send),
  };
  const limiter = new RateLimiter(deps.rateLimits, deps.timeScale, deps.clock);
  // The public API base as callers reach it, for events raised outside a request (the clock).
  let apiBase: string | undefined;
  const schedules = new ScheduleClock({ db: deps.db, clock: deps.clock, timeScale: deps.timeScale, changes: webhooks, apiBase: () => apiBase });
  schedules.start(deps.scheduleTickMs ?? Math.max(200, Math.min(60_000, Math.round(60_000 / deps.timeScale))));
  const router = express.Router({ caseSensitive: false });
  const admin = express.Router();
  // Admin calls are never subject to the after-save faults.
  mountAdminRoutes(admin, { ...rt, afterSave: undefined }, { webhooks, faults, schedules });

  router.use((req, _res, next) => {
    apiBase ??= `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
    next();
  });
  router.use(deps.authenticate);
  router.use('/sandbox-admin', express.raw({ type: () => true, limit: MAX_BODY_BYTES }), admin);
  // Rate limits first: injected latency then counts as time in flight, as a slow Xero would.
  router.use(limiter.middleware());
  router.use(faults.middleware());
  router.use((req, res, next) => {
    const limit = /\/Attachments\//i.test(req.path) ? MAX_ATTACHMENT_BYTES : MAX_BODY_BYTES;
    express.raw({ type: () => true, limit })(req, res, next);
  });
  mountSettingsRoutes(router, rt);
  mountItemRoutes(router, rt);
  mountContactRoutes(router, rt, (tenantId) => schedules.today(tenantId));
  mountInvoiceRoutes(router, rt);
  mountCreditNoteRoutes(router, rt);
  mountPaymentRoutes(router, rt);
  mountPurchaseOrderRoutes(router, rt);
  mountQuoteRoutes(router, rt);
  mountRepeatingInvoiceRoutes(router, rt);
  mountAttachmentRoutes(router, rt);
  mountHistoryRoutes(router, rt);
  router.use((_req, res) => {
    res.status(404).type('text/plain; charset=utf-8').send(NOT_FOUND_TEXT);
  });
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    if (res.headersSent) return;
    if (error instanceof XeroHttpError) sendReply(res, replyFromError(error));
    else if (status === 413) res.status(413).type('text/plain; charset=utf-8').send('The request body is larger than Xero accepts (3.5 MB).');
    else if (status >= 400 && status < 500)
      res.status(status).json({ ErrorNumber: 14, Type: 'PostDataInvalidException', Message: 'The request body could not be read.' });
    else {
      console.error('sandbox accounting: unhandled error', error);
      res.status(500).json({ ErrorNumber: 500, Type: 'InternalServerError', Message: 'An error occurred in Xero.' });
    }
  };
  router.use(onError);
  const controls: AccountingControls = {
    webhooks,
    faults,
    schedules,
    stop: async () => {
      schedules.stop();
      faults.releaseHeld();
      await Promise.race([webhooks.flush(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      webhooks.stop();
    },
  };
  return Object.assign(router, { accounting: controls });
}
