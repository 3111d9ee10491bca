/** Token-endpoint client authentication: client_secret_basic or client_secret_post. */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import type { RegisteredClient } from '../sandbox-config.js';
import { formField } from '../web/form.js';
import { findClient, type IdentityDeps } from './identity-deps.js';
import { OAuthError } from './token-service.js';

const decodeFormComponent = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const id = decodeFormComponent(decoded.slice(0, colon));
  const secret = decodeFormComponent(decoded.slice(colon + 1));
  return id === undefined || secret === undefined ? undefined : { id, secret };
}

/** Hashing first gives equal lengths, so the comparison takes the same time whatever was sent. */
const sameSecret = (a: string, b: string): boolean => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export function authenticateClient(deps: IdentityDeps, req: Request): RegisteredClient {
  const basic = basicCredentials(req.get('authorization'));
  const postId = formField(req.body, 'client_id');
  const postSecret = formField(req.body, 'client_secret');
  if (basic && postSecret !== undefined) throw new OAuthError('invalid_request', 400, 'use one client authentication method');
  const credentials = basic ?? (postId !== undefined && postSecret !== undefined ? { id: postId, secret: postSecret } : undefined);
  if (!credentials) throw new OAuthError('invalid_client', 401, 'client authentication required');
  const client = findClient(deps, credentials.id);
  if (!client || !sameSecret(client.clientSecret, credentials.secret)) {
    throw new OAuthError('invalid_client', 401, 'unknown client or wrong secret');
  }
  return client;
}
