/**
 * Sandbox harness: a local Xero on a free loopback port, `:memory:` DB, ManualClock.
 *
 *   const h = await startSandboxHarness({ accounting?, extraClients?, clockStart?, dbFile? });
 *   h.url / h.apiBasePath / h.clock (ManualClock) / h.db / h.client ({clientId, clientSecret, redirectUris})
 *   h.xeroClient({ scopes?, clientId?, clientSecret?, redirectUri?, state? }) → XeroClient wired to the sandbox
 *       (openIdClient from Issuer.discover(h.url), accountingApi.basePath set; no initialize()).
 *   h.driveAuthorize(authorizeUrl, { email, firstName, lastName, organisations?, decision?, cookies? })
 *       → { callbackUrl, cookies }: submits the sign-in and consent forms as a browser would (cookie jar,
 *       hidden fields, ticking organisation checkboxes by label; default: all) and returns the Location
 *       the sandbox redirected the browser to (the app's callback, with code or error and state).
 *       Use it from app tests with the authorize URL the app itself built.
 *   h.signIn({ email, firstName, lastName, organisations?, clientId?, redirectUri?, scopes? })
 *       → { tokenSet, callbackUrl, tenants, xero }: the whole flow through xero-node (buildConsentUrl,
 *       driveAuthorize, apiCallback); tenants = GET /connections?authEventId=<this consent>.
 *   h.connections(accessToken, authEventId?) → the GET /connections body.
 *   h.tokenRequest(formBody, 'id:secret'?) → raw fetch Response from POST /connect/token (Basic auth).
 *   startSandboxHarness({ env: { SANDBOX_REDIRECT_URIS: '<your app callback>' } }) registers another callback.
 *   h.close()
 *
 * openid-client checks ID-token times against the real clock: after moving h.clock forward, set
 * `xero.openIdClient[custom.clock_tolerance]` (seconds) before a call that returns an ID token.
 * `accounting` defaults to the real side (src/sandbox/accounting/index.js); `fakeAccountingSide()` is a
 * minimal stand-in (organisations in memory, GET /Organisation only) for identity-only tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Knex } from 'knex';
import { custom, Issuer, type TokenSet } from 'openid-client';
import { XeroClient } from 'xero-node';
import { ManualClock, type AccountingSide, type OrganisationSeed, type SandboxOrganisation } from '../../src/sandbox/identity-accounting-seam.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { loadSandboxConfig, type RegisteredClient } from '../../src/sandbox/sandbox-config.js';

export const defaultScopes = ['openid', 'profile', 'email', 'offline_access', 'accounting.contacts', 'accounting.invoices', 'accounting.settings'];
export const testRedirectUri = 'http://localhost:3999/auth/xero/callback';

export interface SandboxUserInput {
  email: string;
  firstName: string;
  lastName: string;
  /** Organisation names to tick on the consent page; default all. */
  organisations?: string[];
  decision?: 'allow' | 'cancel';
  /** A cookie jar to reuse (a browser that already signed in); default a fresh one. */
  cookies?: Map<string, string>;
}

export interface ConnectionBody {
  id: string;
  authEventId: string;
  tenantId: string;
  tenantType: string;
  tenantName: string;
  createdDateUtc: string;
  updatedDateUtc: string;
}

export function fakeAccountingSide(): AccountingSide {
  const organisations = new Map<string, SandboxOrganisation>();
  return {
    ensureSchema: async () => {},
    createOrganisation: async (_db: Knex, seed: OrganisationSeed) => {
      const org: SandboxOrganisation = {
        tenantId: randomUUID(),
        name: seed.name,
        shortCode: `!${randomBytes(3).toString('hex')}`,
        countryCode: seed.countryCode,
        baseCurrency: { AU: 'AUD', NZ: 'NZD', GB: 'GBP', US: 'USD' }[seed.countryCode],
      };
      organisations.set(org.tenantId, org);
      return org;
    },
    getOrganisation: async (_db: Knex, tenantId: string) => organisations.get(tenantId),
    createRouter: (deps) => {
      const router = Router();
      router.use(deps.authenticate);
      router.get('/Organisation', (_req, res) => {
        const access: unknown = res.locals.access;
        const tenantId = typeof access === 'object' && access !== null && 'tenantId' in access ? String(access.tenantId) : '';
        const org = organisations.get(tenantId);
        res.json({ Status: 'OK', Organisations: org ? [{ OrganisationID: org.tenantId, Name: org.name, ShortCode: org.shortCode }] : [] });
      });
      return router;
    },
  };
}

const entity = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attrs = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([a-zA-Z_-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, entity(m[2] ?? '')]));

/** The first <form> of a page: its action and every input, with checkbox labels. */
function parseForm(page: string) {
  const form = /<form([^>]*)>([\s\S]*?)<\/form>/.exec(page);
  if (!form) throw new Error(`no form on page:\n${page.slice(0, 2000)}`);
  const labels = new Map([...form[2]!.matchAll(/<label for="([^"]*)">([^<]*)<\/label>/g)].map((m) => [entity(m[1]!), entity(m[2]!)]));
  const inputs = [...form[2]!.matchAll(/<input([^>]*)>/g)].map((m) => attrs(m[1]!));
  return { action: attrs(form[1]!).action ?? '', inputs, labelFor: (id: string) => labels.get(id) };
}

class Browser {
  constructor(readonly cookies: Map<string, string>) {}
  async request(url: string, form?: URLSearchParams): Promise<Response> {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(this.cookies),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form?.toString(),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair!.slice(0, eq));
      else this.cookies.set(pair!.slice(0, eq), value);
    }
    return res;
  }
}

export interface HarnessOptions {
  accounting?: AccountingSide;
  extraClients?: RegisteredClient[];
  clockStart?: number;
  /** Default `:memory:`; a file lets a test restart the sandbox on the same data. */
  dbFile?: string;
  /** SANDBOX_* settings to override, e.g. { SANDBOX_REDIRECT_URIS: 'http://localhost:4567/auth/xero/callback' }. */
  env?: Record<string, string>;
  /** Demo organisations start empty unless a test asks for their history (invoices, POs, a repeating invoice). */
  demoHistory?: boolean;
}

export const cookieHeader = (jar: Map<string, string>): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function startSandboxHarness(opts: HarnessOptions = {}) {
  const config = loadSandboxConfig({
    SANDBOX_PORT: '0',
    SANDBOX_DB: opts.dbFile ?? ':memory:',
    SANDBOX_REDIRECT_URIS: testRedirectUri,
    SANDBOX_WEBHOOK_URL: 'off',
    ...opts.env,
  });
  const clock = new ManualClock(opts.clockStart ?? Date.now());
  const sandbox: RunningSandbox = await startSandbox(config, {
    clock,
    ...(opts.accounting ? { accounting: opts.accounting } : {}),
    demoHistory: opts.demoHistory ?? false,
    extraClients: opts.extraClients ?? [],
  });
  const issuer = await Issuer.discover(sandbox.url);
  const clients = [sandbox.config.client, ...(opts.extraClients ?? [])];

  function xeroClient(o: { scopes?: string[]; clientId?: string; clientSecret?: string; redirectUri?: string; state?: string } = {}) {
    const registered = clients.find((c) => c.clientId === (o.clientId ?? sandbox.config.client.clientId));
    const clientId = o.clientId ?? sandbox.config.client.clientId;
    const clientSecret = o.clientSecret ?? registered?.clientSecret ?? 'unregistered';
    const redirectUri = o.redirectUri ?? registered?.redirectUris[0] ?? testRedirectUri;
    const xero = new XeroClient({
      clientId,
      clientSecret,
      redirectUris: [redirectUri],
      scopes: o.scopes ?? defaultScopes,
      state: o.state ?? randomBytes(12).toString('hex'),
    });
    xero.openIdClient = new issuer.Client({ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri] });
    xero.openIdClient[custom.clock_tolerance] = 5;
    xero.accountingApi.basePath = `${sandbox.url}/api.xro/2.0`;
    return xero;
  }

  async function driveAuthorize(authorizeUrl: string, user: SandboxUserInput): Promise<{ callbackUrl: string; cookies: Map<string, string> }> {
    const browser = new Browser(user.cookies ?? new Map());
    let res = await browser.request(authorizeUrl);
    if (res.status === 200) {
      const signIn = parseForm(await res.text());
      const form = new URLSearchParams();
      for (const i of signIn.inputs) if (i.type === 'hidden') form.set(i.name!, i.value ?? '');
      form.set('email', user.email);
      form.set('first_name', user.firstName);
      form.set('last_name', user.lastName);
      res = await browser.request(new URL(signIn.action, sandbox.url).toString(), form);
    }
    if (res.status === 302) return { callbackUrl: res.headers.get('location')!, cookies: browser.cookies };
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
    res = await browser.request(new URL(res.headers.get('location')!, sandbox.url).toString());
    if (res.status !== 200) throw new Error(`consent page answered ${res.status}: ${await res.text()}`);
    const consent = parseForm(await res.text());
    const form = new URLSearchParams();
    for (const i of consent.inputs) {
      if (i.type === 'hidden') form.append(i.name!, i.value ?? '');
      const label = consent.labelFor(i.id ?? '');
      if (i.type === 'checkbox' && label !== undefined && (user.organisations ?? [label]).includes(label)) form.append(i.name!, i.value ?? '');
    }
    form.set('decision', user.decision ?? 'allow');
    res = await browser.request(new URL(consent.action, sandbox.url).toString(), form);
    if (res.status !== 302) throw new Error(`consent answered ${res.status}: ${await res.text()}`);
    return { callbackUrl: res.headers.get('location')!, cookies: browser.cookies };
  }

  async function connections(accessToken: string, authEventId?: string): Promise<ConnectionBody[]> {
    const query = authEventId === undefined ? '' : `?authEventId=${encodeURIComponent(authEventId)}`;
    const res = await fetch(`${sandbox.url}/connections${query}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (res.status !== 200) throw new Error(`GET /connections answered ${res.status}`);
    return (await res.json()) as ConnectionBody[];
  }

  /** A raw POST to the token endpoint, authenticated with Basic `id:secret` (default: the registered app). */
  function tokenRequest(body: Record<string, string>, basic = `${sandbox.config.client.clientId}:${sandbox.config.client.clientSecret}`) {
    return fetch(`${sandbox.url}/connect/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(basic).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });
  }

  async function signIn(input: SandboxUserInput & { clientId?: string; redirectUri?: string; scopes?: string[] }) {
    const xero = xeroClient({ clientId: input.clientId, redirectUri: input.redirectUri, scopes: input.scopes });
    const { callbackUrl } = await driveAuthorize(await xero.buildConsentUrl(), input);
    const tokenSet: TokenSet = await xero.apiCallback(callbackUrl);
    const claims = JSON.parse(Buffer.from(tokenSet.access_token!.split('.')[1]!, 'base64url').toString('utf8')) as {
      authentication_event_id: string;
    };
    const tenants = await connections(tokenSet.access_token!, claims.authentication_event_id);
    return { tokenSet, callbackUrl, tenants, xero };
  }

  return {
    url: sandbox.url,
    apiBasePath: `${sandbox.url}/api.xro/2.0`,
    clock,
    db: sandbox.db,
    client: sandbox.config.client,
    /** The accounting side's flushWebhooks()/stop(), when the real side is in use. */
    accountingControls: sandbox.accountingControls,
    sandbox,
    xeroClient,
    driveAuthorize,
    signIn,
    connections,
    tokenRequest,
    close: () => sandbox.close(),
  };
}

export type SandboxHarness = Awaited<ReturnType<typeof startSandboxHarness>>;
