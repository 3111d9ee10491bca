/** Signs and verifies the sandbox's JWTs: access tokens (30 min) and ID tokens, RS256, Xero's claims. */
import { createHash, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { accessTokenAudience, lifetimes, type IdentityDeps } from './identity-deps.js';
import type { Grant } from './grants-repository.js';
import type { SandboxUser } from './users-repository.js';

export interface AccessClaims {
  sub: string;
  userId: string;
  clientId: string;
  scopes: string[];
  authEventId: string;
}

export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired'; expiredAt: Date } | { ok: false; reason: 'invalid' };

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** OIDC at_hash for RS256: the left half of SHA-256 of the access token, base64url. */
export const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

export async function signAccessToken(deps: IdentityDeps, grant: Grant, user: SandboxUser): Promise<string> {
  const now = seconds(deps.clock.now());
  return new SignJWT({
    client_id: grant.clientId,
    auth_time: grant.authTime,
    idp: 'Xero',
    xero_userid: user.id,
    global_session_id: grant.globalSessionId,
    sid: grant.sid,
    authentication_event_id: grant.authEventId,
    scope: grant.scopes,
    amr: ['pwd'],
  })
    .setProtectedHeader({ alg: 'RS256', kid: deps.keys.kid, typ: 'JWT' })
    .setIssuer(deps.issuer)
    .setAudience(accessTokenAudience(deps.issuer))
    .setSubject(user.sub)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + lifetimes.accessTokenSeconds)
    .setJti(randomUUID().replace(/-/g, '').toUpperCase())
    .sign(deps.keys.privateKey);
}

export async function signIdToken(
  deps: IdentityDeps,
  input: { grant: Grant; user: SandboxUser; accessToken: string; nonce: string | undefined },
): Promise<string> {
  const { grant, user } = input;
  const now = seconds(deps.clock.now());
  const profile = grant.scopes.includes('profile');
  const email = grant.scopes.includes('email');
  return new SignJWT({
    auth_time: grant.authTime,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    at_hash: atHash(input.accessToken),
    sid: grant.sid,
    xero_userid: user.id,
    global_session_id: grant.globalSessionId,
    ...(email ? { email: user.email } : {}),
    ...(profile || email ? { preferred_username: user.email } : {}),
    ...(profile ? { given_name: user.firstName, family_name: user.lastName } : {}),
    amr: ['pwd'],
  })
    .setProtectedHeader({ alg: 'RS256', kid: deps.keys.kid, typ: 'JWT' })
    .setIssuer(deps.issuer)
    .setAudience(grant.clientId)
    .setSubject(user.sub)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + lifetimes.idTokenSeconds)
    .sign(deps.keys.privateKey);
}

function parseAccessClaims(payload: JWTPayload): AccessClaims | undefined {
  const { sub, xero_userid, client_id, scope, authentication_event_id } = payload;
  if (typeof sub !== 'string' || typeof xero_userid !== 'string' || typeof client_id !== 'string') return undefined;
  if (typeof authentication_event_id !== 'string') return undefined;
  if (!Array.isArray(scope) || !scope.every((s): s is string => typeof s === 'string')) return undefined;
  return { sub, userId: xero_userid, clientId: client_id, scopes: scope, authEventId: authentication_event_id };
}

/** Verifies signature, issuer, audience and lifetime against the sandbox clock. */
export async function verifyAccessToken(deps: IdentityDeps, token: string): Promise<AccessCheck> {
  try {
    const { payload } = await jwtVerify(token, deps.keys.publicKey, {
      algorithms: ['RS256'],
      issuer: deps.issuer,
      audience: accessTokenAudience(deps.issuer),
      currentDate: new Date(deps.clock.now()),
    });
    const claims = parseAccessClaims(payload);
    return claims ? { ok: true, claims } : { ok: false, reason: 'invalid' };
  } catch (err) {
    if (err instanceof errors.JWTExpired && typeof err.payload.exp === 'number') {
      return { ok: false, reason: 'expired', expiredAt: new Date(err.payload.exp * 1000) };
    }
    return { ok: false, reason: 'invalid' };
  }
}
