/**
 * The sandbox's settings. Entry points pass an environment in (only `server.ts` reads process.env);
 * a malformed value throws an Error whose message names the setting.
 */
import {
  DEFAULT_APP_PORT,
  DEFAULT_SANDBOX_PORT,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_WEBHOOK_KEY,
  demoRedirectUri,
  demoWebhookUrl,
} from '../demo/demo-defaults.js';
import type { RateLimitSettings, WebhookSettings } from './identity-accounting-seam.js';

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Shown on the consent and connected-apps pages; the client id when absent. */
  name?: string;
}

export interface SandboxConfig {
  port: number;
  /** SQLite file, or `:memory:`. */
  dbFile: string;
  /** Public origin; the OIDC issuer and the base of every URL the sandbox advertises. */
  issuer: string;
  client: RegisteredClient;
  webhooks: WebhookSettings;
  rateLimits: RateLimitSettings;
  timeScale: number;
}

type Env = Record<string, string | undefined>;

const fail = (name: string, why: string): never => {
  throw new Error(`${name} ${why}`);
};

const present = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

function parsePort(env: Env, name: string, fallback: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) fail(name, `must be a port number between 0 and 65535 (got "${raw}")`);
  return n;
}

function parseAbsoluteUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(name, `must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(name, `must be an http(s) URL (got "${raw}")`);
  return raw;
}

/** Every sandbox path hangs off the origin's root, so the issuer may not have a path of its own. */
function parseOrigin(name: string, raw: string): string {
  const url = new URL(parseAbsoluteUrl(name, raw));
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') fail(name, `must be an origin such as https://sandbox.example (got "${raw}")`);
  return url.origin;
}

const rateLimitKeys: Record<string, keyof RateLimitSettings> = {
  minute: 'minute',
  day: 'day',
  concurrent: 'concurrent',
  appminute: 'appMinute',
};

const defaultRateLimits: RateLimitSettings = { minute: 60, day: 5000, concurrent: 5, appMinute: 10000 };

function parseRateLimits(env: Env): RateLimitSettings {
  const raw = present(env, 'SANDBOX_RATE_LIMITS');
  const limits = { ...defaultRateLimits };
  if (raw === undefined) return limits;
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([a-z]+)\s*=\s*(\d+)$/i.exec(part);
    const key = match ? rateLimitKeys[match[1]!.toLowerCase()] : undefined;
    if (!match || key === undefined || Number(match[2]) < 1) {
      fail('SANDBOX_RATE_LIMITS', `must look like minute=60,day=5000,concurrent=5,appminute=10000 (bad part "${part}")`);
    } else {
      limits[key] = Number(match[2]);
    }
  }
  return limits;
}

function parseTimeScale(env: Env): number {
  const raw = present(env, 'SANDBOX_TIME_SCALE');
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) fail('SANDBOX_TIME_SCALE', `must be a positive number (got "${raw}")`);
  return n;
}

/** Unset means the demo app's endpoint; `off` turns deliveries off. */
function parseWebhookUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return demoWebhookUrl(DEFAULT_APP_PORT);
  if (raw.toLowerCase() === 'off') return undefined;
  return parseAbsoluteUrl('SANDBOX_WEBHOOK_URL', raw);
}

export function loadSandboxConfig(env: Env): SandboxConfig {
  const port = parsePort(env, 'SANDBOX_PORT', DEFAULT_SANDBOX_PORT);
  const issuerRaw = present(env, 'SANDBOX_ISSUER');
  const issuer = issuerRaw === undefined ? `http://localhost:${port}` : parseOrigin('SANDBOX_ISSUER', issuerRaw);
  const redirectRaw = present(env, 'SANDBOX_REDIRECT_URIS');
  const redirectUris =
    redirectRaw === undefined
      ? [demoRedirectUri(DEFAULT_APP_PORT)]
      : redirectRaw
          .split(',')
          .map((u) => u.trim())
          .filter((u) => u !== '')
          .map((u) => parseAbsoluteUrl('SANDBOX_REDIRECT_URIS', u));
  if (redirectUris.length === 0) fail('SANDBOX_REDIRECT_URIS', 'must list at least one absolute URL');
  const webhookRaw = present(env, 'SANDBOX_WEBHOOK_URL');
  return {
    port,
    dbFile: present(env, 'SANDBOX_DB') ?? 'data/sandbox.sqlite',
    issuer: issuer.replace(/\/+$/, ''),
    client: {
      clientId: present(env, 'SANDBOX_CLIENT_ID') ?? DEMO_CLIENT_ID,
      clientSecret: present(env, 'SANDBOX_CLIENT_SECRET') ?? DEMO_CLIENT_SECRET,
      redirectUris,
      name: 'Ledgerside',
    },
    webhooks: {
      url: parseWebhookUrl(webhookRaw),
      key: present(env, 'SANDBOX_WEBHOOK_KEY') ?? DEMO_WEBHOOK_KEY,
    },
    rateLimits: parseRateLimits(env),
    timeScale: parseTimeScale(env),
  };
}
