/**
 * The accountant's pages: what Xero's own users see of an organisation (invoices, purchase orders,
 * repeating invoices, contacts, credit notes) at `/app/{ShortCode}/…`, for the signed-in sandbox user's
 * own organisations only (anything else is 404), every form carrying the session's CSRF token. Also
 * Xero's deep links (`/organisationlogin/default.aspx?shortcode=…&redirecturl=…`), which land here.
 */
import cookieParser from 'cookie-parser';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { html, layout } from '../../web/html.js';
import { CSRF_REFUSED, csrfMatches } from '../../web/form.js';
import { pageHeaders } from '../../web/page-headers.js';
import { findOrganisationByShortCode } from '../organisations.js';
import { mountContactPages } from './contacts-pages.js';
import { mountCreditNotePages } from './credit-notes-pages.js';
import { mountDeepLinks } from './deep-links.js';
import { mountInvoicePages } from './invoices-pages.js';
import { notFoundPage } from './not-found.js';
import { OrganisationPage, pageOf, setPage, type AccountantPagesDeps } from './page-context.js';
import { mountPurchaseOrderPages } from './purchase-orders-pages.js';
import { mountQuotePages } from './quotes-pages.js';
import { mountRepeatingInvoicePages } from './repeating-invoices-pages.js';

export function createAccountantPages(deps: AccountantPagesDeps): Router {
  const router = Router();
  router.use(cookieParser());
  const form = express.urlencoded({ extended: false, limit: '32kb' });

  /** Signed in, the organisation is theirs, and a POST carries their CSRF token. */
  const gate = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const visitor = await deps.visitor(req);
    if (!visitor) {
      const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      return res.redirect(303, `${deps.signInPath}${back}`);
    }
    const org = await findOrganisationByShortCode(deps.db, String(req.params['shortCode']));
    if (!org || !visitor.tenantIds.some((t) => t.toLowerCase() === org.tenant_id)) {
      return notFoundPage(res, visitor.email, 'You have no organisation with this short code.');
    }
    if (req.method === 'POST' && !csrfMatches(req.body, visitor.csrfToken)) {
      res
        .status(403)
        .type('html')
        .send(layout({ title: 'Form expired', signedInAs: visitor.email, body: html`<p>${CSRF_REFUSED}</p>` }));
      return;
    }
    setPage(res, new OrganisationPage(org, visitor, deps, `${req.protocol}://${req.get('host') ?? 'localhost'}/api.xro/2.0`));
    next();
  };

  const pages = Router();
  pages.get('/', (_req, res) => res.redirect(303, `${pageOf(res).base}/invoices`));
  mountInvoicePages(pages);
  mountPurchaseOrderPages(pages);
  mountRepeatingInvoicePages(pages);
  mountContactPages(pages);
  mountQuotePages(pages);
  mountCreditNotePages(pages);
  pages.use((_req, res) => notFoundPage(res, pageOf(res).visitor.email, 'The sandbox has no such page.'));

  router.use('/app/:shortCode', pageHeaders, form, gate, pages);
  mountDeepLinks(router, deps);
  return router;
}
