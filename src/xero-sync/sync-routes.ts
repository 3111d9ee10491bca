/**
 * Sync pages and actions: the sync log (/sync-log), Retry / Cancel / Link / Create new on an operation,
 * a small JSON status for the page poll, "Send to Xero" on a contact, and the contact page's Xero panel
 * (put in res.locals.xeroPanel before the contacts router renders the page).
 */
import { Router, type Request, type Response } from 'express';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { parseListQuery } from '../common/list-query.js';
import { paginationView } from '../common/list-query.js';
import { flash } from '../http/flash.js';
import { isLocalPath } from '../http/return-path.js';
import { idParam } from '../http/params.js';
import { contactRepository } from '../contacts/index.js';
import { requestContext } from '../http/request-context.js';
import { displayName } from '../common/tenancy.js';
import type { ContactPanels } from './contact-panel.js';
import { contactChanges } from './contact-changes.js';
import { FIELD_LABELS, type FieldKey } from './contact-xero-fields.js';
import type { SyncEngine } from './sync-engine.js';
import type { BulkRuns } from './bulk-runs.js';
import { bulkRoutes } from './bulk-routes.js';
import { operationView, pollIdsOf, STATE_OPTIONS, type SyncLogView } from './sync-log-view-model.js';

const FIELD_KEYS = Object.keys(FIELD_LABELS) as FieldKey[];

export interface SyncRouteDeps {
  engine: SyncEngine;
  panels: ContactPanels;
  /** Xero's web app (deep links): go.xero.com, or the sandbox in demo mode. */
  webUrl: string;
  /** Bulk sends' pages (bulk-routes.ts), when given. */
  bulk?: BulkRuns;
}

function field(body: unknown, name: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Back to the page the button was on, when it is one of ours. */
function back(req: Request, res: Response): void {
  const to = field(req.body, 'returnTo');
  res.redirect(303, isLocalPath(to) ? to : '/sync-log');
}

export function syncRoutes(deps: SyncRouteDeps): Router {
  const router = Router();
  const { engine } = deps;
  if (deps.bulk) router.use(bulkRoutes({ bulk: deps.bulk, engine }));
  const serviceOf = (res: Response) => engine.forOrganisation(requestContext(res).tdb);

  router.get('/sync-log', async (req, res) => {
    const ctx = requestContext(res);
    const query = parseListQuery(req.query, { sorts: ['created'] as const, defaultSort: 'created', defaultDir: 'desc' });
    const rawState = typeof req.query.state === 'string' ? req.query.state : '';
    const state = rawState === 'failed' || rawState === 'open' || rawState === 'done' ? rawState : null;
    const rawKind = typeof req.query.kind === 'string' ? req.query.kind : '';
    const recordKind = engine.handlers.some((h) => h.kind === rawKind) ? rawKind : null;
    const { operations, total, more } = await serviceOf(res).repo.list({ state, recordKind }, query.page, query.pageSize);
    const views = operations.map((op) => operationView(op, engine.handlerOf(op.recordKind), ctx.organisation, deps.webUrl));
    const params: Record<string, string> = {};
    if (state) params.state = state;
    if (recordKind) params.kind = recordKind;
    const view: SyncLogView = {
      operations: views,
      filters: { state: state ?? '', recordKind: recordKind ?? '' },
      stateOptions: STATE_OPTIONS.map((o) => ({ ...o, selected: o.value === (state ?? '') })),
      kindOptions: [{ value: '', label: 'All records' }, ...engine.handlers.map((h) => ({ value: h.kind, label: `${h.noun}s` }))].map((o) => ({
        ...o,
        selected: o.value === (recordKind ?? ''),
      })),
      pagination: paginationView('/sync-log', params, query.page, query.pageSize, total, more),
      filtered: Boolean(state || recordKind),
      pollIds: pollIdsOf(views),
    };
    res.render('xero-sync/sync-log', { title: 'Sync log', log: view, returnTo: req.originalUrl });
  });

  /** Current statuses of the given operations (this organisation's only), for the page's poll. */
  router.get('/sync-log/status.json', async (req, res) => {
    const raw = typeof req.query.ids === 'string' ? req.query.ids : '';
    const ids = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && s.length <= 36)
      .slice(0, 100);
    const repo = serviceOf(res).repo;
    const statuses: Record<string, string> = {};
    for (const id of ids) {
      const op = await repo.findById(id);
      if (op) statuses[id] = op.status;
    }
    res.set('Cache-Control', 'no-store').json({ statuses });
  });

  const act = (verb: 'retry' | 'cancel', done: string) => async (req: Request, res: Response) => {
    try {
      const op = await serviceOf(res)[verb](idParam(req));
      engine.worker.wake();
      flash(req, 'success', `${done}: ${op.recordLabel}.`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
    }
    back(req, res);
  };
  router.post('/sync-log/:id/retry', act('retry', 'Sending again'));
  router.post('/sync-log/:id/cancel', act('cancel', 'Cancelled the send of'));

  router.post('/sync-log/:id/link', async (req, res) => {
    try {
      const op = await serviceOf(res).choose(idParam(req), { linkTo: field(req.body, 'xeroContactId') });
      engine.worker.wake();
      flash(req, 'success', `Linking ${op.recordLabel} to the Xero contact you chose.`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
    }
    back(req, res);
  });

  router.post('/sync-log/:id/create-new', async (req, res) => {
    try {
      const op = await serviceOf(res).choose(idParam(req), { createNew: true });
      engine.worker.wake();
      flash(req, 'success', `Creating ${op.recordLabel} as a new contact in Xero.`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      flash(req, 'error', error.message);
    }
    back(req, res);
  });

  router.post('/contacts/:id/send-to-xero', async (req, res) => {
    const ctx = requestContext(res);
    const contacts = contactRepository(ctx.tdb);
    const contact = await contacts.findById(idParam(req));
    if (!contact) throw new NotFoundError('contact');
    const company = contact.kind === 'person' && contact.companyId ? await contacts.findById(contact.companyId) : null;
    const record = company ?? contact;
    if (record.archivedAt) {
      flash(req, 'error', `${record.name} is archived. Restore it before sending it to Xero.`);
      res.redirect(303, `/contacts/${encodeURIComponent(contact.id)}`);
      return;
    }
    const { joined } = await serviceOf(res).enqueue({
      recordKind: 'contact',
      recordId: record.id,
      recordLabel: record.name,
      requester: { userId: ctx.user.id, name: displayName(ctx.user) },
    });
    engine.worker.wake();
    const as = company ? ` (as a contact person of ${company.name})` : '';
    flash(req, 'success', joined ? `${record.name} is already on its way to Xero.` : `Sending ${record.name} to Xero${as}. This page shows when it is done.`);
    res.redirect(303, `/contacts/${encodeURIComponent(contact.id)}`);
  });

  /** The contact whose Xero copy a page's contact is part of (a person of a company: the company). */
  async function sentContactOf(res: Response, id: string) {
    const contacts = contactRepository(requestContext(res).tdb);
    const contact = await contacts.findById(id);
    if (!contact) throw new NotFoundError('contact');
    const company = contact.kind === 'person' && contact.companyId ? await contacts.findById(contact.companyId) : null;
    return { contact, record: company ?? contact };
  }

  // "Changed in Xero": Take Xero's values (one field, or all), or Keep Ledgerside's values (and send them).
  router.post('/contacts/:id/xero-changes/take', async (req, res) => {
    const ctx = requestContext(res);
    const { contact, record } = await sentContactOf(res, idParam(req));
    const chosen = field(req.body, 'field');
    const keys = chosen === 'all' || chosen === '' ? 'all' : FIELD_KEYS.filter((k) => k === chosen);
    try {
      const taken = await contactChanges(ctx.tdb).take(record.id, keys, new Date());
      flash(
        req,
        taken.length ? 'success' : 'error',
        taken.length ? `Took Xero's values: ${taken.map((d) => d.label).join(', ')}.` : 'Xero has nothing different to take any more.',
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      flash(req, 'error', `Xero's values cannot be taken as they are: ${Object.values(error.fieldErrors).join(' ')} Edit the contact instead.`);
    }
    res.redirect(303, `/contacts/${encodeURIComponent(contact.id)}#xero-panel`);
  });

  router.post('/contacts/:id/xero-changes/keep', async (req, res) => {
    const ctx = requestContext(res);
    const { contact, record } = await sentContactOf(res, idParam(req));
    if (await contactChanges(ctx.tdb).keep(record.id)) {
      await serviceOf(res).enqueue({
        recordKind: 'contact',
        recordId: record.id,
        recordLabel: record.name,
        requester: { userId: ctx.user.id, name: displayName(ctx.user) },
      });
      engine.worker.wake();
      flash(req, 'success', `Keeping Ledgerside's values: sending ${record.name} to Xero.`);
    }
    res.redirect(303, `/contacts/${encodeURIComponent(contact.id)}#xero-panel`);
  });

  return router;
}
