/** The Xero settings page: what is cached, when it was refreshed, and a "Refresh from Xero" button. */
import { Router } from 'express';
import { AppError } from '../common/errors.js';
import { flash } from '../http/flash.js';
import { requestContext, requireOrganisation } from '../tenants/request-context.js';
import type { Organisation } from '../tenants/tenants.js';
import { refreshXeroSettings, xeroSettingsSummary } from './xero-settings-service.js';
import type { XeroSettingsSource } from './xero-settings-source.js';
import { refreshMessage, xeroSettingsPageView } from './xero-settings-view-model.js';

export interface XeroSettingsRouteDeps {
  /** Absent until the Xero gateway adapter is wired in: the page then says refreshing is unavailable. */
  sourceFor: ((organisation: Organisation) => XeroSettingsSource) | undefined;
  now?: () => Date;
}

export function xeroSettingsRoutes(deps: XeroSettingsRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  router.get('/settings/xero', requireOrganisation, async (_req, res) => {
    const summary = await xeroSettingsSummary(requestContext(res).tdb);
    res.render('xero-settings/show', { title: 'Xero settings', settings: xeroSettingsPageView(summary, Boolean(deps.sourceFor)) });
  });

  router.post('/settings/xero/refresh', requireOrganisation, async (req, res) => {
    const { organisation, tdb } = requestContext(res);
    if (!deps.sourceFor) {
      flash(req, 'error', 'Refreshing from Xero is not available: this Ledgerside has no Xero connection configured.');
      return res.redirect(303, '/settings/xero');
    }
    const full = typeof req.body === 'object' && req.body !== null && (req.body as Record<string, unknown>).full === '1';
    try {
      const results = await refreshXeroSettings(tdb, deps.sourceFor(organisation), now(), { full });
      flash(req, 'success', refreshMessage(results));
    } catch (error) {
      // Xero's refusals (expired connection, rate limit…) come from the gateway as AppErrors fit to show.
      if (!(error instanceof AppError)) throw error;
      flash(req, 'error', `Could not refresh from Xero: ${error.message} Your cached settings are unchanged.`);
    }
    res.redirect(303, '/settings/xero');
  });

  return router;
}
