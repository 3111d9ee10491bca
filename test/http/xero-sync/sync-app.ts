/**
 * The app on a sandbox with the sync engine under the test's control: its worker is not started, tests
 * drain it (`sync.engine.worker.drain()`), and its clock can be moved. `calls` counts the gateway
 * methods the engine called, by name; `xeroContacts()` reads the organisation's contacts back from the
 * sandbox through xero-node with the app's own token.
 */
import { tenantLimiter } from '../../../src/xero/rate-limiter.js';
import request from 'supertest';
import type { Express } from 'express';
import type { Contact as XeroContact } from 'xero-node';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/common/logger.js';
import type { Database } from '../../../src/db/database.js';
import { createXeroServices, type XeroServices } from '../../../src/xero/xero-services.js';
import { organisationXeroStatus } from '../../../src/organisations/index.js';
import { xeroIdentity } from '../../../src/xero/xero-identity.js';
import type { GatewayOrganisation, OrganisationGateway, XeroGateway } from '../../../src/xero/xero-gateway.js';
import { contactChangedVia, createXeroSync, type XeroSync } from '../../../src/xero-sync/index.js';
import { salesInvoiceEventHandler, salesInvoiceHandler, salesOrderBulkSource } from '../../../src/xero-invoices/index.js';
import { contractInvoiceOwner, contractRepeatingInvoiceHandler } from '../../../src/xero-contracts/index.js';
import { contactEventHandler, createXeroWebhooks, type XeroWebhooks } from '../../../src/xero-webhooks/index.js';
import { recordCompletedSends } from '../../../src/audit/index.js';
import type { SandboxHarness } from '../../helpers/sandbox-harness.js';
import { csrfFrom, sandboxAppConfig, signInThroughApp } from '../../helpers/app-on-sandbox.js';

export const alice = { email: 'alice@example.com', firstName: 'Alice', lastName: 'Accountant' };

export interface SyncApp {
  app: Express;
  xero: XeroServices;
  sync: XeroSync;
  /** The app's webhook receiver and worker (key: the config's XERO_WEBHOOK_KEY); tests drain it. */
  webhooks?: XeroWebhooks;
  calls: Map<string, number>;
  /** The engine's clock: real time plus what tests have advanced it by. */
  clock: { offset: number; advance(ms: number): void };
}

/** Counts every gateway method call by name, passing it through. */
export function countingGateway(
  real: XeroGateway,
  calls: Map<string, number>,
  wrap: (org: OrganisationGateway, organisation: GatewayOrganisation) => OrganisationGateway = (g) => g,
): XeroGateway {
  return {
    forOrganisation(organisation) {
      const inner = wrap(real.forOrganisation(organisation), organisation);
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function' || typeof prop !== 'string') return value;
          return (...args: unknown[]) => {
            calls.set(prop, (calls.get(prop) ?? 0) + 1);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  };
}

export function syncApp(
  h: SandboxHarness,
  db: Database,
  options: {
    wrap?: (org: OrganisationGateway, organisation: GatewayOrganisation) => OrganisationGateway;
    owner?: string;
    timeoutMs?: number;
    /**
     * How far Xero's ID tokens may be off the app's clock (default an hour): tests that move the sandbox's
     * clock a day on (its daily limit) let the refreshed token's times be a day ahead of the real clock.
     */
    clockToleranceSeconds?: number;
    /** Engine slots and per-organisation share (bulk tests). */
    concurrency?: number;
    perOrganisation?: number;
    /** Webhook receiver and worker (tests drain it); the app builds its own when absent. */
    webhooks?: (xero: XeroServices) => XeroWebhooks;
  } = {},
): SyncApp {
  const config = sandboxAppConfig(h);
  const logger = createLogger('silent');
  const xero = createXeroServices(config, db, logger, {
    organisationStatus: organisationXeroStatus(db),
    identity: xeroIdentity(config.xero, { clockToleranceSeconds: options.clockToleranceSeconds ?? 3600 }),
    // Functional tests count calls in real time: the pacer (the default on PostgreSQL) is tested on its own.
    limiter: tenantLimiter(5),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const calls = new Map<string, number>();
  const clock = {
    offset: 0,
    advance(ms: number) {
      clock.offset += ms;
    },
  };
  const sync = createXeroSync(db, countingGateway(xero.gateway, calls, options.wrap), logger, {
    webUrl: config.xero.webUrl,
    handlers: [salesInvoiceHandler({ appUrl: config.appUrl }), contractRepeatingInvoiceHandler],
    // As server.ts wires it: finished sends are audit entries.
    onFinished: recordCompletedSends,
    sources: [salesOrderBulkSource],
    now: () => new Date(Date.now() + clock.offset),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.perOrganisation ? { perOrganisation: options.perOrganisation } : {}),
  });
  const gateway = countingGateway(xero.gateway, calls, options.wrap);
  const webhooks = options.webhooks
    ? options.webhooks(xero)
    : createXeroWebhooks({
        db,
        logger,
        key: config.xero.webhookKey,
        handlers: [
          salesInvoiceEventHandler({ gatewayFor: (org) => gateway.forOrganisation(org), owners: [contractInvoiceOwner] }),
          contactEventHandler({ contactChanged: contactChangedVia(gateway) }),
        ],
      });
  const app = createApp({ config, db, logger, xero, xeroSync: sync, xeroWebhooks: webhooks, sessionCleanupIntervalMs: 0, refreshXeroSettingsOnConnect: false });
  return { app, xero, sync, webhooks, calls, clock };
}

export async function signedIn(sa: SyncApp, h: SandboxHarness, db: Database, organisations = ['Demo Company (AU)']) {
  const agent = request.agent(sa.app);
  await signInThroughApp(agent, h, { ...alice, organisations });
  const org = await db('organisations').where({ name: organisations[0] }).first();
  const page = await agent.get('/dashboard');
  await agent
    .post('/organisations/switch')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), organisationId: org.id });
  return { agent, org: { id: String(org.id), xeroTenantId: String(org.xero_tenant_id), name: String(org.name) } };
}

/** The organisation's contacts as the sandbox has them, read through xero-node with the app's token. */
export async function xeroContacts(sa: SyncApp, h: SandboxHarness, db: Database, tenantId: string): Promise<XeroContact[]> {
  const grant = await db('xero_grants').first();
  const tokenSet = (await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet;
  const client = h.xeroClient();
  client.setTokenSet(tokenSet);
  const { body } = await client.accountingApi.getContacts(tenantId, undefined, undefined, 'Name ASC', undefined, 1, true, false, undefined, 1000);
  return body.contacts ?? [];
}

/** Presses a button (a POST form with CSRF) on the page at `pagePath`. */
export async function press(agent: ReturnType<typeof request.agent>, pagePath: string, action: string, fields: Record<string, string> = {}) {
  const page = await agent.get(pagePath);
  if (!page.text.includes(`action="${action}"`)) throw new Error(`no form posting to ${action} on ${pagePath}`);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

/** A call to the sandbox's own API (e.g. its sandbox-admin fault settings) with the app's token for this organisation. */
export async function sandboxCall(
  sa: SyncApp,
  h: SandboxHarness,
  db: Database,
  tenantId: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const grant = await db('xero_grants').first();
  const token = (await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet.access_token;
  const res = await fetch(`${h.apiBasePath}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': tenantId, accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/**
 * Spends the organisation's Xero calls for the day (GET /Organisation with the app's token, which counts
 * like any call) until the sandbox says `left` remain; answers how many it spent.
 */
export async function spendDayDownTo(sa: SyncApp, h: SandboxHarness, db: Database, tenantId: string, left: number): Promise<number> {
  const grant = await db('xero_grants').first();
  const token = (await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet.access_token;
  for (let spent = 1; ; spent++) {
    const res = await fetch(`${h.apiBasePath}/Organisation`, { headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': tenantId } });
    await res.arrayBuffer();
    const remaining = Number(res.headers.get('x-daylimit-remaining'));
    if (!Number.isFinite(remaining) || res.status !== 200) throw new Error(`GET /Organisation answered ${res.status} with no day count`);
    if (remaining <= left) return spent;
  }
}
