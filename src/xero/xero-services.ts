/** The Xero side of the composition root: identity, token service, connections API and gateway, built once per process. */
import type { AppConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import { TokenCrypto } from './token-crypto.js';
import { tokenStore } from './token-store.js';
import { TokenService } from './token-service.js';
import { xeroIdentity, type XeroIdentity } from './xero-identity.js';
import { xeroConnectionsApi, type XeroConnectionsApi } from './xero-connections-api.js';
import { xeroGateway, type OrganisationXeroStatus, type XeroGateway } from './xero-gateway.js';
import { tenantLimiter, type TenantLimiter } from './rate-limiter.js';
import { connectionsRepository } from './connections-repository.js';
import { callPacer } from './call-pacer.js';
import { isPostgres } from '../db/database.js';

export interface XeroServices {
  identity: XeroIdentity;
  tokens: TokenService;
  tokenStore: ReturnType<typeof tokenStore>;
  connectionsApi: XeroConnectionsApi;
  gateway: XeroGateway;
}

export interface XeroServicesOptions {
  /** Where organisation connection states go (src/tenants' organisationXeroStatus in the app). */
  organisationStatus: OrganisationXeroStatus;
  identity?: XeroIdentity;
  now?: () => number;
  timeoutMs?: number;
  /**
   * Default: on PostgreSQL the call pacer with its budgets in the database, shared by every app process
   * on it (Xero's limits are per organisation, not per process); on SQLite (one process) an in-memory
   * limiter of 5 calls in flight per organisation. server.ts passes the pacer on both.
   */
  limiter?: TenantLimiter;
}

/** See `XeroServicesOptions.limiter`. */
export function defaultXeroLimiter(db: Database, logger: Logger): TenantLimiter {
  return isPostgres(db) ? callPacer({ db, logger }) : tenantLimiter(5);
}

export function createXeroServices(config: AppConfig, db: Database, logger: Logger, overrides: XeroServicesOptions): XeroServices {
  const identity = overrides.identity ?? xeroIdentity(config.xero);
  const store = tokenStore(db, new TokenCrypto(config.tokenEncryptionKey));
  const connections = connectionsRepository(db);
  const tokens = new TokenService({
    store,
    identity,
    logger,
    ...(overrides.now ? { now: overrides.now } : {}),
    async onReconsentRequired(grantId) {
      // Organisations reached only through this grant now need someone to reconnect them.
      const affected = await connections.activeOfGrant(grantId);
      for (const connection of affected) {
        const others = (await connections.ofOrganisation(connection.organisationId)).filter((c) => c.grantId !== grantId && c.status === 'active');
        if (others.length === 0) await overrides.organisationStatus.needsReconnect(connection.organisationId);
      }
    },
  });
  return {
    identity,
    tokens,
    tokenStore: store,
    connectionsApi: xeroConnectionsApi(config.xero.connectionsUrl),
    gateway: xeroGateway({
      xero: config.xero,
      db,
      organisationStatus: overrides.organisationStatus,
      tokens,
      limiter: overrides.limiter ?? defaultXeroLimiter(db, logger),
      logger,
      ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
    }),
  };
}
