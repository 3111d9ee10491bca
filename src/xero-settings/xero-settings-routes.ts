/** The Xero settings page: what is cached, when it was refreshed, and a "Refresh from Xero" button. */
import { Router, type Response } from 'express';
import { AppError, ValidationError } from '../common/errors.js';
import type { FieldErrors, FormValues } from '../http/form-input.js';
import { flash } from '../http/flash.js';
import { requestContext } from '../http/request-context.js';
import type { Organisation } from '../common/tenancy.js';
import { refreshXeroSettings, xeroSettingsSummary } from './xero-settings-service.js';
import type { XeroSettingsSource } from './xero-settings-source.js';
import { refreshMessage, xeroDefaultsFormView, xeroSettingsPageView } from './xero-settings-view-model.js';
import { parseXeroDefaultsForm, referencesOf, xeroDefaultsFormValues } from './xero-defaults-schema.js';
import { xeroDefaultsService } from './xero-defaults-service.js';

export interface XeroSettingsRouteDeps {
  /** Absent until the Xero gateway adapter is wired in: the page then says refreshing is unavailable. */
  sourceFor: ((organisation: Organisation) => XeroSettingsSource) | undefined;
  now?: () => Date;
}

export function xeroSettingsRoutes(deps: XeroSettingsRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  /** The page: the cache's state and the defaults form (stored values, or what was just typed). */
  async function renderPage(res: Response, typed?: { values: FormValues; errors: FieldErrors }): Promise<void> {
    const { tdb } = requestContext(res);
    const summary = await xeroSettingsSummary(tdb);
    const service = xeroDefaultsService(tdb);
    const stored = await service.stored();
    const values = typed?.values ?? xeroDefaultsFormValues(stored.input);
    const read = await service.read();
    const defaults = xeroDefaultsFormView({
      values,
      errors: typed?.errors ?? {},
      options: await service.formOptions(values),
      saved: stored.saved,
      problems: read.problems,
    });
    res
      .status(defaults.errorCount ? 422 : 200)
      .render('xero-settings/show', { title: 'Xero settings', settings: xeroSettingsPageView(summary, Boolean(deps.sourceFor)), defaults });
  }

  router.get('/settings/xero', (_req, res) => renderPage(res));

  router.post('/settings/xero/defaults', async (req, res) => {
    const parsed = parseXeroDefaultsForm(req.body);
    const service = xeroDefaultsService(requestContext(res).tdb);
    if (!parsed.ok) {
      const cacheErrors = await service.fieldErrors(referencesOf(parsed.values));
      return renderPage(res, { values: parsed.values, errors: { ...cacheErrors, ...parsed.fieldErrors } });
    }
    try {
      await service.save(parsed.input, now());
    } catch (error) {
      if (error instanceof ValidationError) return renderPage(res, { values: parsed.values, errors: error.fieldErrors });
      throw error;
    }
    flash(req, 'success', 'Saved your Xero defaults.');
    res.redirect(303, '/settings/xero#defaults');
  });

  router.post('/settings/xero/refresh', async (req, res) => {
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
