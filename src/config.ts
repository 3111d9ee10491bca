/**
 * The only reader of the environment: entry points pass `process.env` in, everything else gets the
 * validated `AppConfig`. Missing or malformed settings throw a ConfigError whose message is one line
 * naming the setting.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_APP_PORT, DEFAULT_SANDBOX_PORT, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_WEBHOOK_KEY, demoRedirectUri } from './demo/demo-defaults.js';
import { appManifest } from './xero/app-manifest.js';
import type { ThrottleConfig } from './http/throttle-config.js';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** The app's public origin, used for absolute links (e.g. the Url sent on invoices). */
  appUrl: string;
  dataDir: string;
  database: { kind: 'sqlite'; filename: string } | { kind: 'pg'; url: string };
  sessionSecret: string;
  /** 32 bytes for AES-256-GCM. */
  tokenEncryptionKey: Buffer;
  logLevel: string;
  /** True when no Xero credentials are configured: the app runs against the local sandbox. */
  demo: boolean;
  /** Only meaningful in demo mode: where the app starts the sandbox. */
  sandboxPort: number;
  xero: {
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    issuerUrl: string;
    /** Accounting API base, e.g. https://api.xero.com/api.xro/2.0 */
    apiUrl: string;
    /** Connections endpoint, derived from the API origin. */
    connectionsUrl: string;
    /** Xero web app origin for deep links (go.xero.com, or the sandbox in demo mode). */
    webUrl: string;
    webhookKey: string;
  };
  /** Throttling of sign-in and of every POST (src/http/throttle.ts); off by default only under NODE_ENV=test. */
  throttle: ThrottleConfig;
}

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be between 0 and 65535`)
    .max(65535, `${name} must be between 0 and 65535`);

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be 1 or more`);

const url = (name: string) => z.url({ error: `${name} must be an absolute URL` });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'NODE_ENV must be development, production or test',
    })
    .default('development'),
  PORT: port('PORT').default(DEFAULT_APP_PORT),
  SANDBOX_PORT: port('SANDBOX_PORT').default(DEFAULT_SANDBOX_PORT),
  APP_URL: url('APP_URL').optional(),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: optionalString,
  SESSION_SECRET: optionalString,
  TOKEN_ENCRYPTION_KEY: optionalString,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  XERO_CLIENT_ID: optionalString,
  XERO_CLIENT_SECRET: optionalString,
  XERO_REDIRECT_URI: url('XERO_REDIRECT_URI').optional(),
  XERO_ISSUER_URL: url('XERO_ISSUER_URL').optional(),
  XERO_API_URL: url('XERO_API_URL').optional(),
  XERO_WEB_URL: url('XERO_WEB_URL').optional(),
  XERO_WEBHOOK_KEY: optionalString,
  THROTTLE: z.enum(['on', 'off'], { error: 'THROTTLE must be on or off' }).optional(),
  THROTTLE_WINDOW_SECONDS: positiveInt('THROTTLE_WINDOW_SECONDS').default(600),
  THROTTLE_SIGN_IN_PER_IP: positiveInt('THROTTLE_SIGN_IN_PER_IP').default(30),
  THROTTLE_POSTS_PER_IP: positiveInt('THROTTLE_POSTS_PER_IP').default(1200),
  THROTTLE_POSTS_PER_USER: positiveInt('THROTTLE_POSTS_PER_USER').default(600),
});

type ParsedEnv = z.infer<typeof envSchema>;

function firstIssueLine(error: z.ZodError): string {
  const issue = error.issues[0];
  const setting = issue?.path.join('.') ?? 'configuration';
  const message = issue?.message ?? 'is invalid';
  return message.startsWith(setting) ? message : `${setting}: ${message}`;
}

function decodeKey(raw: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  const fromBase64 = Buffer.from(raw, 'base64');
  if (fromBase64.length === 32) return fromBase64;
  throw new ConfigError('TOKEN_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64');
}

interface LocalSecrets {
  sessionSecret: string;
  tokenEncryptionKey: string;
}

/** Outside production, secrets not given are generated once into the data folder (mode 0600). */
function localSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const secrets = z.object({ sessionSecret: z.string().min(32), tokenEncryptionKey: z.string() }).safeParse(parsed);
    if (secrets.success) return secrets.data;
    throw new ConfigError(`${file} is not a valid secrets file: delete it to generate new secrets`);
  }
  mkdirSync(dataDir, { recursive: true });
  const fresh: LocalSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    tokenEncryptionKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return fresh;
}

function requireIn(production: boolean, env: ParsedEnv, names: (keyof ParsedEnv)[]): void {
  if (!production) return;
  for (const name of names) {
    if (env[name] === undefined) throw new ConfigError(`${name} is required when NODE_ENV=production`);
  }
}

export function loadConfig(rawEnv: Env): AppConfig {
  const parsed = envSchema.safeParse(rawEnv);
  if (!parsed.success) throw new ConfigError(firstIssueLine(parsed.error));
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  requireIn(production, env, ['SESSION_SECRET', 'TOKEN_ENCRYPTION_KEY', 'XERO_CLIENT_ID', 'XERO_CLIENT_SECRET', 'XERO_REDIRECT_URI', 'XERO_WEBHOOK_KEY']);

  const demo = env.XERO_CLIENT_ID === undefined;
  if (!demo) {
    for (const name of ['XERO_CLIENT_SECRET', 'XERO_REDIRECT_URI'] as const) {
      if (env[name] === undefined) throw new ConfigError(`${name} is required when XERO_CLIENT_ID is set`);
    }
  }
  if (env.XERO_REDIRECT_URI !== undefined && new URL(env.XERO_REDIRECT_URI).pathname !== appManifest.redirectUriPath) {
    throw new ConfigError(`XERO_REDIRECT_URI must end with ${appManifest.redirectUriPath} (the redirectUriPath in app-manifest.json)`);
  }
  if (env.SESSION_SECRET !== undefined && env.SESSION_SECRET.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters');
  }

  const dataDir = path.resolve(env.DATA_DIR);
  const needLocal = env.SESSION_SECRET === undefined || env.TOKEN_ENCRYPTION_KEY === undefined;
  const local = needLocal ? localSecrets(dataDir) : undefined;
  const sessionSecret = env.SESSION_SECRET ?? local?.sessionSecret ?? '';
  const tokenEncryptionKey = decodeKey(env.TOKEN_ENCRYPTION_KEY ?? local?.tokenEncryptionKey ?? '');

  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const sandboxOrigin = `http://localhost:${env.SANDBOX_PORT}`;
  const apiUrl = (env.XERO_API_URL ?? (demo ? `${sandboxOrigin}/api.xro/2.0` : 'https://api.xero.com/api.xro/2.0')).replace(/\/$/, '');

  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    appUrl,
    dataDir,
    database: env.DATABASE_URL ? { kind: 'pg', url: env.DATABASE_URL } : { kind: 'sqlite', filename: path.join(dataDir, 'ledgerside.sqlite') },
    sessionSecret,
    tokenEncryptionKey,
    logLevel: env.LOG_LEVEL,
    demo,
    sandboxPort: env.SANDBOX_PORT,
    xero: {
      clientId: env.XERO_CLIENT_ID ?? DEMO_CLIENT_ID,
      clientSecret: env.XERO_CLIENT_SECRET ?? DEMO_CLIENT_SECRET,
      redirectUri: env.XERO_REDIRECT_URI ?? demoRedirectUri(env.PORT),
      issuerUrl: (env.XERO_ISSUER_URL ?? (demo ? sandboxOrigin : 'https://identity.xero.com')).replace(/\/$/, ''),
      apiUrl,
      connectionsUrl: new URL('/connections', apiUrl).toString(),
      webUrl: (env.XERO_WEB_URL ?? (demo ? sandboxOrigin : 'https://go.xero.com')).replace(/\/$/, ''),
      webhookKey: env.XERO_WEBHOOK_KEY ?? DEMO_WEBHOOK_KEY,
    },
    throttle: {
      // Off under test so the suites never meet it; the throttle's own tests turn it on with small limits.
      enabled: (env.THROTTLE ?? (env.NODE_ENV === 'test' ? 'off' : 'on')) === 'on',
      windowSeconds: env.THROTTLE_WINDOW_SECONDS,
      signInPerIp: env.THROTTLE_SIGN_IN_PER_IP,
      postsPerIp: env.THROTTLE_POSTS_PER_IP,
      postsPerUser: env.THROTTLE_POSTS_PER_USER,
    },
  };
}
