/**
 * Driving the sandbox's accountant pages as a browser would (cookie jar, CSRF token read from the
 * page's forms), for a user signed in through the real sign-in and consent pages, plus a loopback
 * webhook receiver that checks each delivery's signature.
 *
 *   const h = await startSandboxHarness({ env: { SANDBOX_WEBHOOK_URL: receiver.url, SANDBOX_WEBHOOK_KEY: key } });
 *   const ann = await signInAccountant(h, { email: 'ann@example.com' });   // Demo Company (AU) only
 *   const res = await ann.pages.get(`/app/${ann.shortCode}/invoices`);       // { status, text, location }
 *   await ann.pages.post(`/app/${ann.shortCode}/invoices/${id}/approve`);    // csrf from the last page
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { XeroClient } from 'xero-node';
import { cookieHeader, defaultScopes, startSandboxHarness, type SandboxHarness } from './sandbox-harness.js';

export interface PageResponse {
  status: number;
  text: string;
  location: string | null;
}

export class PageClient {
  csrf = '';
  constructor(
    private readonly origin: string,
    readonly cookies: Map<string, string>,
  ) {}

  private keepCookies(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      if (pair.slice(eq + 1) === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  async get(path: string): Promise<PageResponse> {
    const res = await fetch(`${this.origin}${path}`, { redirect: 'manual', headers: { cookie: cookieHeader(this.cookies) } });
    this.keepCookies(res);
    const text = await res.text();
    const token = /name="csrf" value="([^"]*)"/.exec(text)?.[1];
    if (token !== undefined) this.csrf = token;
    return { status: res.status, text, location: res.headers.get('location') };
  }

  /** Posts the form with this session's CSRF token unless `csrf` is given (or '' to leave it out). */
  async post(path: string, form: Record<string, string> = {}, csrf: string = this.csrf): Promise<PageResponse> {
    const body = new URLSearchParams({ ...(csrf === '' ? {} : { csrf }), ...form });
    const res = await fetch(`${this.origin}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(this.cookies), 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    this.keepCookies(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }
}

export interface Accountant {
  xero: XeroClient;
  tenantId: string;
  shortCode: string;
  pages: PageClient;
}

export const accountantScopes = [...defaultScopes, 'accounting.payments', 'accounting.attachments'];

/** Signs a new sandbox user in (their first sign-in seeds the demo companies) and connects Demo Company (AU). */
export async function signInAccountant(h: SandboxHarness, who: { email: string; firstName?: string; lastName?: string }): Promise<Accountant> {
  const xero = h.xeroClient({ scopes: accountantScopes });
  const { callbackUrl, cookies } = await h.driveAuthorize(await xero.buildConsentUrl(), {
    email: who.email,
    firstName: who.firstName ?? 'Ann',
    lastName: who.lastName ?? 'Count',
    organisations: ['Demo Company (AU)'],
  });
  const tokenSet = await xero.apiCallback(callbackUrl);
  const [tenant] = await h.connections(tokenSet.access_token ?? '');
  if (!tenant) throw new Error('no organisation connected');
  const org = (await xero.accountingApi.getOrganisations(tenant.tenantId)).body.organisations?.[0];
  const pages = new PageClient(h.url, cookies);
  await pages.get('/identity/my-xero');
  return { xero, tenantId: tenant.tenantId, shortCode: org?.shortCode ?? '', pages };
}

export interface WebhookEvent {
  eventCategory: string;
  eventType: string;
  resourceId: string;
  resourceUrl: string;
  tenantId: string;
}

/** Receives signed deliveries on loopback; unsigned or wrongly signed ones are refused with 401. */
export async function startWebhookReceiver(key: string) {
  const events: WebhookEvent[] = [];
  const app = express();
  app.post('/webhooks', express.raw({ type: () => true }), (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const expected = Buffer.from(createHmac('sha256', key).update(raw).digest('base64'));
    const given = Buffer.from(req.header('x-xero-signature') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.status(401).end();
    const body = JSON.parse(raw.toString('utf8')) as { events?: WebhookEvent[] };
    events.push(...(body.events ?? []));
    res.status(200).end();
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    events,
    /** The events received so far, as [category, type, resourceId]. */
    seen: () => events.map((e) => [e.eventCategory, e.eventType, e.resourceId]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A sandbox whose webhooks go to a loopback receiver, with Ann signed in; `flushed()` delivers and lists what arrived. */
export async function startPagesWithWebhooks(key: string) {
  const receiver = await startWebhookReceiver(key);
  const h = await startSandboxHarness({ env: { SANDBOX_WEBHOOK_URL: receiver.url, SANDBOX_WEBHOOK_KEY: key } });
  const ann = await signInAccountant(h, { email: 'ann@example.com' });
  return {
    h,
    receiver,
    ann,
    base: `/app/${ann.shortCode}`,
    flushed: async () => {
      await h.accountingControls?.flushWebhooks();
      return receiver.seen();
    },
    /** Delivers what is pending and forgets it, so a test sees only its action's events. */
    settle: async () => {
      await h.accountingControls?.flushWebhooks();
      receiver.events.length = 0;
    },
    close: async () => {
      await h.close();
      await receiver.close();
    },
  };
}
