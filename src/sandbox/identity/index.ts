/**
 * The sandbox's identity side: OAuth2/OIDC (discovery, JWKS, authorize pages, token, revocation,
 * userinfo), connections, the sandbox's own account pages, and the `authenticate` middleware that
 * guards the Accounting API.
 */
import cookieParser from 'cookie-parser';
import { Router, type Request, type RequestHandler } from 'express';
import { authorizeRoutes } from './authorize-routes.js';
import { createAuthenticate } from './authenticate.js';
import { currentVisitor, type PageVisitor } from './browser-session.js';
import { connectionsRoutes } from './connections-routes.js';
import type { IdentityDeps } from './identity-deps.js';
import { myXeroRoutes } from './my-xero-routes.js';
import { oauthRoutes } from './oauth-routes.js';

export { ensureIdentitySchema, openSandboxDb } from './sandbox-db.js';
export { loadOrCreateSigningKeys, type SigningKeys } from './signing-keys.js';
export { identityPaths, type IdentityDeps } from './identity-deps.js';
export { demoOrganisations } from './user-service.js';
export type { PageVisitor } from './browser-session.js';

export interface IdentitySide {
  router: Router;
  authenticate: RequestHandler;
  /** The signed-in user of this browser (the session cookie), for the sandbox's other pages. */
  visitor(req: Request): Promise<PageVisitor | undefined>;
}

export function createIdentity(deps: IdentityDeps): IdentitySide {
  const router = Router();
  router.use(cookieParser());
  router.use(oauthRoutes(deps));
  router.use(connectionsRoutes(deps));
  router.use(authorizeRoutes(deps));
  router.use(myXeroRoutes(deps));
  return { router, authenticate: createAuthenticate(deps), visitor: (req) => currentVisitor(deps, req) };
}
