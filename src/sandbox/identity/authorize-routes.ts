/**
 * The pages a user sees when an app sends them to Xero: sign in, choose organisations, Allow or
 * Cancel. The pending request travels between forms as a hidden id; the browser session is a cookie.
 */
import express, { Router, type Request, type Response } from 'express';
import { checkAuthorizeQuery, parseStoredParams, type AuthorizeParams } from './authorize-params.js';
import { currentSignIn, setSessionCookie, type SignedIn } from './browser-session.js';
import { formField, formFields } from '../web/form.js';
import { approve, cancelRedirect } from './consent-service.js';
import { pageHeaders } from '../web/page-headers.js';
import { findClient, identityPaths, lifetimes, type IdentityDeps } from './identity-deps.js';
import { consentPage } from './pages/consent-page.js';
import { errorPage } from './pages/error-page.js';
import { signInPage } from './pages/sign-in-page.js';
import { needsOrganisations } from './scopes.js';
import { attachSessionToPending, createPendingAuthorize, deletePendingAuthorize, getPendingAuthorize } from './sessions-repository.js';
import { listUserOrganisations, signIn, validateSignIn } from './user-service.js';

type Pending = { id: string; params: AuthorizeParams; sessionId: string | undefined };

/** A page of this origin to return to after signing in (never another site: no `//host` or `/\\host`). */
const localPath = (value: unknown): string | undefined => (typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : undefined);

const stale = (res: Response): void => {
  res.status(400).type('html').send(errorPage('This sign-in has expired', 'Go back to the app and start connecting again.'));
};

export function authorizeRoutes(deps: IdentityDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const appName = (clientId: string): string => findClient(deps, clientId)?.name ?? clientId;

  async function loadPending(id: string | undefined): Promise<Pending | undefined> {
    const pending = id === undefined ? undefined : await getPendingAuthorize(deps.db, id);
    const params = pending && parseStoredParams(pending.params);
    if (!pending || !params || deps.clock.now() > pending.createdAt + lifetimes.authorizeRequestMs) return undefined;
    return { id: pending.id, params, sessionId: pending.sessionId };
  }

  async function renderConsent(res: Response, pending: Pending, signedIn: SignedIn, errors: string[], ticked: string[]) {
    const organisations = needsOrganisations(pending.params.scopes)
      ? (await listUserOrganisations(deps, signedIn.user.id)).map((o) => ({
          tenantId: o.tenantId,
          name: o.name,
          checked: ticked.includes(o.tenantId),
        }))
      : undefined;
    res
      .status(errors.length > 0 ? 400 : 200)
      .type('html')
      .send(
        consentPage({
          requestId: pending.id,
          appName: appName(pending.params.clientId),
          userEmail: signedIn.user.email,
          scopes: pending.params.scopes,
          organisations,
          errors,
        }),
      );
  }

  const consentUrl = (id: string): string => `${identityPaths.consent}?request=${encodeURIComponent(id)}`;

  router.get(identityPaths.authorize, pageHeaders, async (req, res) => {
    const check = checkAuthorizeQuery(deps, req.query);
    if (check.kind === 'fatal') {
      res.status(400).type('html').send(errorPage('Cannot connect this app', check.message));
      return;
    }
    if (check.kind === 'redirect') {
      res.redirect(302, check.url);
      return;
    }
    const id = await createPendingAuthorize(deps.db, check.params, deps.clock.now());
    const signedIn = await currentSignIn(deps, req);
    if (signedIn) {
      await attachSessionToPending(deps.db, id, signedIn.session.id);
      res.redirect(303, consentUrl(id));
      return;
    }
    res
      .type('html')
      .send(signInPage({ requestId: id, next: undefined, appName: appName(check.params.clientId), email: '', firstName: '', lastName: '', errors: [] }));
  });

  /** With ?request=, "use another account" from the consent page: signing in re-binds the request. */
  router.get(identityPaths.signIn, pageHeaders, async (req, res) => {
    const requestId = typeof req.query.request === 'string' ? req.query.request : undefined;
    const pending = requestId === undefined ? undefined : await loadPending(requestId);
    if (requestId !== undefined && !pending) return stale(res);
    const next = localPath(req.query.next);
    res
      .type('html')
      .send(signInPage({ requestId, next, appName: pending && appName(pending.params.clientId), email: '', firstName: '', lastName: '', errors: [] }));
  });

  router.post(identityPaths.signIn, pageHeaders, form, async (req, res) => {
    const requestId = formField(req.body, 'request');
    const pending = requestId === undefined ? undefined : await loadPending(requestId);
    if (requestId !== undefined && !pending) return stale(res);
    const input = {
      email: formField(req.body, 'email') ?? '',
      firstName: formField(req.body, 'first_name') ?? '',
      lastName: formField(req.body, 'last_name') ?? '',
    };
    const next = localPath(formField(req.body, 'next'));
    const errors = validateSignIn(input);
    if (errors.length > 0) {
      res
        .status(400)
        .type('html')
        .send(signInPage({ requestId, next, appName: pending && appName(pending.params.clientId), ...input, errors }));
      return;
    }
    const { session } = await signIn(deps, input);
    setSessionCookie(deps, res, session);
    if (!pending) {
      res.redirect(303, next ?? identityPaths.myXero);
      return;
    }
    await attachSessionToPending(deps.db, pending.id, session.id);
    res.redirect(303, consentUrl(pending.id));
  });

  /** The pending request must belong to this browser's session, so a leaked id is useless elsewhere. */
  async function pendingForBrowser(req: Request, id: string | undefined) {
    const pending = await loadPending(id);
    const signedIn = await currentSignIn(deps, req);
    if (!pending || !signedIn || pending.sessionId !== signedIn.session.id) return undefined;
    return { pending, signedIn };
  }

  router.get(identityPaths.consent, pageHeaders, async (req, res) => {
    const id = typeof req.query.request === 'string' ? req.query.request : undefined;
    const found = await pendingForBrowser(req, id);
    if (!found) return stale(res);
    // As Xero does, the first organisation is ticked to begin with; the user changes it as they wish.
    const first = (await listUserOrganisations(deps, found.signedIn.user.id))[0];
    await renderConsent(res, found.pending, found.signedIn, [], first ? [first.tenantId] : []);
  });

  router.post(identityPaths.consent, pageHeaders, form, async (req, res) => {
    const found = await pendingForBrowser(req, formField(req.body, 'request'));
    if (!found) return stale(res);
    const { pending, signedIn } = found;
    if (formField(req.body, 'decision') !== 'allow') {
      await deletePendingAuthorize(deps.db, pending.id);
      res.redirect(302, cancelRedirect(pending.params));
      return;
    }
    const tenantIds = formFields(req.body, 'tenantId');
    const result = await approve(deps, { params: pending.params, session: signedIn.session, tenantIds });
    if (!result.ok) {
      await renderConsent(res, pending, signedIn, result.errors, tenantIds);
      return;
    }
    await deletePendingAuthorize(deps.db, pending.id);
    res.redirect(302, result.redirectUrl);
  });

  return router;
}
