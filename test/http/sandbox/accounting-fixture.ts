/**
 * An Accounting API on a loopback port with a fake `authenticate` (the identity side's job), an
 * in-memory SQLite DB and a ManualClock, driven through the real xero-node SDK.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import knex, { type Knex } from 'knex';
import { XeroClient } from 'xero-node';
import {
  ManualClock,
  type AccessContext,
  type OrganisationSeed,
  type RateLimitSettings,
  type SandboxOrganisation,
} from '../../../src/sandbox/identity-accounting-seam.js';
import { accountingSide, createAccountingRouter, type AccountingRouter, type AccountingRouterOptions } from '../../../src/sandbox/accounting/index.js';
import { expectValidXero } from '../../helpers/xero-openapi.js';

export const ALL_SCOPES = ['accounting.contacts', 'accounting.invoices', 'accounting.payments', 'accounting.settings', 'accounting.attachments'];
export const GENEROUS_LIMITS: RateLimitSettings = { minute: 100_000, day: 1_000_000, concurrent: 1000, appMinute: 1_000_000 };

export interface FixtureOptions {
  countryCode?: OrganisationSeed['countryCode'];
  rateLimits?: RateLimitSettings;
  timeScale?: number;
  webhookUrl?: string;
  webhookKey?: string;
  extra?: Partial<AccountingRouterOptions>;
}

export interface Fixture {
  url: string;
  apiBase: string;
  db: Knex;
  clock: ManualClock;
  org: SandboxOrganisation;
  tenantId: string;
  router: AccountingRouter;
  /** Scopes the fake identity side grants; tests may change them. */
  scopes: string[];
  /** Tenants the fake identity side lets this caller use. */
  tenants: Set<string>;
  xero: XeroClient;
  addOrganisation(seed: OrganisationSeed): Promise<SandboxOrganisation>;
  /** Raw HTTP call with the test token; returns status, headers and parsed JSON (or text). */
  call(method: string, path: string, init?: { body?: string | Buffer; headers?: Record<string, string>; tenantId?: string }): Promise<RawResult>;
  close(): Promise<void>;
}

export interface RawResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  bytes: Buffer;
}

export async function startAccounting(options: FixtureOptions = {}): Promise<Fixture> {
  const db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  await accountingSide.ensureSchema(db);
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 9, 0, 0));
  const org = await accountingSide.createOrganisation(db, { name: 'Demo Company (AU)', countryCode: options.countryCode ?? 'AU' }, clock.now());
  const scopes = [...ALL_SCOPES];
  const tenants = new Set([org.tenantId]);
  const router = createAccountingRouter({
    db,
    clock,
    rateLimits: options.rateLimits ?? GENEROUS_LIMITS,
    timeScale: options.timeScale ?? 1,
    webhooks: { url: options.webhookUrl, key: options.webhookKey ?? 'test-webhook-key' },
    authenticate: (req, res, next) => {
      const tenantId = req.header('xero-tenant-id') ?? '';
      if (req.header('Authorization') !== 'Bearer test-token') {
        res.status(401).json({ Title: 'Unauthorized', Status: 401, Detail: 'TokenInvalid: signature' });
        return;
      }
      if (!tenants.has(tenantId) && !req.path.startsWith('/sandbox-admin')) {
        res.status(403).json({ Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' });
        return;
      }
      const access: AccessContext = {
        userId: 'user-1',
        clientId: 'client-1',
        scopes: [...scopes],
        tenantId: tenantId || org.tenantId,
        connectionId: `conn-${tenantId || org.tenantId}`,
      };
      res.locals['access'] = access;
      next();
    },
    ...options.extra,
  });
  const app = express();
  app.use('/api.xro/2.0', router);
  app.use(accountingSide.createWebRouter?.({ db }) ?? express.Router());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiBase = `${url}/api.xro/2.0`;
  const xero = new XeroClient({ clientId: 'x', clientSecret: 'y', redirectUris: ['http://localhost/cb'], scopes: ['openid'] });
  xero.accountingApi.basePath = apiBase;
  await xero.setTokenSet({ access_token: 'test-token', token_type: 'Bearer', expires_at: Math.floor(Date.now() / 1000) + 3600 });

  return {
    url,
    apiBase,
    db,
    clock,
    org,
    tenantId: org.tenantId,
    router,
    scopes,
    tenants,
    xero,
    addOrganisation: async (seed) => {
      const added = await accountingSide.createOrganisation(db, seed, clock.now());
      tenants.add(added.tenantId);
      return added;
    },
    call: async (method, path, init = {}) => {
      const response = await fetch(`${apiBase}${path}`, {
        method,
        ...(init.body !== undefined ? { body: init.body } : {}),
        headers: { Authorization: 'Bearer test-token', 'xero-tenant-id': init.tenantId ?? org.tenantId, Accept: 'application/json', ...init.headers },
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const text = bytes.toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      validateXeroJson(json);
      return { status: response.status, headers: response.headers, text, json, bytes };
    },
    close: async () => {
      await router.accounting.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}

const COLLECTIONS = [
  'Contacts',
  'Invoices',
  'CreditNotes',
  'Allocations',
  'PurchaseOrders',
  'Quotes',
  'RepeatingInvoices',
  'Payments',
  'Items',
  'Accounts',
  'TaxRates',
  'BrandingThemes',
  'TrackingCategories',
  'Currencies',
  'Organisations',
  'Attachments',
  'HistoryRecords',
  'OnlineInvoices',
  'Actions',
];

/** Every Xero JSON body a test receives is checked against Xero's schema (admin JSON is not Xero's). */
export function validateXeroJson(json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  if ('ErrorNumber' in json) return expectValidXero('Error', json);
  const collection = COLLECTIONS.find((c) => c in json);
  if (collection) expectValidXero(collection, json);
}

export interface SdkFailure {
  statusCode: number;
  body: unknown;
  headers: Record<string, string>;
}

/** xero-node rejects with a JSON string; this awaits the rejection and parses it. */
export async function sdkFailure(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise;
  } catch (error) {
    const parsed: unknown = JSON.parse(typeof error === 'string' ? error : JSON.stringify(error));
    const response = (parsed as { response?: { statusCode?: number; body?: unknown; headers?: Record<string, string> } }).response;
    validateXeroJson(response?.body);
    return { statusCode: response?.statusCode ?? 0, body: response?.body, headers: response?.headers ?? {} };
  }
  throw new Error('Expected the SDK call to fail');
}

/** The raw JSON Xero sent (the SDK's `response.data`), checked against Xero's schema. */
export function wireBody(result: { response: { data?: unknown } }, schema: string): Record<string, unknown> {
  const data = result.response.data;
  expectValidXero(schema, data);
  if (typeof data !== 'object' || data === null) throw new Error('no JSON body');
  return data as Record<string, unknown>;
}

export function firstOf(body: Record<string, unknown>, collection: string): Record<string, unknown> {
  const list = body[collection];
  if (!Array.isArray(list) || typeof list[0] !== 'object' || list[0] === null) throw new Error(`no ${collection} in body`);
  return list[0] as Record<string, unknown>;
}
