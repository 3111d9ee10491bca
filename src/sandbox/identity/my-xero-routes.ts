/**
 * The sandbox's "My Xero" page for a signed-in user: their organisations, the apps connected to each
 * with a Disconnect button (as Xero's Connected apps does), and a form to add organisations.
 */
import express, { Router, type Request, type Response } from 'express';
import type { OrganisationSeed } from '../identity-accounting-seam.js';
import { redirectWith } from './authorize-params.js';
import { currentSignIn, endSession, type SignedIn } from './browser-session.js';
import { CSRF_REFUSED, csrfMatches, formField } from '../web/form.js';
import { deleteConnection, listConnections } from './connections-repository.js';
import { pageHeaders } from '../web/page-headers.js';
import { findClient, identityPaths, type IdentityDeps } from './identity-deps.js';
import { myXeroPage } from './pages/my-xero-page.js';
import { addOrganisation, countryCodes, listUserOrganisations } from './user-service.js';
import { connectionDate } from './xero-dates.js';

function isRegisteredOrigin(deps: IdentityDeps, url: string): boolean {
  const origin = URL.canParse(url) ? new URL(url).origin : undefined;
  return deps.clients.some((c) => c.redirectUris.some((r) => new URL(r).origin === origin));
}

const isCountryCode = (v: string | undefined): v is OrganisationSeed['countryCode'] => countryCodes.some((c) => c === v);

export function myXeroRoutes(deps: IdentityDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  async function render(res: Response, signedIn: SignedIn, errors: string[], newOrganisationName = ''): Promise<void> {
    const organisations = await listUserOrganisations(deps, signedIn.user.id);
    const connections = await listConnections(deps.db, { userId: signedIn.user.id });
    res
      .status(errors.length > 0 ? 400 : 200)
      .type('html')
      .send(
        myXeroPage({
          userEmail: signedIn.user.email,
          csrfToken: signedIn.session.csrfToken,
          errors,
          newOrganisationName,
          organisations: organisations.map((o) => ({
            tenantId: o.tenantId,
            name: o.name,
            countryCode: o.countryCode,
            shortCode: o.shortCode,
            apps: connections
              .filter((c) => c.tenantId === o.tenantId)
              .map((c) => ({
                connectionId: c.id,
                appName: findClient(deps, c.clientId)?.name ?? c.clientId,
                connectedAt: connectionDate(c.updatedAt).slice(0, 16).replace('T', ' '),
              })),
          })),
        }),
      );
  }

  /** Signed in and carrying this session's CSRF token; otherwise answers itself. */
  async function signedInForm(req: Request, res: Response): Promise<SignedIn | undefined> {
    const signedIn = await currentSignIn(deps, req);
    if (!signedIn) {
      res.redirect(303, identityPaths.signIn);
      return undefined;
    }
    if (!csrfMatches(req.body, signedIn.session.csrfToken)) {
      res.status(403).type('text').send(CSRF_REFUSED);
      return undefined;
    }
    return signedIn;
  }

  router.get(identityPaths.myXero, pageHeaders, async (req, res) => {
    const signedIn = await currentSignIn(deps, req);
    if (!signedIn) return res.redirect(303, identityPaths.signIn);
    await render(res, signedIn, []);
  });

  router.post(`${identityPaths.myXero}/organisations`, pageHeaders, form, async (req, res) => {
    const signedIn = await signedInForm(req, res);
    if (!signedIn) return;
    const name = (formField(req.body, 'name') ?? '').trim();
    const countryCode = formField(req.body, 'countryCode');
    const errors = [
      ...(name === '' || name.length > 255 ? ['Enter an organisation name (up to 255 characters).'] : []),
      ...(isCountryCode(countryCode) ? [] : ['Choose a country: AU, NZ, GB or US.']),
    ];
    if (errors.length > 0 || !isCountryCode(countryCode)) return render(res, signedIn, errors, name);
    await addOrganisation(deps, signedIn.user.id, { name, countryCode });
    res.redirect(303, identityPaths.myXero);
  });

  router.post(`${identityPaths.myXero}/connections/:id/disconnect`, pageHeaders, form, async (req, res) => {
    const signedIn = await signedInForm(req, res);
    if (!signedIn) return;
    await deleteConnection(deps.db, { id: String(req.params.id), userId: signedIn.user.id });
    res.redirect(303, identityPaths.myXero);
  });

  /** Also the OIDC end_session endpoint: back to the app when it names a page on a registered origin. */
  const signOut = async (req: Request, res: Response): Promise<void> => {
    await endSession(deps, req, res);
    const back = typeof req.query.post_logout_redirect_uri === 'string' ? req.query.post_logout_redirect_uri : undefined;
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    if (back !== undefined && isRegisteredOrigin(deps, back)) {
      res.redirect(303, state === undefined ? back : redirectWith(back, { state }));
      return;
    }
    res.redirect(303, identityPaths.signIn);
  };
  router.get(identityPaths.signOut, pageHeaders, signOut);
  router.post(identityPaths.signOut, pageHeaders, signOut);

  return router;
}
