/**
 * Consents (grants), their single-use authorization codes and their refresh-token families.
 * Codes and refresh tokens are stored as SHA-256 hashes, never in the clear.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { asRow, asRows, num, optNum, optStr, str, type Row } from './rows.js';

export interface Grant {
  id: string;
  userId: string;
  clientId: string;
  scopes: string[];
  authEventId: string;
  sid: string;
  globalSessionId: string;
  /** Seconds since the epoch. */
  authTime: number;
  createdAt: number;
}

export interface StoredCode {
  grantId: string;
  redirectUri: string;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  expiresAt: number;
  usedAt: number | undefined;
}

export interface StoredRefreshToken {
  grantId: string;
  createdAt: number;
  supersededAt: number | undefined;
  revokedAt: number | undefined;
}

const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

const toGrant = (r: Row): Grant => ({
  id: str(r, 'id'),
  userId: str(r, 'user_id'),
  clientId: str(r, 'client_id'),
  scopes: str(r, 'scopes')
    .split(' ')
    .filter((s) => s !== ''),
  authEventId: str(r, 'auth_event_id'),
  sid: str(r, 'sid'),
  globalSessionId: str(r, 'global_session_id'),
  authTime: num(r, 'auth_time'),
  createdAt: num(r, 'created_at'),
});

export async function insertGrant(db: Knex, input: Omit<Grant, 'id' | 'authEventId'>): Promise<Grant> {
  const grant: Grant = { ...input, id: randomUUID(), authEventId: randomUUID() };
  await db('identity_grants').insert({
    id: grant.id,
    user_id: grant.userId,
    client_id: grant.clientId,
    scopes: grant.scopes.join(' '),
    auth_event_id: grant.authEventId,
    sid: grant.sid,
    global_session_id: grant.globalSessionId,
    auth_time: grant.authTime,
    created_at: grant.createdAt,
  });
  return grant;
}

export async function getGrant(db: Knex, id: string): Promise<Grant | undefined> {
  const row = asRow(await db('identity_grants').where({ id }).first());
  return row && toGrant(row);
}

export async function insertCode(db: Knex, code: string, stored: Omit<StoredCode, 'usedAt'>): Promise<void> {
  await db('identity_codes').insert({
    code_hash: hashSecret(code),
    grant_id: stored.grantId,
    redirect_uri: stored.redirectUri,
    nonce: stored.nonce ?? null,
    code_challenge: stored.codeChallenge ?? null,
    expires_at: stored.expiresAt,
    used_at: null,
  });
}

/** Marks the code used and returns it as it was, or undefined if unknown; a second call sees usedAt. */
export async function consumeCode(db: Knex, code: string, now: number): Promise<StoredCode | undefined> {
  return db.transaction(async (trx) => {
    const row = asRow(
      await trx('identity_codes')
        .where({ code_hash: hashSecret(code) })
        .first(),
    );
    if (!row) return undefined;
    const stored: StoredCode = {
      grantId: str(row, 'grant_id'),
      redirectUri: str(row, 'redirect_uri'),
      nonce: optStr(row, 'nonce'),
      codeChallenge: optStr(row, 'code_challenge'),
      expiresAt: num(row, 'expires_at'),
      usedAt: optNum(row, 'used_at'),
    };
    if (stored.usedAt === undefined)
      await trx('identity_codes')
        .where({ code_hash: hashSecret(code) })
        .update({ used_at: now });
    return stored;
  });
}

export async function insertRefreshToken(db: Knex, token: string, grantId: string, now: number): Promise<void> {
  await db('identity_refresh_tokens').insert({ token_hash: hashSecret(token), grant_id: grantId, created_at: now });
}

export async function getRefreshToken(db: Knex, token: string): Promise<StoredRefreshToken | undefined> {
  const row = asRow(
    await db('identity_refresh_tokens')
      .where({ token_hash: hashSecret(token) })
      .first(),
  );
  return (
    row && {
      grantId: str(row, 'grant_id'),
      createdAt: num(row, 'created_at'),
      supersededAt: optNum(row, 'superseded_at'),
      revokedAt: optNum(row, 'revoked_at'),
    }
  );
}

/** Only the first rotation sets the time: the grace window runs from the first use. */
export async function supersedeRefreshToken(db: Knex, token: string, now: number): Promise<void> {
  await db('identity_refresh_tokens')
    .where({ token_hash: hashSecret(token) })
    .whereNull('superseded_at')
    .update({ superseded_at: now });
}

/** Revokes every refresh token the user holds for the app, across all their consents. */
export async function revokeRefreshTokensForUserClient(db: Knex, userId: string, clientId: string, now: number): Promise<void> {
  const grantIds = asRows(await db('identity_grants').where({ user_id: userId, client_id: clientId }).select('id')).map((r) => str(r, 'id'));
  if (grantIds.length === 0) return;
  await db('identity_refresh_tokens').whereIn('grant_id', grantIds).whereNull('revoked_at').update({ revoked_at: now });
}
