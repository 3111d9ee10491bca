/**
 * Hands out valid access tokens, refreshing ahead of expiry from one place at a time:
 * - in one process, concurrent callers share one refresh (single flight);
 * - across processes on one database, a lease row decides who refreshes; the others wait for the
 *   new token set to appear;
 * - the rotated token set is saved before anyone uses it;
 * - a refresh whose response was lost is retried with the same refresh token (Xero's 30-minute grace);
 * - invalid_grant marks the grant as needing re-consent instead of looping.
 */
import { randomUUID } from 'node:crypto';
import { errors as oidcErrors } from 'openid-client';
import type { Logger } from '../common/logger.js';
import { XeroReconsentRequiredError } from './xero-errors.js';
import type { XeroIdentity } from './xero-identity.js';
import { toStoredTokenSet, type StoredTokenSet, type TokenStore } from './token-store.js';

export interface TokenServiceDeps {
  store: TokenStore;
  identity: Pick<XeroIdentity, 'refresh'>;
  logger: Logger;
  now?: () => number;
  /** Refresh when the access token has less than this left. */
  refreshAheadMs?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Called when a grant can no longer be refreshed (to mark its organisations). */
  onReconsentRequired?: (grantId: string) => Promise<void>;
}

const isInvalidGrant = (error: unknown): boolean =>
  error instanceof oidcErrors.OPError && (error.error === 'invalid_grant' || error.error === 'unauthorized_client');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TokenService {
  private readonly inFlight = new Map<string, Promise<StoredTokenSet>>();
  /** Grants whose current access token Xero refused (401): refresh even though it has not expired. */
  private readonly rejected = new Map<string, string>();
  private readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly now: () => number;

  constructor(private readonly deps: TokenServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * A token set whose access token is valid for at least `refreshAheadMs` more. `rejectedAccessToken`:
   * Xero answered 401 to that token, so it is refreshed whatever its expiry says (unless the stored one
   * has already moved on), through the same single flight.
   */
  async validTokenSet(grantId: string, rejectedAccessToken?: string): Promise<StoredTokenSet> {
    const grant = await this.deps.store.find(grantId);
    if (!grant || grant.status !== 'active') throw new XeroReconsentRequiredError();
    if (rejectedAccessToken !== undefined && grant.tokenSet.access_token === rejectedAccessToken) this.rejected.set(grantId, rejectedAccessToken);
    if (!this.expiresSoon(grant.tokenSet, grantId)) return grant.tokenSet;
    let flight = this.inFlight.get(grantId);
    if (!flight) {
      flight = this.refreshOnce(grantId).finally(() => this.inFlight.delete(grantId));
      this.inFlight.set(grantId, flight);
    }
    return flight;
  }

  private expiresSoon(tokenSet: StoredTokenSet, grantId?: string): boolean {
    if (grantId !== undefined && this.rejected.get(grantId) === tokenSet.access_token) return true;
    return tokenSet.expires_at * 1000 - this.now() < (this.deps.refreshAheadMs ?? 120_000);
  }

  private async refreshOnce(grantId: string): Promise<StoredTokenSet> {
    const { store } = this.deps;
    const leaseMs = this.deps.leaseMs ?? 30_000;
    const deadline = this.now() + leaseMs + 5_000;
    for (;;) {
      if (await store.tryLease(grantId, this.owner, new Date(this.now()), leaseMs)) {
        try {
          return await this.refreshHoldingLease(grantId);
        } finally {
          await store.releaseLease(grantId, this.owner);
        }
      }
      // Someone else is refreshing: wait for their token set rather than refreshing twice.
      await sleep(this.deps.pollMs ?? 100);
      const grant = await store.find(grantId);
      if (!grant || grant.status !== 'active') throw new XeroReconsentRequiredError();
      if (!this.expiresSoon(grant.tokenSet, grantId)) return grant.tokenSet;
      if (this.now() > deadline) throw new Error('Timed out waiting for another process to refresh the Xero token');
    }
  }

  private async refreshHoldingLease(grantId: string): Promise<StoredTokenSet> {
    const { store, identity, logger } = this.deps;
    const grant = await store.find(grantId);
    if (!grant || grant.status !== 'active') throw new XeroReconsentRequiredError();
    // Another process may have refreshed between our read and our lease.
    if (!this.expiresSoon(grant.tokenSet, grantId)) return grant.tokenSet;
    const previous = grant.tokenSet;
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const fresh = toStoredTokenSet(await identity.refresh(previous.refresh_token), this.now());
        await store.saveRefreshed(grantId, previous, fresh, new Date(this.now()));
        this.rejected.delete(grantId);
        logger.info({ grantId, attempt }, 'xero token refreshed');
        return fresh;
      } catch (error) {
        if (isInvalidGrant(error)) {
          await store.setStatus(grantId, 'needs_reconsent', new Date(this.now()));
          await this.deps.onReconsentRequired?.(grantId);
          logger.warn({ grantId }, 'xero refresh token rejected: re-consent needed');
          throw new XeroReconsentRequiredError(undefined, { cause: error });
        }
        // No answer (or a 5xx): the old refresh token is still good within Xero's grace, so retry with it.
        lastError = error;
        logger.warn({ grantId, attempt, err: error instanceof Error ? error.message : String(error) }, 'xero token refresh failed, retrying');
        await sleep(200 * attempt);
      }
    }
    throw lastError instanceof Error ? lastError : new Error('Xero token refresh failed');
  }
}
