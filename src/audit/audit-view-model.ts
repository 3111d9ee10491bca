/** An audit entry as a row of a table: when (UTC), who, what, and what it came to. */
import { formatMoment } from '../common/dates.js';
import type { AuditEntry } from './audit-repository.js';

export interface AuditEntryView {
  at: string;
  who: string;
  action: string;
  detail: string | null;
}

export const auditEntryView = (e: AuditEntry): AuditEntryView => ({
  at: formatMoment(new Date(e.at)),
  who: e.userName,
  action: e.action,
  detail: e.detail ?? null,
});
