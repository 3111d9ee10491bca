/**
 * Xero's OpenID Connect side through openid-client 5 (the major xero-node uses). The issuer is
 * discovered from XERO_ISSUER_URL, so the same code talks to identity.xero.com or the local sandbox.
 */
import { custom, generators, Issuer, type Client, type TokenSet } from 'openid-client';
import type { AppConfig } from '../config.js';
import { XERO_SCOPES } from './app-manifest.js';

export interface AuthorizationStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface XeroIdentity {
  client(): Promise<Client>;
  startAuthorization(): Promise<AuthorizationStart>;
  /** Exchanges the code after checking state, nonce, PKCE and the ID token (signature, iss, aud, iat, at_hash). */
  completeAuthorization(callbackUrl: string, expected: { state: string; nonce: string; codeVerifier: string }): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  revoke(refreshToken: string): Promise<void>;
}

export function xeroIdentity(config: AppConfig['xero'], options: { timeoutMs?: number; clockToleranceSeconds?: number } = {}): XeroIdentity {
  let discovered: Promise<Client> | undefined;
  const client = (): Promise<Client> => {
    discovered ??= Issuer.discover(config.issuerUrl).then((issuer) => {
      const c = new issuer.Client({
        client_id: config.clientId,
        client_secret: config.clientSecret,
        redirect_uris: [config.redirectUri],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      });
      c[custom.http_options] = (_url, opts) => ({ ...opts, timeout: options.timeoutMs ?? 15000 });
      c[custom.clock_tolerance] = options.clockToleranceSeconds ?? 5;
      return c;
    });
    // A failed discovery is retried on the next sign-in rather than remembered.
    discovered.catch(() => {
      discovered = undefined;
    });
    return discovered;
  };

  return {
    client,
    async startAuthorization() {
      const c = await client();
      const state = generators.state();
      const nonce = generators.nonce();
      const codeVerifier = generators.codeVerifier();
      const url = c.authorizationUrl({
        scope: XERO_SCOPES.join(' '),
        redirect_uri: config.redirectUri,
        response_type: 'code',
        state,
        nonce,
        code_challenge: generators.codeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, state, nonce, codeVerifier };
    },
    async completeAuthorization(callbackUrl, expected) {
      const c = await client();
      const params = c.callbackParams(callbackUrl);
      return c.callback(config.redirectUri, params, {
        state: expected.state,
        nonce: expected.nonce,
        code_verifier: expected.codeVerifier,
        response_type: 'code',
      });
    },
    async refresh(refreshToken) {
      return (await client()).refresh(refreshToken);
    },
    async revoke(refreshToken) {
      await (await client()).revoke(refreshToken, 'refresh_token');
    },
  };
}

/** Claims of Xero's access token (a JWT we received straight from the token endpoint). */
export function accessTokenClaims(accessToken: string): Record<string, unknown> {
  const payload = accessToken.split('.')[1];
  if (!payload) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
