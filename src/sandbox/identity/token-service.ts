/**
 * The token endpoint's use-cases: authorization_code and refresh_token grants, and revocation.
 * Errors are OAuth error codes; the routes turn them into HTTP.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RegisteredClient } from '../sandbox-config.js';
import { lifetimes, type IdentityDeps } from './identity-deps.js';
import {
  consumeCode,
  getGrant,
  getRefreshToken,
  insertRefreshToken,
  revokeRefreshTokensForUserClient,
  supersedeRefreshToken,
  type Grant,
} from './grants-repository.js';
import { deleteConnectionsForUserClient } from './connections-repository.js';
import { signAccessToken, signIdToken } from './tokens.js';
import { getUser } from './users-repository.js';

export interface TokenResponse {
  id_token?: string;
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type',
    readonly status: 400 | 401,
    description: string,
  ) {
    super(description);
  }
}

const invalidGrant = (why: string): OAuthError => new OAuthError('invalid_grant', 400, why);

const newRefreshToken = (): string => randomBytes(32).toString('hex');

async function issue(deps: IdentityDeps, grant: Grant, nonce: string | undefined): Promise<TokenResponse> {
  const user = await getUser(deps.db, grant.userId);
  if (!user) throw invalidGrant('user no longer exists');
  const accessToken = await signAccessToken(deps, grant, user);
  const response: TokenResponse = {
    access_token: accessToken,
    expires_in: lifetimes.accessTokenSeconds,
    token_type: 'Bearer',
    scope: grant.scopes.join(' '),
  };
  if (grant.scopes.includes('openid')) {
    response.id_token = await signIdToken(deps, { grant, user, accessToken, nonce });
  }
  if (grant.scopes.includes('offline_access')) {
    const refresh = newRefreshToken();
    await insertRefreshToken(deps.db, refresh, grant.id, deps.clock.now());
    response.refresh_token = refresh;
  }
  return response;
}

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export async function exchangeCode(
  deps: IdentityDeps,
  client: RegisteredClient,
  input: { code: string; redirectUri: string | undefined; codeVerifier: string | undefined },
): Promise<TokenResponse> {
  const now = deps.clock.now();
  const stored = await consumeCode(deps.db, input.code, now);
  if (!stored) throw invalidGrant('unknown code');
  const grant = await getGrant(deps.db, stored.grantId);
  if (!grant || grant.clientId !== client.clientId) throw invalidGrant('code was issued to another client');
  if (stored.usedAt !== undefined) {
    // A replayed code suggests it leaked: withdraw what the first exchange handed out (RFC 6749 §4.1.2).
    await deps.db('identity_refresh_tokens').where({ grant_id: grant.id }).whereNull('revoked_at').update({ revoked_at: now });
    throw invalidGrant('code already used');
  }
  if (now > stored.expiresAt) throw invalidGrant('code expired');
  if (input.redirectUri !== stored.redirectUri) throw invalidGrant('redirect_uri does not match the authorize request');
  if (stored.codeChallenge !== undefined) {
    if (input.codeVerifier === undefined || s256(input.codeVerifier) !== stored.codeChallenge) {
      throw invalidGrant('code_verifier does not match code_challenge');
    }
  }
  return issue(deps, grant, stored.nonce);
}

export async function refresh(deps: IdentityDeps, client: RegisteredClient, token: string): Promise<TokenResponse> {
  const now = deps.clock.now();
  const stored = await getRefreshToken(deps.db, token);
  if (!stored || stored.revokedAt !== undefined) throw invalidGrant('unknown or revoked refresh token');
  const grant = await getGrant(deps.db, stored.grantId);
  if (!grant || grant.clientId !== client.clientId) throw invalidGrant('refresh token was issued to another client');
  if (now > stored.createdAt + lifetimes.refreshIdleMs) throw invalidGrant('refresh token expired (60 days unused)');
  if (stored.supersededAt !== undefined && now > stored.supersededAt + lifetimes.refreshGraceMs) {
    throw invalidGrant('refresh token was superseded more than 30 minutes ago');
  }
  await supersedeRefreshToken(deps.db, token, now);
  return issue(deps, grant, undefined);
}

/** RFC 7009: unknown tokens are not an error. A known refresh token ends every connection of that user to the app. */
export async function revoke(deps: IdentityDeps, client: RegisteredClient, token: string): Promise<void> {
  const stored = await getRefreshToken(deps.db, token);
  if (!stored) return;
  const grant = await getGrant(deps.db, stored.grantId);
  if (!grant || grant.clientId !== client.clientId) return;
  await deps.db.transaction(async (trx) => {
    const now = deps.clock.now();
    await revokeRefreshTokensForUserClient(trx, grant.userId, client.clientId, now);
    await deleteConnectionsForUserClient(trx, grant.userId, client.clientId);
  });
}
