/**
 * The app wired to an in-process sandbox (the real local Xero), as in demo mode but on free ports:
 * sign-in goes through the sandbox's real authorize pages, tokens and connections.
 */
import { tenantLimiter } from '../../src/xero/rate-limiter.js';
import request from 'supertest';
import { expect } from 'chai';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/common/logger.js';
import type { Database } from '../../src/db/database.js';
import { createXeroServices, type XeroServices } from '../../src/xero/xero-services.js';
import { organisationXeroStatus } from '../../src/organisations/organisation-xero-status.js';
import { jobRunner, type JobRunner } from '../../src/jobs/index.js';
import { xeroIdentity, type XeroIdentity } from '../../src/xero/xero-identity.js';
import { testConfig } from './test-app.js';
import { testRedirectUri, type SandboxHarness, type SandboxUserInput } from './sandbox-harness.js';

export interface AppOnSandbox {
  app: Express;
  xero: XeroServices;
  /** The app's background jobs (imports, settings refresh): `await runner.idle()` to wait for them. */
  runner: JobRunner;
  /** How many refresh-token grants the app has sent to the token endpoint. */
  refreshCalls(): number;
  /** Moves the app's clock (the sandbox has its own ManualClock). */
  advance(ms: number): void;
}

/** The environment that points the app at this sandbox as its registered client (for a config, or a spawned app process). */
export function sandboxAppEnv(h: SandboxHarness): Record<string, string> {
  return {
    XERO_CLIENT_ID: h.client.clientId,
    XERO_CLIENT_SECRET: h.client.clientSecret,
    XERO_REDIRECT_URI: testRedirectUri,
    XERO_ISSUER_URL: h.url,
    XERO_API_URL: h.apiBasePath,
    XERO_WEB_URL: h.url,
    XERO_WEBHOOK_KEY: 'test-webhook-key',
    APP_URL: new URL(testRedirectUri).origin,
  };
}

/** The app's configuration for talking to this sandbox as its registered client. */
export function sandboxAppConfig(h: SandboxHarness) {
  return testConfig(sandboxAppEnv(h));
}

export function appOnSandbox(h: SandboxHarness, db: Database, options: { refreshXeroSettingsOnConnect?: boolean } = {}): AppOnSandbox {
  const config = sandboxAppConfig(h);
  const logger = createLogger('silent');
  let offset = 0;
  let refreshes = 0;
  // The sandbox clock is moved in tests; openid-client checks ID-token times against the real one.
  const real = xeroIdentity(config.xero, { clockToleranceSeconds: 3600 });
  const identity: XeroIdentity = {
    ...real,
    async refresh(token) {
      refreshes++;
      return real.refresh(token);
    },
  };
  const xero = createXeroServices(config, db, logger, {
    organisationStatus: organisationXeroStatus(db),
    identity,
    now: () => Date.now() + offset,
    // Functional tests count calls in real time: the pacer (the default on PostgreSQL) is tested on its own.
    limiter: tenantLimiter(5),
  });
  const runner = jobRunner(logger);
  // Off by default so tests that count Xero calls see only their own.
  const app = createApp({
    config,
    db,
    logger,
    xero,
    sessionCleanupIntervalMs: 0,
    xeroImportRunner: runner,
    refreshXeroSettingsOnConnect: options.refreshXeroSettingsOnConnect ?? false,
  });
  return { app, xero, runner, refreshCalls: () => refreshes, advance: (ms) => (offset += ms) };
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token in page');
  return match[1];
}

/** Signs in through the app's own button, the sandbox's pages and the app's callback. */
export async function signInThroughApp(
  agent: ReturnType<typeof request.agent>,
  h: SandboxHarness,
  user: SandboxUserInput,
  via: 'button' | 'connect' = 'button',
) {
  let start;
  if (via === 'button') {
    const home = await agent.get('/');
    start = await agent
      .post('/auth/xero')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
  } else {
    start = await agent.get('/connect');
  }
  expect(start.status, start.text).to.equal(303);
  const authorizeUrl = String(start.headers.location);
  expect(authorizeUrl.startsWith(h.url)).to.equal(true);
  const { callbackUrl, cookies } = await h.driveAuthorize(authorizeUrl, user);
  const callback = new URL(callbackUrl);
  const done = await agent.get(callback.pathname + callback.search);
  return { authorizeUrl, callbackUrl, done, cookies };
}
