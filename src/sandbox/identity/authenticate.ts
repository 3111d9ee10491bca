/**
 * Bearer-token checks for the API surface. `bearerAuth` verifies the access token (401 with Xero's
 * body); `authenticate` also resolves `xero-tenant-id` to a live connection (403 otherwise) and sets
 * res.locals.access (AccessLocals) for the accounting side.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AccessContext } from '../identity-accounting-seam.js';
import { bearerToken } from './bearer.js';
import { findConnection } from './connections-repository.js';
import type { IdentityDeps } from './identity-deps.js';
import { verifyAccessToken, type AccessClaims } from './tokens.js';
import { expiredAtText } from './xero-dates.js';

function sendUnauthorized(res: Response, detail: string): void {
  res.status(401).set('WWW-Authenticate', 'Bearer').json({ Title: 'Unauthorized', Status: 401, Detail: detail });
}

function sendForbidden(res: Response): void {
  res.status(403).json({
    Type: null,
    Title: 'Forbidden',
    Status: 403,
    Detail: 'AuthenticationUnsuccessful',
    Instance: randomUUID(),
    Extensions: {},
  });
}

/** Verifies the bearer token; answers 401 itself and returns undefined when it is missing, bad or expired. */
export async function verifyBearer(deps: IdentityDeps, req: Request, res: Response): Promise<AccessClaims | undefined> {
  const token = bearerToken(req);
  if (token === undefined) {
    sendUnauthorized(res, 'AuthenticationUnsuccessful: no bearer token');
    return undefined;
  }
  const check = await verifyAccessToken(deps, token);
  if (check.ok) return check.claims;
  if (check.reason === 'expired') sendUnauthorized(res, `TokenExpired: token expired at ${expiredAtText(check.expiredAt)}`);
  else sendUnauthorized(res, 'AuthenticationUnsuccessful: token is invalid');
  return undefined;
}

export function createAuthenticate(deps: IdentityDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const claims = await verifyBearer(deps, req, res);
    if (!claims) return;
    const tenantId = req.get('xero-tenant-id')?.trim(); // Express header lookup is case-insensitive
    const connection =
      tenantId === undefined || tenantId === '' ? undefined : await findConnection(deps.db, { userId: claims.userId, clientId: claims.clientId, tenantId });
    if (!connection) {
      sendForbidden(res);
      return;
    }
    const access: AccessContext = {
      userId: claims.userId,
      clientId: claims.clientId,
      scopes: claims.scopes,
      tenantId: connection.tenantId,
      connectionId: connection.id,
    };
    res.locals.access = access;
    next();
  };
}
