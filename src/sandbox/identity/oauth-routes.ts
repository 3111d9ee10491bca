/** OIDC discovery, JWKS, token, revocation and userinfo endpoints. */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { authenticateClient } from './client-auth.js';
import { formField } from '../web/form.js';
import { identityPaths, type IdentityDeps } from './identity-deps.js';
import { supportedScopes } from './scopes.js';
import { exchangeCode, OAuthError, refresh, revoke } from './token-service.js';
import { bearerToken } from './bearer.js';
import { verifyAccessToken } from './tokens.js';
import { getUser } from './users-repository.js';

function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}${identityPaths.authorize}`,
    token_endpoint: `${issuer}${identityPaths.token}`,
    userinfo_endpoint: `${issuer}${identityPaths.userinfo}`,
    revocation_endpoint: `${issuer}${identityPaths.revocation}`,
    jwks_uri: `${issuer}${identityPaths.jwks}`,
    end_session_endpoint: `${issuer}${identityPaths.signOut}`,
    scopes_supported: supportedScopes,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'auth_time',
      'nonce',
      'at_hash',
      'sid',
      'amr',
      'xero_userid',
      'global_session_id',
      'preferred_username',
      'email',
      'given_name',
      'family_name',
    ],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  };
}

function sendOAuthError(res: Response, err: OAuthError): void {
  if (err.error === 'invalid_client') res.set('WWW-Authenticate', 'Basic realm="sandbox"');
  res.status(err.status).set('Cache-Control', 'no-store').json({ error: err.error });
}

/** OAuth errors, and unreadable form bodies (body-parser's 4xx), answer in the endpoint's own JSON. */
const oauthErrors = (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
  if (err instanceof OAuthError) sendOAuthError(res, err);
  else if (typeof err === 'object' && err !== null && 'status' in err && err.status === 413) {
    sendOAuthError(res, new OAuthError('invalid_request', 400, 'request body too large'));
  } else if (typeof err === 'object' && err !== null && 'status' in err && err.status === 400) {
    sendOAuthError(res, new OAuthError('invalid_request', 400, 'unreadable request body'));
  } else next(err);
};

export function oauthRoutes(deps: IdentityDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  router.get(identityPaths.discovery, (_req, res) => {
    res.json(discoveryDocument(deps.issuer));
  });

  router.get(identityPaths.jwks, (_req, res) => {
    res.json({ keys: [deps.keys.publicJwk] });
  });

  router.post(identityPaths.token, form, async (req, res) => {
    const client = authenticateClient(deps, req);
    const grantType = formField(req.body, 'grant_type');
    let tokens;
    if (grantType === 'authorization_code') {
      const code = formField(req.body, 'code');
      if (code === undefined) throw new OAuthError('invalid_request', 400, 'code is required');
      tokens = await exchangeCode(deps, client, {
        code,
        redirectUri: formField(req.body, 'redirect_uri'),
        codeVerifier: formField(req.body, 'code_verifier'),
      });
    } else if (grantType === 'refresh_token') {
      const token = formField(req.body, 'refresh_token');
      if (token === undefined) throw new OAuthError('invalid_request', 400, 'refresh_token is required');
      tokens = await refresh(deps, client, token);
    } else {
      throw new OAuthError('unsupported_grant_type', 400, `grant_type ${grantType ?? '(none)'} is not supported`);
    }
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache').json(tokens);
  });

  router.post(identityPaths.revocation, form, async (req, res) => {
    const client = authenticateClient(deps, req);
    const token = formField(req.body, 'token');
    if (token === undefined) throw new OAuthError('invalid_request', 400, 'token is required');
    await revoke(deps, client, token);
    res.status(200).end();
  });

  const userinfo = async (req: Request, res: Response): Promise<void> => {
    const token = bearerToken(req);
    const check = token === undefined ? undefined : await verifyAccessToken(deps, token);
    const user = check?.ok ? await getUser(deps.db, check.claims.userId) : undefined;
    if (!check?.ok || !user || !check.claims.scopes.includes('openid')) {
      res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').end();
      return;
    }
    const { scopes } = check.claims;
    res.set('Cache-Control', 'no-store').json({
      sub: user.sub,
      xero_userid: user.id,
      ...(scopes.includes('email') ? { email: user.email, preferred_username: user.email } : {}),
      ...(scopes.includes('profile') ? { given_name: user.firstName, family_name: user.lastName, name: `${user.firstName} ${user.lastName}` } : {}),
    });
  };
  router.get(identityPaths.userinfo, userinfo);
  router.post(identityPaths.userinfo, form, userinfo);

  router.use(oauthErrors);
  return router;
}
