/**
 * A record's History on its own page: its latest audit entries (who, what, when, what it came to), how
 * many there are in all, and for the organisation's admins a link to the whole of it on /audit. Every
 * member who can open the record reads its history; /audit itself stays the admins' page.
 *
 * `historyPanel(kind)` is a page panel: document kinds take it through the kit's `pagePanels`, and the
 * contact and project pages through their own `pagePanels` (wired in app.ts). It renders
 * `views/audit/history.ejs`.
 */
import type { RequestContext } from '../http/request-context.js';
import { auditRepository } from './audit-repository.js';
import { auditEntryView, type AuditEntryView } from './audit-view-model.js';

/** How many entries a record page shows before "All N entries". */
export const HISTORY_LIMIT = 10;

export interface RecordHistoryView {
  entries: AuditEntryView[];
  total: number;
  /** /audit filtered to this record, for admins; null for other members. */
  fullHref: string | null;
}

export async function recordHistory(ctx: RequestContext, recordKind: string, recordId: string, limit = HISTORY_LIMIT): Promise<RecordHistoryView> {
  const { entries, total } = await auditRepository(ctx.tdb).list({ recordKind, recordId }, 1, limit);
  return {
    entries: entries.map(auditEntryView),
    total,
    fullHref: ctx.role === 'admin' ? `/audit?kind=${encodeURIComponent(recordKind)}&record=${encodeURIComponent(recordId)}` : null,
  };
}

/** The History panel of a record page of `recordKind` (the kind as its path names it: 'contacts', 'quotes', …), at the page's end. */
export function historyPanel(recordKind: string, limit = HISTORY_LIMIT) {
  return async (ctx: RequestContext, record: { id: string }) => ({
    place: 'end' as const,
    partial: 'audit/history',
    locals: { history: await recordHistory(ctx, recordKind, record.id, limit) },
  });
}
