/**
 * The only code that calls xero-node. A fresh XeroClient per call (it holds one token set), the
 * organisation's freshest valid token, a per-tenant concurrency limit, Retry-After on 429, a timeout,
 * one structured log line per call, and Xero's failures turned into typed errors. A 403 for a tenant
 * means the organisation was disconnected from Xero's side: it is marked so, and the UI offers Reconnect.
 */
import { XeroClient, type Account, type BrandingTheme, type Contact, type Currency, type Item, type Organisation as XeroOrganisation, type TaxRate, type TrackingCategory } from 'xero-node';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import { XERO_SCOPES } from './app-manifest.js';
import { connectionsRepository } from './connections-repository.js';
import { tenantsRepository } from '../tenants/tenants-repository.js';
import { parseSdkRejection, xeroErrorFrom, XeroApiError, XeroNotConnectedError, XeroTenantDisconnectedError } from './xero-errors.js';
import type { TenantLimiter } from './rate-limiter.js';
import type { TokenService } from './token-service.js';

export interface GatewayOrganisation {
  id: string;
  xeroTenantId: string;
  name: string;
}

export interface XeroGatewayDeps {
  xero: AppConfig['xero'];
  db: Database;
  tokens: TokenService;
  limiter: TenantLimiter;
  logger: Logger;
  timeoutMs?: number;
  /** How many times a 429 is waited out before giving up. */
  maxRateLimitRetries?: number;
}

type Api = XeroClient['accountingApi'];

export interface OrganisationGateway {
  getOrganisation(): Promise<XeroOrganisation>;
  getAccounts(ifModifiedSince?: Date): Promise<Account[]>;
  getTaxRates(): Promise<TaxRate[]>;
  getItems(ifModifiedSince?: Date): Promise<Item[]>;
  getCurrencies(): Promise<Currency[]>;
  getTrackingCategories(): Promise<TrackingCategory[]>;
  getBrandingThemes(): Promise<BrandingTheme[]>;
  /** One page (1-based) of contacts, archived included, 100 a page. */
  getContactsPage(page: number, ifModifiedSince?: Date): Promise<Contact[]>;
}

export interface XeroGateway {
  forOrganisation(organisation: GatewayOrganisation): OrganisationGateway;
}

function withTimeout<T>(work: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new XeroApiError('xero_timeout', 504, `Xero took too long to answer (${operation}). Please try again.`, undefined, [], undefined)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function xeroGateway(deps: XeroGatewayDeps): XeroGateway {
  const connections = connectionsRepository(deps.db);
  const organisations = tenantsRepository(deps.db);

  async function markDisconnected(organisation: GatewayOrganisation, error: XeroApiError): Promise<void> {
    const now = new Date();
    await connections.setStatus({ organisationId: organisation.id }, 'disconnected', now);
    await organisations.setStatus(organisation.id, 'disconnected', error.message);
    deps.logger.warn({ organisationId: organisation.id, tenantId: organisation.xeroTenantId }, 'xero answered 403: organisation marked disconnected');
  }

  async function invoke<T>(organisation: GatewayOrganisation, operation: string, call: (api: Api, tenantId: string) => Promise<{ body: T }>): Promise<T> {
    const connection = await connections.activeFor(organisation.id);
    if (!connection) throw new XeroNotConnectedError(organisation.name);
    const retries = deps.maxRateLimitRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const tokenSet = await deps.tokens.validTokenSet(connection.grantId);
      const client = new XeroClient({ clientId: deps.xero.clientId, clientSecret: deps.xero.clientSecret, redirectUris: [deps.xero.redirectUri], scopes: [...XERO_SCOPES] });
      client.accountingApi.basePath = deps.xero.apiUrl;
      client.setTokenSet(tokenSet);
      const started = Date.now();
      try {
        const { body } = await deps.limiter.run(organisation.xeroTenantId, () =>
          withTimeout(call(client.accountingApi, organisation.xeroTenantId), deps.timeoutMs ?? 30_000, operation));
        deps.logger.info({ xero: operation, organisationId: organisation.id, ms: Date.now() - started }, 'xero call');
        await organisations.recordXeroSuccess(organisation.id);
        return body;
      } catch (rejection) {
        if (rejection instanceof XeroApiError) throw rejection;
        const error = xeroErrorFrom(rejection, operation);
        deps.logger.warn({ xero: operation, organisationId: organisation.id, status: error.xeroStatus, code: error.code, ms: Date.now() - started, response: error.raw }, 'xero call failed');
        if (error.xeroStatus === 429 && attempt < retries) {
          const headers = parseSdkRejection(rejection)?.headers ?? {};
          const retryAfter = Number(headers['retry-after'] ?? 1);
          deps.limiter.pause(organisation.xeroTenantId, Math.min(60, Number.isFinite(retryAfter) ? retryAfter : 1) * 1000);
          continue;
        }
        if (error instanceof XeroTenantDisconnectedError) await markDisconnected(organisation, error);
        throw error;
      }
    }
  }

  return {
    forOrganisation(organisation) {
      const run = <T>(operation: string, call: (api: Api, tenantId: string) => Promise<{ body: T }>) => invoke(organisation, operation, call);
      return {
        async getOrganisation() {
          const body = await run('getOrganisations', (api, t) => api.getOrganisations(t));
          const first = body.organisations?.[0];
          if (!first) throw new XeroApiError('xero_failed', 502, 'Xero returned no organisation details.', 200, [], body);
          return first;
        },
        async getAccounts(ifModifiedSince) {
          return (await run('getAccounts', (api, t) => api.getAccounts(t, ifModifiedSince))).accounts ?? [];
        },
        async getTaxRates() {
          return (await run('getTaxRates', (api, t) => api.getTaxRates(t))).taxRates ?? [];
        },
        async getItems(ifModifiedSince) {
          return (await run('getItems', (api, t) => api.getItems(t, ifModifiedSince, undefined, undefined, 4))).items ?? [];
        },
        async getCurrencies() {
          return (await run('getCurrencies', (api, t) => api.getCurrencies(t))).currencies ?? [];
        },
        async getTrackingCategories() {
          return (await run('getTrackingCategories', (api, t) => api.getTrackingCategories(t))).trackingCategories ?? [];
        },
        async getBrandingThemes() {
          return (await run('getBrandingThemes', (api, t) => api.getBrandingThemes(t))).brandingThemes ?? [];
        },
        async getContactsPage(page, ifModifiedSince) {
          const body = await run('getContacts', (api, t) => api.getContacts(t, ifModifiedSince, undefined, 'Name ASC', undefined, page, true, false, undefined, 100));
          return body.contacts ?? [];
        },
      };
    },
  };
}
