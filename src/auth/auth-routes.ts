/**
 * Sign in with Xero (POST /auth/xero from the sign-in page), the connection link (GET /connect, from
 * Xero's app listing), the callback, and sign-out (POST /sign-out). Each attempt gets a fresh state, nonce and PKCE verifier,
 * kept in the session and consumed by the first callback that uses them.
 */
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../common/logger.js';
import { AppError } from '../common/errors.js';
import { flash } from '../http/flash.js';
import { signedInOf } from '../http/request-context.js';
import { isLocalPath } from '../http/return-path.js';
import { appManifest, type XeroIdentity } from '../xero/index.js';
import { SignInFailedError, type signInService } from './sign-in-service.js';

const ATTEMPT_TTL_MS = 15 * 60 * 1000;

export interface AuthRoutesDeps {
  identity: XeroIdentity;
  signIn: ReturnType<typeof signInService>;
  logger: Logger;
  appUrl: string;
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err: unknown) => (err ? reject(err) : resolve())));
}

export function authRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();

  async function start(req: Request, res: Response, returnTo: string | undefined): Promise<void> {
    const attempt = await deps.identity.startAuthorization().catch((error: unknown) => {
      throw new AppError('xero_unreachable', 502, 'We could not reach Xero to sign you in. Please try again in a moment.', { cause: error });
    });
    req.session.oidc = {
      state: attempt.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
      startedAt: Date.now(),
      ...(isLocalPath(returnTo) ? { returnTo } : {}),
    };
    res.redirect(303, attempt.url);
  }

  router.post('/auth/xero', async (req, res) => start(req, res, req.session.returnTo));
  router.get(appManifest.connectionLinkPath, async (req, res) => start(req, res, signedInOf(res) ? '/organisations' : undefined));

  router.get(appManifest.redirectUriPath, async (req, res) => {
    const attempt = req.session.oidc;
    // Consumed before anything else, so a replayed callback finds nothing to complete.
    delete req.session.oidc;
    const query = req.query;
    if (typeof query.error === 'string') {
      const cancelled = query.error === 'access_denied';
      flash(
        req,
        cancelled ? 'info' : 'error',
        cancelled ? 'You cancelled connecting to Xero. Nothing was changed.' : `Xero did not complete the sign-in (${query.error}).`,
      );
      return res.redirect(303, signedInOf(res) ? '/organisations' : '/');
    }
    if (!attempt || Date.now() - attempt.startedAt > ATTEMPT_TTL_MS) {
      throw new SignInFailedError('This sign-in link has expired or was already used. Please start again from the sign-in page.');
    }
    const callbackUrl = new URL(req.originalUrl, deps.appUrl).toString();
    const tokenSet = await deps.identity.completeAuthorization(callbackUrl, attempt).catch((error: unknown) => {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'xero sign-in callback rejected');
      throw new SignInFailedError("Xero's answer could not be verified, so you have not been signed in. Please start again from the sign-in page.", {
        cause: error,
      });
    });
    const result = await deps.signIn.complete(tokenSet);
    await regenerate(req);
    req.session.userId = result.userId;
    const first = result.connectedOrganisationIds[0];
    if (first) req.session.organisationId = first;
    const count = result.connectedOrganisationIds.length;
    flash(req, 'success', count ? `Connected ${count} organisation${count === 1 ? '' : 's'} from Xero.` : 'Signed in with Xero.');
    res.redirect(303, isLocalPath(attempt.returnTo) ? attempt.returnTo : '/dashboard');
  });

  router.post('/sign-out', (req, res, next) => {
    req.session.regenerate((err) => {
      if (err) return next(err);
      flash(req, 'info', 'You have signed out.');
      res.redirect(303, '/');
    });
  });

  return router;
}
