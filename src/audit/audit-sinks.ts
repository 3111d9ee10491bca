/**
 * Entries for work finished outside a form: the sync engine's sends once Xero has answered for good.
 * The engine is told nothing of the audit trail: the composition root hands it `recordCompletedSends`
 * as its `onFinished` (src/xero-sync's FinishedSend has this shape).
 */
import type { TenantDb } from '../db/tenant-db.js';
import { auditRepository } from './audit-repository.js';

export interface CompletedSend {
  /** The record's kind as its page's path names it ('contacts', 'sales-orders', 'purchase-orders', …). */
  recordPathKind: string;
  recordId: string;
  href: string;
  requestedBy: string | null;
  requestedByName: string;
  sent: boolean;
  message: string;
  at: Date;
}

/** One entry per finished send, by the user who asked for it: sent to Xero (with Xero's outcome) or not sent (with the reason). */
export async function recordCompletedSends(tdb: TenantDb, sends: readonly CompletedSend[]): Promise<void> {
  await auditRepository(tdb).recordMany(
    sends.map((send) => ({
      at: send.at,
      entry: {
        userId: send.requestedBy,
        userName: send.requestedByName,
        action: send.sent ? 'sent to Xero' : 'not sent to Xero',
        recordKind: send.recordPathKind,
        recordId: send.recordId,
        path: send.href,
        detail: send.message,
      },
    })),
  );
}

export interface OrganisationChange {
  action: 'connected' | 'disconnected';
  /** Null when Xero did it (a connection removed on Xero's side). */
  userId: string | null;
  userName: string;
  detail: string;
}

/** An organisation connected to or disconnected from Xero, as an entry of its own trail (`tdb` may be a transaction's). */
export async function recordOrganisationChange(tdb: TenantDb, change: OrganisationChange, at = new Date()): Promise<void> {
  await auditRepository(tdb).record({ ...change, recordKind: 'organisations', recordId: tdb.organisationId, path: '/organisations' }, at);
}
