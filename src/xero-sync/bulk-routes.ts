/**
 * Bulk send pages: the confirmation (GET /bulk-sends/new: how many, contacts created or updated on the
 * way, rough time), starting the run (POST /bulk-sends), its progress page (GET /bulk-sends/:id, which
 * updates itself from /bulk-sends/:id/progress.json), Pause / Resume / Cancel / Retry failed, and the
 * organisation's runs (GET /bulk-sends).
 */
import { Router, type Request, type Response } from 'express';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { parseListQuery, paginationView } from '../common/list-query.js';
import { flash } from '../http/flash.js';
import { requestContext } from '../http/request-context.js';
import { displayName } from '../common/tenancy.js';
import type { BulkRuns, BulkSelection, BulkSource } from './bulk-runs.js';
import { MAX_RUN_RECORDS } from './bulk-runs.js';
import { confirmView, progressJson, progressView, runListRow } from './bulk-view-model.js';
import type { SyncEngine } from './sync-engine.js';

export interface BulkRouteDeps {
  bulk: BulkRuns;
  engine: SyncEngine;
}

function idParam(req: Request): string {
  const id: unknown = req.params.id;
  if (typeof id !== 'string' || id.length > 36) throw new NotFoundError();
  return id;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The selection from a query or a form: ticked rows (`id`, repeated) or "all matching" with the list's filters. */
function selectionOf(source: BulkSource, raw: Record<string, unknown>): BulkSelection {
  if (str(raw.all) === '1') {
    const query: Record<string, string> = {};
    for (const name of source.filterParams) if (str(raw[name])) query[name] = str(raw[name]).slice(0, 200);
    return { all: true, query };
  }
  return {
    ids: list(raw.id)
      .filter((id) => id.length > 0 && id.length <= 36)
      .slice(0, MAX_RUN_RECORDS + 1),
  };
}

export function bulkRoutes(deps: BulkRouteDeps): Router {
  const router = Router();
  const serviceOf = (res: Response) => deps.bulk.forOrganisation(requestContext(res).tdb);
  // `records` names the kind of record (not `kind`: the contacts list filters by a `kind` of its own).
  const sourceOf = (raw: Record<string, unknown>) => deps.bulk.sourceOf(str(raw.records));

  router.get('/bulk-sends', async (req, res) => {
    const query = parseListQuery(req.query, { sorts: ['created'] as const, defaultSort: 'created', defaultDir: 'desc' });
    const { runs, total } = await serviceOf(res).list(query.page, query.pageSize);
    const rows = await Promise.all(runs.map(async (run) => runListRow(await serviceOf(res).progress(run.id), deps.bulk.sourceOf(run.recordKind))));
    res.render('xero-sync/bulk-runs', {
      title: 'Bulk sends',
      runs: rows,
      sources: deps.bulk.sources.map((s) => ({ plural: s.plural, listPath: s.listPath })),
      pagination: paginationView('/bulk-sends', {}, query.page, query.pageSize, total),
    });
  });

  router.get('/bulk-sends/new', async (req, res) => {
    const raw = req.query as Record<string, unknown>;
    const source = sourceOf(raw);
    const selection = selectionOf(source, raw);
    try {
      const plan = await serviceOf(res).preview(source.kind, selection);
      const view = confirmView(plan, source, selection, plan.day);
      res.render('xero-sync/bulk-confirm', { title: view.title, confirm: view });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
      res.redirect(303, source.listPath);
    }
  });

  router.post('/bulk-sends', async (req, res) => {
    const ctx = requestContext(res);
    const raw = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const source = sourceOf(raw);
    try {
      const run = await serviceOf(res).start(source.kind, selectionOf(source, raw), { userId: ctx.user.id, name: displayName(ctx.user) });
      flash(
        req,
        'success',
        `Sending ${run.total.toLocaleString('en')} ${run.total === 1 ? source.noun : source.plural} to Xero.${run.joined ? ` ${run.joined.toLocaleString('en')} were already on their way and are not sent twice.` : ''}`,
      );
      res.redirect(303, `/bulk-sends/${encodeURIComponent(run.id)}`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
      res.redirect(303, source.listPath);
    }
  });

  router.get('/bulk-sends/:id', async (req, res) => {
    const service = serviceOf(res);
    const progress = await service.progress(idParam(req));
    const query = parseListQuery(req.query, { sorts: ['created'] as const, defaultSort: 'created' });
    const failed = await service.failed(progress.run.id, query.page, query.pageSize);
    const view = progressView(progress, deps.bulk.sourceOf(progress.run.recordKind), failed, deps.engine, query.page, query.pageSize);
    res.render('xero-sync/bulk-run', { title: view.title, progress: view });
  });

  router.get('/bulk-sends/:id/progress.json', async (req, res) => {
    const progress = await serviceOf(res).progress(idParam(req));
    res.set('Cache-Control', 'no-store').json(progressJson(progress));
  });

  const act = (verb: 'pause' | 'resume' | 'cancel' | 'retryFailed', done: (n: number) => string) => async (req: Request, res: Response) => {
    const id = idParam(req);
    try {
      const service = serviceOf(res);
      const result = await service[verb](id);
      flash(req, 'success', done(typeof result === 'number' ? result : 0));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
    }
    res.redirect(303, `/bulk-sends/${encodeURIComponent(id)}`);
  };
  router.post(
    '/bulk-sends/:id/pause',
    act('pause', () => 'Paused: nothing more is sent until you press Resume.'),
  );
  router.post(
    '/bulk-sends/:id/resume',
    act('resume', () => 'Resumed.'),
  );
  router.post(
    '/bulk-sends/:id/cancel',
    act('cancel', () => 'Cancelled: the records not yet sent will not be sent.'),
  );
  router.post(
    '/bulk-sends/:id/retry-failed',
    act('retryFailed', (n) => `Sending ${n.toLocaleString('en')} failed ${n === 1 ? 'record' : 'records'} again.`),
  );

  return router;
}
