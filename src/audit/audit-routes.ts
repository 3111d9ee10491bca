/**
 * The organisation's audit trail page (/audit), for its admins: newest first, filters by kind of record
 * and by record, pages of 25/50/100. A member who is not an admin gets a 403 page naming the admins.
 */
import { Router } from 'express';
import { paginationView, parseListQuery } from '../common/list-query.js';
import { isUuid } from '../http/input-boundary.js';
import { requestContext } from '../http/request-context.js';
import { auditRepository, type AuditEntry } from './audit-repository.js';
import { auditEntryView } from './audit-view-model.js';

/** The record's page, when it still has one (an organisation's is the Organisations page). */
function recordHref(e: AuditEntry): string | null {
  if (e.recordKind === 'organisations') return '/organisations';
  return e.recordId && e.action !== 'deleted' ? `/${e.recordKind}/${e.recordId}` : null;
}

export interface AuditRouteDeps {
  /** The names of an organisation's admins (the organisations capability's, injected: it records into this folder). */
  adminNamesOf(organisationId: string): Promise<string[]>;
}

export function auditRoutes(deps: AuditRouteDeps): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const ctx = requestContext(res);
    if (ctx.role !== 'admin') {
      const admins = await deps.adminNamesOf(ctx.organisation.id);
      res.status(403).render('audit/admins-only', { title: 'Audit trail: for admins', organisationName: ctx.organisation.name, admins });
      return;
    }
    const repo = auditRepository(ctx.tdb);
    const query = parseListQuery(req.query, { sorts: ['at'] as const, defaultSort: 'at', defaultDir: 'desc' });
    const kinds = await repo.kinds();
    const rawKind = typeof req.query.kind === 'string' ? req.query.kind : '';
    const recordKind = kinds.includes(rawKind) ? rawKind : null;
    const recordId = isUuid(req.query.record) ? req.query.record : null;
    const { entries, total } = await repo.list({ recordKind, recordId }, query.page, query.pageSize);
    const params: Record<string, string> = {};
    if (recordKind) params.kind = recordKind;
    if (recordId) params.record = recordId;
    res.render('audit/audit', {
      title: 'Audit trail',
      audit: {
        entries: entries.map((e) => ({
          ...auditEntryView(e),
          kind: e.recordKind.replace(/-/g, ' '),
          href: recordHref(e),
          historyHref: e.recordId ? `/audit?record=${e.recordId}` : null,
        })),
        kindOptions: [
          { value: '', label: 'All records', selected: !recordKind },
          ...kinds.map((k) => ({ value: k, label: k.replace(/-/g, ' '), selected: k === recordKind })),
        ],
        recordId,
        filtered: Boolean(recordKind || recordId),
        pagination: paginationView('/audit', params, query.page, query.pageSize, total),
      },
    });
  });
  return router;
}
