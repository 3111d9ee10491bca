/**
 * Xero token sets, one grant per user, encrypted at rest. Never logged, never in the session.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { dbTime, toDate, toNum, toStr } from '../db/row-values.js';
import type { TokenCrypto } from './token-crypto.js';

export const storedTokenSetSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  id_token: z.string().optional(),
  token_type: z.string().default('Bearer'),
  scope: z.string().optional(),
  /** Seconds since the epoch. */
  expires_at: z.number(),
});
export type StoredTokenSet = z.infer<typeof storedTokenSetSchema>;

export type GrantStatus = 'active' | 'needs_reconsent' | 'revoked';

export interface Grant {
  id: string;
  userId: string;
  tokenSet: StoredTokenSet;
  status: GrantStatus;
  version: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
}

/** From openid-client's TokenSet (or anything shaped like one) to what we store. */
export function toStoredTokenSet(
  tokens: { access_token?: string; refresh_token?: string; id_token?: string; token_type?: string; scope?: string; expires_at?: number; expires_in?: number },
  nowMs: number,
): StoredTokenSet {
  if (!tokens.access_token || !tokens.refresh_token)
    throw new Error('Xero returned a token set without an access and a refresh token (is offline_access granted?)');
  // From expires_in against our own clock: openid-client's expires_at is stamped with the machine clock.
  const expiresAt = tokens.expires_in !== undefined ? Math.floor(nowMs / 1000) + tokens.expires_in : (tokens.expires_at ?? Math.floor(nowMs / 1000) + 1800);
  return {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    ...(tokens.id_token ? { id_token: tokens.id_token } : {}),
    token_type: tokens.token_type ?? 'Bearer',
    ...(tokens.scope ? { scope: tokens.scope } : {}),
    expires_at: expiresAt,
  };
}

export function tokenStore(db: Database, crypto: TokenCrypto) {
  const seal = (tokenSet: StoredTokenSet) => crypto.encrypt(JSON.stringify(tokenSet));
  const open = (sealed: string) => storedTokenSetSchema.parse(JSON.parse(crypto.decrypt(sealed)));
  const toGrant = (row: Record<string, unknown>): Grant => ({
    id: toStr(row.id),
    userId: toStr(row.user_id),
    tokenSet: open(toStr(row.token_set_enc)),
    status: row.status === 'needs_reconsent' || row.status === 'revoked' ? row.status : 'active',
    version: toNum(row.version),
    leaseOwner: row.refresh_lease_owner ? toStr(row.refresh_lease_owner) : null,
    leaseUntil: toDate(row.refresh_lease_until),
  });

  return {
    async find(grantId: string): Promise<Grant | undefined> {
      const row: Record<string, unknown> | undefined = await db('xero_grants').where({ id: grantId }).first();
      return row ? toGrant(row) : undefined;
    },
    /** A new consent replaces the user's previous token set. */
    async saveConsent(userId: string, tokenSet: StoredTokenSet, now: Date): Promise<string> {
      const existing: { id: string } | undefined = await db('xero_grants').where({ user_id: userId }).first('id');
      const values = {
        token_set_enc: seal(tokenSet),
        access_expires_at: dbTime(new Date(tokenSet.expires_at * 1000)),
        status: 'active',
        updated_at: dbTime(now),
        refresh_lease_owner: null,
        refresh_lease_until: null,
        previous_refresh_token_enc: null,
      };
      if (existing) {
        await db('xero_grants')
          .where({ id: existing.id })
          .update({ ...values, version: db.raw('version + 1') });
        return existing.id;
      }
      const id = randomUUID();
      await db('xero_grants').insert({ id, user_id: userId, created_at: dbTime(now), ...values });
      return id;
    },
    /** Takes the refresh lease if nobody holds a live one. Atomic on both dialects (one UPDATE). */
    async tryLease(grantId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
      const updated = await db('xero_grants')
        .where({ id: grantId, status: 'active' })
        .andWhere((q) => q.whereNull('refresh_lease_until').orWhere('refresh_lease_until', '<', dbTime(now)))
        .update({ refresh_lease_owner: owner, refresh_lease_until: dbTime(new Date(now.getTime() + leaseMs)) });
      return updated === 1;
    },
    async releaseLease(grantId: string, owner: string): Promise<void> {
      await db('xero_grants').where({ id: grantId, refresh_lease_owner: owner }).update({ refresh_lease_owner: null, refresh_lease_until: null });
    },
    /** Saves the rotated token set at once, keeping the superseded refresh token for Xero's retry grace. */
    async saveRefreshed(grantId: string, previous: StoredTokenSet, next: StoredTokenSet, now: Date): Promise<void> {
      await db('xero_grants')
        .where({ id: grantId })
        .update({
          token_set_enc: seal(next),
          previous_refresh_token_enc: crypto.encrypt(previous.refresh_token),
          access_expires_at: dbTime(new Date(next.expires_at * 1000)),
          version: db.raw('version + 1'),
          last_refreshed_at: dbTime(now),
          updated_at: dbTime(now),
          refresh_lease_owner: null,
          refresh_lease_until: null,
        });
    },
    async setStatus(grantId: string, status: GrantStatus, now: Date): Promise<void> {
      await db('xero_grants')
        .where({ id: grantId })
        .update({ status, updated_at: dbTime(now), refresh_lease_owner: null, refresh_lease_until: null });
    },
  };
}

export type TokenStore = ReturnType<typeof tokenStore>;
