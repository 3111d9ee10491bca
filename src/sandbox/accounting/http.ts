/**
 * The per-request plumbing every Accounting endpoint shares: the caller's access (set by the identity
 * side), scope checks, the tenant-scoped store, idempotency, and writing Xero's response.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { AccessContext, AccountingRouterDeps } from '../contracts.js';
import { IDEMPOTENCY_KEY_MAX, IdempotencyCache } from './idempotency.js';
import { getOrganisationRow, type OrganisationRow } from './organisations.js';
import { QueryParams } from './query.js';
import { replyFromError, sendReply, type ApiReply } from './reply.js';
import { hasScope, type AccessMode, type ScopeArea } from './scopes.js';
import { TenantStore } from './store.js';
import type { JsonObject } from './types.js';
import { envelope, forbidden, XeroHttpError, type Pagination } from './wire.js';

export interface ChangeEvent {
  category: 'CONTACT' | 'INVOICE';
  type: 'CREATE' | 'UPDATE';
  resourceId: string;
  atMs: number;
}

export interface ChangeSink {
  /** `apiBase` is the Accounting API's public base, for the events' resourceUrl. */
  publish(tenantId: string, events: ChangeEvent[], apiBase?: string): void;
}

export interface ApiRuntime {
  deps: AccountingRouterDeps;
  providerName: string;
  idempotency: IdempotencyCache;
  changes: ChangeSink;
}

export interface ApiCall {
  req: Request;
  access: AccessContext;
  org: OrganisationRow;
  store: TenantStore;
  query: QueryParams;
  nowMs: number;
  /** Raw request body (JSON text or attachment bytes). */
  body: Buffer | undefined;
  /** Changes to announce by webhook once the response is decided. */
  events: ChangeEvent[];
  rt: ApiRuntime;
  /** Xero's envelope around `items` of `collection`. */
  ok(collection: string, items: JsonObject[], pagination?: Pagination): ApiReply;
}

function isAccessContext(value: unknown): value is AccessContext {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['tenantId'] === 'string' && typeof v['connectionId'] === 'string' && typeof v['clientId'] === 'string'
    && typeof v['userId'] === 'string' && Array.isArray(v['scopes']) && v['scopes'].every((s) => typeof s === 'string');
}

export function accessOf(res: Response): AccessContext {
  const access: unknown = res.locals['access'];
  if (!isAccessContext(access)) throw forbidden('AuthenticationUnsuccessful');
  return access;
}

export function requestBody(req: Request): Buffer | undefined {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? body : undefined;
}

export type Handler = (call: ApiCall) => Promise<ApiReply>;

/** Wraps an endpoint: scope check, tenant, idempotency, webhooks, Xero-shaped errors. */
export function route(rt: ApiRuntime, area: ScopeArea, mode: AccessMode, handler: Handler): RequestHandler {
  return async (req, res) => {
    let reply: ApiReply;
    let events: ChangeEvent[] = [];
    let tenantId = '';
    const key = req.header('Idempotency-Key');
    const body = requestBody(req);
    const idempotent = key !== undefined && key !== '' && (req.method === 'PUT' || req.method === 'POST');
    const fingerprint = idempotent ? IdempotencyCache.fingerprint(req.method, req.originalUrl, body) : '';
    try {
      const access = accessOf(res);
      tenantId = access.tenantId;
      if (!hasScope(access.scopes, area, mode)) throw forbidden();
      if (idempotent) {
        if (key.length > IDEMPOTENCY_KEY_MAX) throw new XeroHttpError(400, { ErrorNumber: 10, Type: 'ValidationException', Message: `Idempotency-Key must be ${IDEMPOTENCY_KEY_MAX} characters or fewer.` });
        const seen = rt.idempotency.lookup(access.connectionId, key, fingerprint);
        if (seen && 'hit' in seen) return sendReply(res, seen.hit);
        if (seen) throw new XeroHttpError(400, { ErrorNumber: 10, Type: 'ValidationException', Message: 'The Idempotency-Key has already been used with a different request.' });
      }
      const org = await getOrganisationRow(rt.deps.db, access.tenantId);
      if (!org) throw forbidden('AuthenticationUnsuccessful');
      const nowMs = rt.deps.clock.now();
      const call: ApiCall = {
        req, access, org, nowMs, body, events: [], rt,
        store: new TenantStore(rt.deps.db, org.tenant_id),
        query: new QueryParams(req.query),
        ok: (collection, items, pagination) => ({ status: 200, json: envelope(rt.providerName, nowMs, collection, items, pagination) }),
      };
      reply = await handler(call);
      events = call.events;
    } catch (error) {
      if (!(error instanceof XeroHttpError)) {
        console.error('sandbox accounting: unexpected error', error);
        reply = { status: 500, json: { ErrorNumber: 500, Type: 'InternalServerError', Message: 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.' } };
      } else {
        reply = replyFromError(error);
      }
    }
    if (idempotent && key.length <= IDEMPOTENCY_KEY_MAX && reply.status !== 403 && reply.status < 500) {
      rt.idempotency.remember(accessOf(res).connectionId, key, fingerprint, reply);
    }
    if (events.length > 0 && tenantId) rt.changes.publish(tenantId, events, `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`);
    sendReply(res, reply);
  };
}
