/**
 * An organisation connected to "Xero" at https://api.xero.com (intercepted with nock) with a stored
 * token set, the real gateway and the sync engine: for tests of the exact JSON the engine sends and of
 * each failure class. `refreshes()` counts token refreshes (the identity is a stand-in that mints tokens).
 */
import { tenantLimiter } from '../../src/xero/rate-limiter.js';
import { randomUUID } from 'node:crypto';
import { TokenSet } from 'openid-client';
import type { Database } from '../../src/db/database.js';
import { tenantDb, type TenantDb } from '../../src/db/tenant-db.js';
import { createLogger } from '../../src/common/logger.js';
import { createXeroServices } from '../../src/xero/xero-services.js';
import type { OrganisationGateway } from '../../src/xero/index.js';
import { organisationXeroStatus } from '../../src/organisations/index.js';
import { xeroIdentity, type XeroIdentity } from '../../src/xero/xero-identity.js';
import { toStoredTokenSet } from '../../src/xero/token-store.js';
import { contactHandler, purchaseOrderHandler, syncEngine, type RecordHandler, type SyncEngineDeps } from '../../src/xero-sync/index.js';
import { testConfig } from './test-app.js';
import type { AppConfig } from '../../src/config.js';

export const XERO_API = 'https://api.xero.com';
export const API_PATH = '/api.xro/2.0';

export interface SyncFixture {
  db: Database;
  tdb: TenantDb;
  organisationId: string;
  tenantId: string;
  userId: string;
  engine: ReturnType<typeof syncEngine>;
  /** The real gateway for this organisation (nock answers for Xero). */
  gateway: OrganisationGateway;
  /** The sync engine's clock: tests move it to make backoff-delayed operations due. */
  clock: { now: number; advance(ms: number): void };
  refreshes(): number;
  accessToken(): Promise<string>;
}

/** Xero's identity for nock tests: refreshing mints a new token set (no call); `refreshes()` counts them. */
export function mintingIdentity(config: AppConfig): { identity: XeroIdentity; refreshes(): number } {
  let count = 0;
  const identity: XeroIdentity = {
    ...xeroIdentity(config.xero),
    async refresh() {
      count++;
      return new TokenSet({ access_token: `access-${count}-${randomUUID()}`, refresh_token: `refresh-${count}`, token_type: 'Bearer', expires_in: 1800 });
    },
  };
  return { identity, refreshes: () => count };
}

export async function syncFixture(
  db: Database,
  options: Partial<Pick<SyncEngineDeps, 'backoff' | 'random' | 'onFinished'>> & { timeoutMs?: number; handlers?: RecordHandler[] } = {},
): Promise<SyncFixture> {
  const config = testConfig({
    XERO_CLIENT_ID: 'client-id',
    XERO_CLIENT_SECRET: 'client-secret',
    XERO_REDIRECT_URI: 'http://localhost:3999/auth/xero/callback',
    XERO_ISSUER_URL: 'https://identity.xero.com',
    XERO_API_URL: 'https://api.xero.com/api.xro/2.0',
  });
  const logger = createLogger('silent');
  const { identity, refreshes } = mintingIdentity(config);
  const xero = createXeroServices(config, db, logger, {
    organisationStatus: organisationXeroStatus(db),
    identity,
    // Functional tests count calls in real time: the pacer (the default on PostgreSQL) is tested on its own.
    limiter: tenantLimiter(5),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const userId = randomUUID();
  const organisationId = randomUUID();
  const tenantId = randomUUID();
  await db('users').insert({ id: userId, xero_user_id: randomUUID(), email: 'sam@example.com', first_name: 'Sam', last_name: 'Sender' });
  await db('organisations').insert({ id: organisationId, xero_tenant_id: tenantId, name: 'Test Org', short_code: '!abc12', status: 'connected' });
  await db('memberships').insert({ user_id: userId, organisation_id: organisationId });
  const grantId = await xero.tokenStore.saveConsent(
    userId,
    toStoredTokenSet({ access_token: 'access-0', refresh_token: 'refresh-0', expires_in: 1800 }, Date.now()),
    new Date(),
  );
  await db('xero_connections').insert({ id: randomUUID(), organisation_id: organisationId, grant_id: grantId, status: 'active' });
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const engine = syncEngine({
    db,
    logger,
    handlers: [contactHandler, purchaseOrderHandler, ...(options.handlers ?? [])],
    now: () => new Date(clock.now),
    random: options.random ?? (() => 0.5),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.onFinished ? { onFinished: options.onFinished } : {}),
    gatewayFor: (org) => xero.gateway.forOrganisation(org),
  });
  return {
    db,
    tdb: tenantDb(db, organisationId),
    organisationId,
    tenantId,
    userId,
    engine,
    gateway: xero.gateway.forOrganisation({ id: organisationId, xeroTenantId: tenantId, name: 'Test Org' }),
    clock,
    refreshes,
    accessToken: async () => (await xero.tokenStore.find(grantId))!.tokenSet.access_token,
  };
}
