/**
 * The seam between the sandbox's identity side (users, OAuth/OIDC, connections, its pages) and its
 * Accounting API side (organisations' ledgers, rate limits, idempotency, webhooks, fault injection).
 * Both sides are built against these types; `sandbox-app.ts` composes them. (The demo defaults that
 * used to live here are in `src/demo/demo-defaults.ts`.)
 */
import type { Knex } from 'knex';
import type { RequestHandler, Router } from 'express';

/** Every lifetime in the sandbox (tokens, codes, rate-limit windows, idempotency) reads this clock. */
export interface SandboxClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: SandboxClock = { now: () => Date.now() };

/** A clock tests can move. */
export class ManualClock implements SandboxClock {
  constructor(private ms: number = Date.now()) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

/** What the identity side establishes about an Accounting API call before the API side sees it. */
export interface AccessContext {
  /** The sandbox's Xero user id (xero_userid claim). */
  userId: string;
  /** The OAuth client (the app) the token was issued to. */
  clientId: string;
  /** Scopes granted to the access token, as strings (e.g. "accounting.contacts.read"). */
  scopes: string[];
  /** The organisation from the `xero-tenant-id` header, verified to be connected for this user+app. */
  tenantId: string;
  /** The connection id (as listed by GET /connections). */
  connectionId: string;
}

/** Stored in res.locals.access by the identity side's middleware. */
export interface AccessLocals {
  access: AccessContext;
}

export interface RateLimitSettings {
  /** Calls per connection per minute (Xero: 60). */
  minute: number;
  /** Calls per connection per day (Xero: 5000). */
  day: number;
  /** Calls in flight per connection (Xero: 5). */
  concurrent: number;
  /** Calls per app per minute across tenants (Xero: 10000). */
  appMinute: number;
}

export interface WebhookSettings {
  /** Where signed deliveries go; undefined = webhooks off. */
  url: string | undefined;
  /** HMAC-SHA256 key shared with the app. */
  key: string;
}

export interface OrganisationSeed {
  name: string;
  /** AU | NZ | GB | US (Xero's CountryCode values). */
  countryCode: 'AU' | 'NZ' | 'GB' | 'US';
}

export interface SandboxOrganisation {
  tenantId: string;
  name: string;
  shortCode: string;
  countryCode: string;
  baseCurrency: string;
}

/** What the Accounting API side offers the rest of the sandbox. */
export interface AccountingSide {
  /** Creates the API side's tables if they do not exist (idempotent). */
  ensureSchema(db: Knex): Promise<void>;
  /**
   * Creates an organisation with a realistic ledger for its region (accounts, tax rates, items, contacts,
   * ...), its records stamped `nowMs` (the sandbox's clock, so If-Modified-Since agrees with it).
   */
  createOrganisation(db: Knex, seed: OrganisationSeed, nowMs?: number): Promise<SandboxOrganisation>;
  getOrganisation(db: Knex, tenantId: string): Promise<SandboxOrganisation | undefined>;
  /**
   * The router mounted at `/api.xro/2.0`. `authenticate` is the identity side's middleware: it answers
   * 401/403 itself or sets res.locals.access (AccessLocals) and calls next().
   */
  createRouter(deps: AccountingRouterDeps): Router;
  /**
   * Xero's web app stand-in, mounted at the sandbox origin's root (not under /api.xro/2.0):
   * `GET /organisationlogin/default.aspx?shortcode=…&redirecturl=…` renders the record a deep link
   * points at, and the online-invoice pages that `GET /Invoices/{id}/OnlineInvoice` links to.
   */
  createWebRouter?(deps: AccountingWebRouterDeps): Router;
  /** Webhook flush/stop for a router made by createRouter (tests, graceful shutdown). */
  controls?(router: Router): AccountingControls | undefined;
}

export interface AccountingWebRouterDeps {
  db: Knex;
}

export interface AccountingControls {
  /** Resolves once every webhook published so far is delivered (or given up on). */
  flushWebhooks(): Promise<void>;
  /** Delivers what it can within a couple of seconds, then stops webhook deliveries. */
  stop(): Promise<void>;
}

export interface AccountingRouterDeps {
  db: Knex;
  clock: SandboxClock;
  authenticate: RequestHandler;
  rateLimits: RateLimitSettings;
  /** 60 makes a rate-limit "minute" last one second. */
  timeScale: number;
  webhooks: WebhookSettings;
}
