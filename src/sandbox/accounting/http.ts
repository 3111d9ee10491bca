/**
 * The per-request plumbing every Accounting endpoint shares: the caller's access (set by the identity
 * side), scope checks, the tenant-scoped store, idempotency, and writing Xero's response.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { AccessContext, AccountingRouterDeps } from '../identity-accounting-seam.js';
import { IDEMPOTENCY_KEY_MAX, IdempotencyCache } from './idempotency.js';
import { getOrganisationRow, type OrganisationRow } from './organisations.js';
import { QueryParams } from './query.js';
import { replyFromError, sendReply, type ApiReply } from './reply.js';
import { hasScope, type AccessMode, type ScopeArea } from './scopes.js';
import { TenantStore } from './store.js';
import type { JsonObject } from './types.js';
import { envelope, forbidden, XeroHttpError, type Pagination } from './wire.js';

export interface ChangeEvent {
  category: 'CONTACT' | 'INVOICE' | 'CREDITNOTE';
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
  /** Fault injection after a committed write: true when it took the answer over (see faults.ts). */
  afterSave?: (req: Request, res: Response, status: number, send: () => void) => boolean;
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
  return (
    typeof v['tenantId'] === 'string' &&
    typeof v['connectionId'] === 'string' &&
    typeof v['clientId'] === 'string' &&
    typeof v['userId'] === 'string' &&
    Array.isArray(v['scopes']) &&
    v['scopes'].every((s) => typeof s === 'string')
  );
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

const INTERNAL_ERROR: ApiReply = {
  status: 500,
  json: {
    ErrorNumber: 500,
    Type: 'InternalServerError',
    Message: 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
  },
};

async function execute(
  rt: ApiRuntime,
  req: Request,
  access: AccessContext,
  body: Buffer | undefined,
  handler: Handler,
): Promise<{ reply: ApiReply; events: ChangeEvent[] }> {
  try {
    const org = await getOrganisationRow(rt.deps.db, access.tenantId);
    if (!org) throw forbidden('AuthenticationUnsuccessful');
    const nowMs = rt.deps.clock.now();
    const call: ApiCall = {
      req,
      access,
      org,
      nowMs,
      body,
      events: [],
      rt,
      store: new TenantStore(rt.deps.db, org.tenant_id),
      query: new QueryParams(req.query),
      ok: (collection, items, pagination) => ({ status: 200, json: envelope(rt.providerName, nowMs, collection, items, pagination) }),
    };
    return { reply: await handler(call), events: call.events };
  } catch (error) {
    if (error instanceof XeroHttpError) return { reply: replyFromError(error), events: [] };
    console.error('sandbox accounting: unexpected error', error);
    return { reply: INTERNAL_ERROR, events: [] };
  }
}

/** Wraps an endpoint: scope check, tenant, idempotency, webhooks, Xero-shaped errors. */
export function route(rt: ApiRuntime, area: ScopeArea, mode: AccessMode, handler: Handler): RequestHandler {
  return async (req, res) => {
    const body = requestBody(req);
    let access: AccessContext;
    try {
      access = accessOf(res);
      if (!hasScope(access.scopes, area, mode)) throw forbidden();
    } catch (error) {
      return sendReply(res, error instanceof XeroHttpError ? replyFromError(error) : INTERNAL_ERROR);
    }
    const key = req.header('Idempotency-Key');
    if (key === undefined || key === '' || (req.method !== 'PUT' && req.method !== 'POST')) {
      const { reply, events } = await execute(rt, req, access, body, handler);
      if (events.length > 0) rt.changes.publish(access.tenantId, events, `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`);
      return answer(rt, req, res, reply);
    }
    if (key.length > IDEMPOTENCY_KEY_MAX) {
      return sendReply(res, {
        status: 400,
        json: { ErrorNumber: 10, Type: 'ValidationException', Message: `Idempotency-Key must be ${IDEMPOTENCY_KEY_MAX} characters or fewer.` },
      });
    }
    const fingerprint = IdempotencyCache.fingerprint(req.method, req.originalUrl, body);
    const reply = await rt.idempotency.run(access.connectionId, key, fingerprint, async () => {
      const outcome = await execute(rt, req, access, body, handler);
      if (outcome.events.length > 0) rt.changes.publish(access.tenantId, outcome.events, `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`);
      return outcome.reply;
    });
    answer(rt, req, res, reply);
  };
}

function answer(rt: ApiRuntime, req: Request, res: Response, reply: ApiReply): void {
  if (rt.afterSave?.(req, res, reply.status, () => sendReply(res, reply))) return;
  sendReply(res, reply);
}
