/** The import page, starting an import of a kind, resuming a failed run. */
import { Router } from 'express';
import { ConflictError } from '../common/errors.js';
import { flash } from '../http/flash.js';
import { requestContext, type RequestContext } from '../http/request-context.js';
import { parseKind, parseRunId } from './xero-import-schema.js';
import { KIND_NOUNS, type XeroImports } from './xero-import-service.js';
import { importPageView } from './xero-import-view-model.js';

export function xeroImportRoutes(imports: XeroImports): Router {
  const router = Router();
  const serviceFor = (ctx: RequestContext) => imports.forOrganisation(ctx.organisation, ctx.tdb);

  router.get('/import/xero', async (_req, res) => {
    const view = importPageView(await serviceFor(requestContext(res)).overview());
    res.render('xero-import/import', { title: 'Import from Xero', page: view });
  });

  router.post('/import/xero/:kind', async (req, res) => {
    const kind = parseKind(req.params.kind);
    try {
      await serviceFor(requestContext(res)).start(kind);
      flash(req, 'success', `Importing ${KIND_NOUNS[kind]} from Xero. This page shows how far it has got.`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, '/import/xero');
  });

  router.post('/import/xero/runs/:id/resume', async (req, res) => {
    const service = serviceFor(requestContext(res));
    const run = await service.get(parseRunId(req.params.id)); // another organisation's run: 404
    try {
      await service.resume(run.id);
      flash(req, 'success', `Resuming the import of ${KIND_NOUNS[run.kind]} from page ${run.nextPage}.`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, '/import/xero');
  });

  return router;
}
