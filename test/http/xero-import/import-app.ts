/**
 * The app on a sandbox (as test/helpers/app-on-sandbox.ts), plus what import tests need: a job runner
 * they can wait on, a way to wrap the real gateway (to break a page on purpose), and the sandbox's own
 * Accounting API reached with the app's token (to add contacts or inject faults, as an admin would).
 */
import request from 'supertest';
import { tenantLimiter } from '../../../src/xero/rate-limiter.js';
import { expect } from 'chai';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/common/logger.js';
import type { Database } from '../../../src/db/database.js';
import { createXeroServices, type XeroServices } from '../../../src/xero/xero-services.js';
import { organisationXeroStatus } from '../../../src/organisations/organisation-xero-status.js';
import { xeroIdentity } from '../../../src/xero/xero-identity.js';
import type { XeroGateway } from '../../../src/xero/xero-gateway.js';
import { jobRunner, type JobRunner } from '../../../src/jobs/index.js';
import type { SandboxHarness } from '../../helpers/sandbox-harness.js';
import { csrfFrom, sandboxAppConfig, signInThroughApp } from '../../helpers/app-on-sandbox.js';

export const alice = { email: 'alice@example.com', firstName: 'Alice', lastName: 'Accountant' };

export interface ImportApp {
  app: Express;
  xero: XeroServices;
  runner: JobRunner;
}

export function importApp(h: SandboxHarness, db: Database, wrapGateway: (real: XeroGateway) => XeroGateway = (g) => g): ImportApp {
  const config = sandboxAppConfig(h);
  const logger = createLogger('silent');
  const real = createXeroServices(config, db, logger, {
    organisationStatus: organisationXeroStatus(db),
    identity: xeroIdentity(config.xero, { clockToleranceSeconds: 3600 }),
    // Functional tests count calls in real time: the pacer (the default on PostgreSQL) is tested on its own.
    limiter: tenantLimiter(5),
  });
  const xero: XeroServices = { ...real, gateway: wrapGateway(real.gateway) };
  const runner = jobRunner(logger);
  const app = createApp({ config, db, logger, xero, sessionCleanupIntervalMs: 0, refreshXeroSettingsOnConnect: false, xeroImportRunner: runner });
  return { app, xero, runner };
}

/** Signs Alice in to the demo organisations she ticks (default: only the AU one) and switches to the first. */
export async function signedInOnSandbox(ia: ImportApp, h: SandboxHarness, db: Database, organisations = ['Demo Company (AU)']) {
  const agent = request.agent(ia.app);
  await signInThroughApp(agent, h, { ...alice, organisations });
  const org = await db('organisations').where({ name: organisations[0] }).first();
  const page = await agent.get('/dashboard');
  await agent
    .post('/organisations/switch')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), organisationId: org.id });
  return { agent, org: { id: String(org.id), xeroTenantId: String(org.xero_tenant_id), name: String(org.name) } };
}

/** A call to the sandbox's Accounting API with the app's own access token for this organisation. */
export async function sandboxApi(ia: ImportApp, h: SandboxHarness, db: Database, tenantId: string, method: string, path: string, body?: unknown) {
  const grant = await db('xero_grants').first();
  const token = (await ia.xero.tokenStore.find(grant.id))!.tokenSet.access_token;
  const res = await fetch(`${h.apiBasePath}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': tenantId, accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}: ${res.status}`).to.be.lessThan(300);
  return res.json() as Promise<Record<string, unknown>>;
}

/** Presses a button (a POST form with CSRF) on the page at `pagePath`. */
export async function press(agent: ReturnType<typeof request.agent>, pagePath: string, action: string, fields: Record<string, string> = {}) {
  const page = await agent.get(pagePath);
  expect(page.text, `no form posting to ${action} on ${pagePath}`).to.contain(`action="${action}"`);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}
