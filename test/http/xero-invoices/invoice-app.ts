/**
 * The app on a sandbox for invoice tests: the sandbox delivers its signed webhooks to the app's
 * receiver (a loopback server in front of the app), the sync engine and the webhook worker are drained
 * by the test, and Alice, signed in through the app, can also use the sandbox's accountant pages (pay,
 * void) in the same Xero session.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Express } from 'express';
import type { Invoice } from 'xero-node';
import type { Database } from '../../../src/db/database.js';
import { createLogger } from '../../../src/common/logger.js';
import { createXeroWebhooks, type XeroWebhooks } from '../../../src/xero-webhooks/index.js';
import { salesInvoiceEventHandler } from '../../../src/xero-invoices/index.js';
import { contractInvoiceOwner } from '../../../src/xero-contracts/index.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { PageClient } from '../../helpers/accountant-pages.js';
import { csrfFrom, signInThroughApp } from '../../helpers/app-on-sandbox.js';
import { createContact, documentBody, gstLine } from '../../fixtures/documents.js';
import { alice, syncApp, type SyncApp } from '../xero-sync/sync-app.js';

export const WEBHOOK_KEY = 'test-webhook-key';

export interface InvoiceApp {
  h: SandboxHarness;
  sa: SyncApp;
  db: Database;
  webhooks: XeroWebhooks;
  agent: ReturnType<typeof request.agent>;
  org: { id: string; xeroTenantId: string; shortCode: string };
  /** Alice in the sandbox's own web pages (accountant actions). */
  xeroPages: PageClient;
  csrf(): Promise<string>;
  /** Runs the sends, delivers the sandbox's webhooks and handles them. */
  settle(): Promise<void>;
  invoice(invoiceId: string): Promise<Invoice>;
  close(): Promise<void>;
}

export async function startInvoiceApp(
  db: Database,
  options: {
    webhooksToApp?: boolean;
    /** SANDBOX_* settings (e.g. SANDBOX_RATE_LIMITS). */
    sandboxEnv?: Record<string, string>;
    /** The sync engine's options (gateway wrap, owner, timeout…), as syncApp takes them. */
    sync?: Omit<NonNullable<Parameters<typeof syncApp>[2]>, 'webhooks'>;
  } = {},
): Promise<InvoiceApp> {
  const front_: { app?: Express } = {};
  const front: Server = await new Promise((resolve) => {
    const s = http.createServer((req, res) => (front_.app ? front_.app(req, res) : res.writeHead(503).end()));
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/webhooks/xero`;
  const h = await startSandboxHarness({
    env: { ...(options.webhooksToApp === false ? {} : { SANDBOX_WEBHOOK_URL: url, SANDBOX_WEBHOOK_KEY: WEBHOOK_KEY }), ...options.sandboxEnv },
  });
  let webhooks: XeroWebhooks | undefined;
  const sa = syncApp(h, db, {
    ...options.sync,
    webhooks: (xero) => {
      webhooks = createXeroWebhooks({
        db,
        logger: createLogger('silent'),
        key: WEBHOOK_KEY,
        handlers: [salesInvoiceEventHandler({ gatewayFor: (o) => xero.gateway.forOrganisation(o), owners: [contractInvoiceOwner] })],
      });
      return webhooks;
    },
  });
  front_.app = sa.app;
  const agent = request.agent(sa.app);
  const { cookies } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)'] });
  const row = await db('organisations').where({ name: 'Demo Company (AU)' }).first();
  const page = await agent.get('/dashboard');
  await agent
    .post('/organisations/switch')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), organisationId: row.id });
  const xeroPages = new PageClient(h.url, cookies);
  await xeroPages.get('/identity/my-xero');
  const grant = await db('xero_grants').first();
  const hooks = webhooks!;
  return {
    h,
    sa,
    db,
    webhooks: hooks,
    agent,
    org: { id: String(row.id), xeroTenantId: String(row.xero_tenant_id), shortCode: String(row.short_code) },
    xeroPages,
    csrf: async () => csrfFrom((await agent.get('/dashboard')).text),
    async settle() {
      await sa.sync.engine.worker.drain();
      await h.accountingControls?.flushWebhooks();
      await hooks.worker.drain();
    },
    async invoice(invoiceId) {
      const tokenSet = (await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet;
      const client = h.xeroClient();
      client.setTokenSet(tokenSet);
      const { body } = await client.accountingApi.getInvoice(String(row.xero_tenant_id), invoiceId, 4);
      return body.invoices![0]!;
    },
    async close() {
      await h.close();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}

/** Fills the app's Xero settings cache from the sandbox (accounts, tax rates…), as the settings page's button does. */
export async function refreshSettings(a: InvoiceApp): Promise<void> {
  const res = await a.agent
    .post('/settings/xero/refresh')
    .type('form')
    .send({ _csrf: await a.csrf() });
  if (res.status !== 303) throw new Error(`settings refresh answered ${res.status}`);
}

export const orderHeader = (contactId: string, fields: Record<string, string> = {}) => ({
  contactId,
  number: '',
  projectId: '',
  issueDate: '2026-11-20',
  dueDate: '',
  currency: 'AUD',
  lineAmountTypes: 'Exclusive',
  reference: '',
  notes: '',
  deliveryAddress: '',
  deliveryDate: '',
  deliveryInstructions: '',
  ...fields,
});

/** A sales order made through the app's form; answers its id. */
export async function createOrder(
  a: InvoiceApp,
  contactName: string,
  lines = [gstLine()],
  fields: Record<string, string> = {},
): Promise<{ id: string; contactId: string }> {
  const contactId = await createContact(a.db, a.org.id, contactName);
  const res = await a.agent
    .post('/sales-orders/new')
    .type('form')
    .send(documentBody({ _csrf: await a.csrf(), ...orderHeader(contactId, fields) }, lines));
  if (res.status !== 303) throw new Error(`order form answered ${res.status}: ${res.text.slice(0, 600)}`);
  return { id: String(res.headers.location).split('/').pop() ?? '', contactId };
}

export async function editOrder(a: InvoiceApp, id: string, contactId: string, lines: Record<string, string>[], fields: Record<string, string> = {}) {
  const res = await a.agent
    .post(`/sales-orders/${id}/edit`)
    .type('form')
    .send(documentBody({ _csrf: await a.csrf(), ...orderHeader(contactId, fields) }, lines));
  if (res.status !== 303) throw new Error(`edit answered ${res.status}: ${res.text.slice(0, 600)}`);
}

/** Presses a button on the order's page (its form must be there). */
export async function pressOnOrder(a: InvoiceApp, id: string, action: string) {
  const page = await a.agent.get(`/sales-orders/${id}`);
  if (!page.text.includes(`action="${action}"`)) throw new Error(`no ${action} on the order page`);
  return a.agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
}
