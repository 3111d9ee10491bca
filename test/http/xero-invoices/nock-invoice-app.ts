/**
 * The whole app with "Xero" answered by nock on a loopback origin (nothing listens there: an unmatched
 * call is refused, it never leaves the machine): an organisation connected with a stored token set, its
 * settings cache and Xero defaults, a signed-in user, and the sync engine with the sales invoice handler
 * under the test's control (its worker is drained by the test, its clock moved). For tests of the exact
 * invoice JSON xero-node sends and of each refusal Xero can give, read back through the order's page and
 * the sync log.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/db/database.js';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/common/logger.js';
import { tenantLimiter } from '../../../src/xero/rate-limiter.js';
import { createXeroServices } from '../../../src/xero/xero-services.js';
import { toStoredTokenSet } from '../../../src/xero/token-store.js';
import { organisationXeroStatus } from '../../../src/organisations/index.js';
import { createXeroSync, type XeroSync } from '../../../src/xero-sync/index.js';
import { salesInvoiceHandler } from '../../../src/xero-invoices/index.js';
import { createTestOrganisation, signedInAgent, type SignedIn, type TestOrganisation } from '../../helpers/signed-in.js';
import { testConfig } from '../../helpers/test-app.js';
import { mintingIdentity } from '../../helpers/xero-sync-fixture.js';
import { orderHeader } from './invoice-app.js';
import { csrfFrom } from '../../helpers/app-on-sandbox.js';
import { createContact, documentBody, seedSalesSettings, type SalesSettings } from '../../fixtures/documents.js';

/** Loopback, port 9 (discard): nock answers; without a matching interceptor the call is refused locally. */
export const XERO_ORIGIN = 'http://127.0.0.1:9';
export const API_PATH = '/api.xro/2.0';
export const APP_URL = 'http://localhost:3999';
export const BRANDING_THEME_ID = '5d4e3c2b-0000-4000-8000-00000000b001';

export interface NockInvoiceApp {
  db: Database;
  org: TestOrganisation;
  signedIn: SignedIn;
  settings: SalesSettings;
  sync: XeroSync;
  clock: { now: number; advance(ms: number): void };
  refreshes(): number;
  /** The access token the app holds now (changes when it is refreshed). */
  accessToken(): Promise<string>;
  /** A sales order made through the app's form; answers its id. */
  createOrder(contactId: string, lines: Record<string, string>[], fields?: Record<string, string>): Promise<string>;
  editOrder(id: string, contactId: string, lines: Record<string, string>[], fields?: Record<string, string>): Promise<void>;
  /** Presses Send to Xero on the order's page (a second later on the engine's clock than anything before) and runs the engine until nothing is due. */
  send(id: string): Promise<void>;
  /** The order's last send, as the engine keeps it. */
  lastOperation(id: string): Promise<Record<string, unknown>>;
  contact(name: string, extra?: Record<string, unknown>): Promise<string>;
}

export interface NockInvoiceAppOptions {
  invoiceNumbering?: 'xero' | 'sales_order';
  backoff?: { maxAttempts: number; baseMs: number; maxMs: number };
}

export async function nockInvoiceApp(db: Database, options: NockInvoiceAppOptions = {}): Promise<NockInvoiceApp> {
  const config = testConfig({
    XERO_CLIENT_ID: 'client-id',
    XERO_CLIENT_SECRET: 'client-secret',
    XERO_REDIRECT_URI: 'http://localhost:3999/auth/xero/callback',
    XERO_ISSUER_URL: XERO_ORIGIN,
    XERO_API_URL: `${XERO_ORIGIN}${API_PATH}`,
    XERO_WEB_URL: XERO_ORIGIN,
    APP_URL,
  });
  const logger = createLogger('silent');
  const { identity, refreshes } = mintingIdentity(config);
  const xero = createXeroServices(config, db, logger, { organisationStatus: organisationXeroStatus(db), identity, limiter: tenantLimiter(5) });
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const sync = createXeroSync(db, xero.gateway, logger, {
    webUrl: config.xero.webUrl,
    handlers: [salesInvoiceHandler({ appUrl: config.appUrl })],
    now: () => new Date(clock.now),
    random: () => 0.5,
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const app = createApp({ config, db, logger, sessionCleanupIntervalMs: 0, xero, xeroSync: sync, refreshXeroSettingsOnConnect: false });

  const org = await createTestOrganisation(db, 'Harbour Trading');
  const settings = await seedSalesSettings(db, org.id);
  const scoped = { organisation_id: org.id };
  await db('xero_currencies').insert({ ...scoped, code: 'USD', description: 'United States Dollar' });
  await db('xero_branding_themes').insert({ ...scoped, branding_theme_id: BRANDING_THEME_ID, name: 'Standard', type: 'INVOICE', sort_order: 0 });
  const at = new Date().toISOString();
  await db('xero_settings_sync').insert(
    ['accounts', 'tax_rates', 'currencies', 'items', 'tracking_categories', 'branding_themes'].map((kind) => ({ ...scoped, kind, last_refreshed_at: at })),
  );
  await db('xero_defaults').insert({
    ...scoped,
    invoice_status: 'AUTHORISED',
    sales_account_code: '200',
    sales_tax_type: 'OUTPUT',
    branding_theme_id: BRANDING_THEME_ID,
    due_date_rule: 'days_after_invoice',
    due_days: 14,
    invoice_numbering: options.invoiceNumbering ?? 'xero',
    updated_at: at,
  });

  const signedIn = await signedInAgent(app, db, [org]);
  const grantId = await xero.tokenStore.saveConsent(
    signedIn.userId,
    toStoredTokenSet({ access_token: 'access-0', refresh_token: 'refresh-0', expires_in: 1800 }, Date.now()),
    new Date(),
  );
  await db('xero_connections').insert({ id: randomUUID(), organisation_id: org.id, grant_id: grantId, status: 'active' });

  const { agent } = signedIn;

  return {
    db,
    org,
    signedIn,
    settings,
    sync,
    clock,
    refreshes,
    accessToken: async () => (await xero.tokenStore.find(grantId))!.tokenSet.access_token,
    async createOrder(contactId, lines, fields = {}) {
      const res = await agent
        .post('/sales-orders/new')
        .type('form')
        .send(documentBody({ _csrf: await signedIn.csrf(), ...orderHeader(contactId, fields) }, lines));
      if (res.status !== 303) throw new Error(`order form answered ${res.status}: ${res.text.slice(0, 600)}`);
      return String(res.headers.location).split('/').pop() ?? '';
    },
    async editOrder(id, contactId, lines, fields = {}) {
      const res = await agent
        .post(`/sales-orders/${id}/edit`)
        .type('form')
        .send(documentBody({ _csrf: await signedIn.csrf(), ...orderHeader(contactId, fields) }, lines));
      if (res.status !== 303) throw new Error(`edit answered ${res.status}: ${res.text.slice(0, 600)}`);
    },
    async send(id) {
      const page = await agent.get(`/sales-orders/${id}`);
      const action = `/sales-orders/${id}/send-to-xero`;
      if (!page.text.includes(`action="${action}"`)) throw new Error('no Send to Xero on the order page');
      // Each send at its own time, so the last one is the newest by created_at on every dialect.
      clock.advance(1000);
      const res = await agent
        .post(action)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      if (res.status !== 303) throw new Error(`Send to Xero answered ${res.status}`);
      await sync.engine.worker.drain();
    },
    async lastOperation(id) {
      const row: Record<string, unknown> | undefined = await db('xero_sync_operations')
        .where({ organisation_id: org.id, record_kind: 'sales_order', record_id: id })
        .orderBy('created_at', 'desc')
        .first();
      if (!row) throw new Error('the order has no send');
      return row;
    },
    contact: (name, extra = {}) => createContact(db, org.id, name, extra),
  };
}
