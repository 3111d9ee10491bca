/**
 * History entries on a record: notes added through the API, and the entries Xero writes itself when
 * a document is created, approved, edited, voided or paid.
 */
import { TABLES } from './schema.js';
import type { TenantStore } from './store.js';
import type { Collection } from './types.js';

export const SYSTEM_USER = 'System Generated';

export async function addHistory(
  store: TenantStore,
  collection: Collection,
  recordId: string,
  changes: string,
  details: string,
  user: string,
  atMs: number,
): Promise<void> {
  await store.raw()(TABLES.history).insert({
    tenant_id: store.tenantId,
    collection,
    record_id: recordId.toLowerCase(),
    changes,
    details,
    user,
    date_utc: atMs,
  });
}

/** What Xero writes in a document's history when its status moves from `from` to `to`. */
export function statusChange(from: string | undefined, to: string): string {
  if (!from) return 'Created';
  if (from === to) return 'Edited';
  const words: Record<string, string> = {
    AUTHORISED: 'Approved',
    SUBMITTED: 'Submitted',
    VOIDED: 'Voided',
    DELETED: 'Deleted',
    PAID: 'Paid',
    DRAFT: 'Edited',
    BILLED: 'Billed',
    SENT: 'Sent',
    ACCEPTED: 'Accepted',
    DECLINED: 'Declined',
    INVOICED: 'Invoiced',
  };
  return words[to] ?? 'Edited';
}

export function money(amount: unknown): string {
  return Number(amount ?? 0).toFixed(2);
}

export interface HistoryEntry {
  changes: string;
  details: string;
  user: string;
  atMs: number;
}

/** A record's history, oldest first. */
export async function listHistory(store: TenantStore, collection: Collection, recordId: string): Promise<HistoryEntry[]> {
  const rows: { changes: string; details: string; user: string; date_utc: number | string }[] = await store
    .raw()(TABLES.history)
    .where({ tenant_id: store.tenantId, collection, record_id: recordId.toLowerCase() })
    .orderBy('seq', 'asc');
  return rows.map((r) => ({ changes: r.changes, details: r.details, user: r.user, atMs: Number(r.date_utc) }));
}
