/** Validates the query of an authorize request, deciding whether errors may go back to the app. */
import { findClient, type IdentityDeps } from './identity-deps.js';
import { parseScopeParam } from './scopes.js';

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
}

export type AuthorizeCheck =
  | { kind: 'ok'; params: AuthorizeParams }
  /** The client or redirect_uri is not trusted: show an error page, never redirect. */
  | { kind: 'fatal'; message: string }
  | { kind: 'redirect'; url: string };

const single = (query: Record<string, unknown>, name: string): string | undefined => {
  const v = query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export function checkAuthorizeQuery(deps: IdentityDeps, query: Record<string, unknown>): AuthorizeCheck {
  const clientId = single(query, 'client_id');
  const client = clientId === undefined ? undefined : findClient(deps, clientId);
  if (!client) return { kind: 'fatal', message: 'Unknown client_id: this app is not registered with the sandbox.' };
  const redirectUri = single(query, 'redirect_uri');
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
    return { kind: 'fatal', message: 'Invalid redirect_uri: it must exactly match one registered for this app.' };
  }
  const state = single(query, 'state');
  const fail = (error: string, description: string): AuthorizeCheck => ({
    kind: 'redirect',
    url: redirectWith(redirectUri, { error, error_description: description, state }),
  });
  if (single(query, 'response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  const scope = single(query, 'scope');
  if (scope === undefined) return fail('invalid_scope', 'scope is required');
  const scopes = parseScopeParam(scope);
  if (!scopes.ok) return fail('invalid_scope', `unknown scope ${scopes.unknown.join(' ')}`);
  const codeChallenge = single(query, 'code_challenge');
  const method = single(query, 'code_challenge_method');
  if (codeChallenge !== undefined && method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  if (codeChallenge === undefined && method !== undefined) return fail('invalid_request', 'code_challenge is missing');
  if (codeChallenge !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    return fail('invalid_request', 'code_challenge must be a base64url SHA-256 hash');
  }
  return {
    kind: 'ok',
    params: { clientId: client.clientId, redirectUri, scopes: scopes.scopes, state, nonce: single(query, 'nonce'), codeChallenge },
  };
}

/** Pending requests are stored as JSON: read them back as carefully as every other input. */
export function parseStoredParams(value: unknown): AuthorizeParams | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const optional = (x: unknown): x is string | undefined => x === undefined || typeof x === 'string';
  if (typeof v.clientId !== 'string' || typeof v.redirectUri !== 'string') return undefined;
  if (!Array.isArray(v.scopes) || !v.scopes.every((s): s is string => typeof s === 'string')) return undefined;
  if (!optional(v.state) || !optional(v.nonce) || !optional(v.codeChallenge)) return undefined;
  return {
    clientId: v.clientId,
    redirectUri: v.redirectUri,
    scopes: v.scopes,
    state: v.state,
    nonce: v.nonce,
    codeChallenge: v.codeChallenge,
  };
}
