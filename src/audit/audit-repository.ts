/** Audit entries of one organisation: written once, never changed; listed newest first. */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { dbTime, requiredText, text, type DbRow } from '../db/row-values.js';

export const AUDIT_ACTIONS = [
  'created',
  'changed',
  'archived',
  'restored',
  'deleted',
  'asked to send to Xero',
  'sent to Xero',
  'not sent to Xero',
  'connected',
  'disconnected',
  'added a note',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntryInput {
  userId: string | null;
  userName: string;
  action: AuditAction;
  /** The record's kind as its path names it: 'contacts', 'quotes', 'purchase-orders', … */
  recordKind: string;
  recordId: string | null;
  /** The page the action was taken on (its record page when there is one). */
  path: string;
  /** What it came to, in words: a send's outcome ("Created in Xero.", Xero's refusal), why an organisation was disconnected. */
  detail?: string | null;
}

export interface AuditEntry extends AuditEntryInput {
  id: string;
  at: string;
}

export interface AuditFilters {
  recordKind: string | null;
  recordId: string | null;
}

const toEntry = (r: DbRow): AuditEntry => ({
  id: requiredText(r, 'id'),
  at: requiredText(r, 'at'),
  userId: text(r, 'user_id') || null,
  userName: requiredText(r, 'user_name'),
  action: (AUDIT_ACTIONS.find((a) => a === r.action) ?? 'changed') as AuditAction,
  recordKind: requiredText(r, 'record_kind'),
  recordId: text(r, 'record_id') || null,
  path: requiredText(r, 'path'),
  detail: text(r, 'detail') || null,
});

const toRow = (entry: AuditEntryInput, at: Date) => ({
  id: randomUUID(),
  at: dbTime(at),
  user_id: entry.userId,
  user_name: entry.userName.slice(0, 255),
  action: entry.action,
  record_kind: entry.recordKind.slice(0, 64),
  record_id: entry.recordId,
  path: entry.path.slice(0, 255),
  detail: entry.detail ? entry.detail.slice(0, 255) : null,
});

export function auditRepository(tdb: TenantDb) {
  return {
    async record(entry: AuditEntryInput, at = new Date()): Promise<void> {
      await tdb.insert('audit_entries', toRow(entry, at));
    },

    /** Several entries in one insert, each at its own time. */
    async recordMany(entries: readonly { entry: AuditEntryInput; at: Date }[]): Promise<void> {
      await tdb.insert(
        'audit_entries',
        entries.map(({ entry, at }) => toRow(entry, at)),
      );
    },

    async list(filters: AuditFilters, page: number, pageSize: number): Promise<{ entries: AuditEntry[]; total: number }> {
      const base = () => {
        const q = tdb.from('audit_entries');
        if (filters.recordKind) q.where('record_kind', filters.recordKind);
        if (filters.recordId) q.where('record_id', filters.recordId);
        return q;
      };
      const offset = (page - 1) * pageSize;
      const rows: DbRow[] = await base()
        .select('*')
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(pageSize)
        .offset(offset);
      // A short page is the last: its rows give the total (a record's History, most often, in one statement).
      const short = rows.length < pageSize && (rows.length > 0 || offset === 0);
      const total = short ? offset + rows.length : Number(((await base().count({ n: '*' }).first()) as DbRow | undefined)?.n ?? 0);
      return { entries: rows.map(toEntry), total };
    },

    async kinds(): Promise<string[]> {
      const rows: DbRow[] = await tdb.from('audit_entries').distinct('record_kind').orderBy('record_kind');
      return rows.map((r) => requiredText(r, 'record_kind'));
    },
  };
}
