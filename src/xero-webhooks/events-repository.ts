/**
 * SQL for webhook events. Events arrive keyed by Xero tenant, before Ledgerside knows (or even has) the
 * organisation, so this table is read across organisations by the receiver and the worker only; the
 * worker hands each handler a TenantDb bound to the event's organisation.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/database.js';
import { toDate, toNum, toStr, toStrOrNull } from '../db/row-values.js';
import { EVENT_STATUSES, eventKey, type EventStatus, type ReceivedEvent, type StoredEvent } from './webhook-event.js';

const TABLE = 'xero_webhook_events';
const time = (d: Date): string => d.toISOString();

export function eventFromRow(row: Record<string, unknown>): StoredEvent {
  const status = EVENT_STATUSES.find((s) => s === row.status);
  if (!status) throw new Error(`webhook event has unknown status ${toStr(row.status)}`);
  const receivedAt = toDate(row.received_at);
  if (!receivedAt) throw new Error('webhook event has no received_at');
  return {
    id: toStr(row.id),
    xeroTenantId: toStr(row.xero_tenant_id),
    organisationId: toStrOrNull(row.organisation_id),
    category: toStr(row.event_category),
    type: toStr(row.event_type),
    resourceId: toStr(row.resource_id),
    resourceUrl: toStrOrNull(row.resource_url),
    eventDateUtc: toStr(row.event_date_utc),
    status,
    reason: toStrOrNull(row.reason),
    attempts: toNum(row.attempts),
    receivedAt,
    finishedAt: toDate(row.finished_at),
  };
}

export interface Finish {
  status: Extract<EventStatus, 'handled' | 'ignored' | 'failed'> | 'pending';
  reason: string;
  organisationId: string | null;
  nextRunAt?: Date;
}

export function webhookEventsRepository(db: Database) {
  const pg = isPostgres(db);
  return {
    /** Stores a delivery's events; one already stored (a re-delivery) is left as it is. */
    async store(events: ReceivedEvent[], now: Date): Promise<void> {
      if (events.length === 0) return;
      const rows = events.map((e) => ({
        id: randomUUID(),
        event_key: eventKey(e),
        xero_tenant_id: e.tenantId,
        organisation_id: null,
        event_category: e.eventCategory,
        event_type: e.eventType,
        resource_id: e.resourceId,
        resource_url: e.resourceUrl ?? null,
        event_date_utc: e.eventDateUtc,
        status: 'pending',
        attempts: 0,
        next_run_at: time(now),
        received_at: time(now),
      }));
      await db(TABLE).insert(rows).onConflict('event_key').ignore();
    },

    /** The Ledgerside organisation of a Xero tenant, when there is one. */
    async organisationIdForTenant(xeroTenantId: string): Promise<string | undefined> {
      const row: Record<string, unknown> | undefined = await db('organisations').select('id').where({ xero_tenant_id: xeroTenantId }).first();
      return row ? toStr(row.id) : undefined;
    },

    async find(id: string): Promise<StoredEvent | undefined> {
      const row: Record<string, unknown> | undefined = await db(TABLE).where({ id }).first();
      return row ? eventFromRow(row) : undefined;
    },

    /** Newest first; for tests, scripts and (later) an events page. */
    async recent(limit = 50): Promise<StoredEvent[]> {
      const rows: Record<string, unknown>[] = await db(TABLE).orderBy('received_at', 'desc').orderBy('id').limit(limit);
      return rows.map(eventFromRow);
    },

    /**
     * Marks one due event running for `owner`: pending ones whose time has come, and running ones whose
     * lease ran out (their worker died). PostgreSQL: FOR UPDATE SKIP LOCKED, so several processes each
     * take a different one; SQLite: BEGIN IMMEDIATE serialises the claims.
     */
    async claim(owner: string, now: Date, leaseMs: number): Promise<StoredEvent | null> {
      return db.transaction(async (trx) => {
        const at = time(now);
        const query = trx(TABLE)
          .select('id')
          .where((q) =>
            q
              .where((due) => due.where('status', 'pending').where('next_run_at', '<=', at))
              .orWhere((stale) => stale.where('status', 'running').where('lease_until', '<', at)),
          )
          .orderBy('next_run_at')
          .orderBy('received_at')
          .limit(1);
        if (pg) query.forUpdate().skipLocked();
        const row = (await query.first()) as Record<string, unknown> | undefined;
        if (!row) return null;
        const id = toStr(row.id);
        await trx(TABLE)
          .where({ id })
          .update({
            status: 'running',
            lease_owner: owner,
            lease_until: time(new Date(now.getTime() + leaseMs)),
            attempts: trx.raw('attempts + 1'),
          });
        const claimed: Record<string, unknown> | undefined = await trx(TABLE).where({ id }).first();
        return claimed ? eventFromRow(claimed) : null;
      });
    },

    /** Writes the outcome, only while `owner` still holds the event's lease. */
    async finish(id: string, owner: string, finish: Finish, now: Date): Promise<boolean> {
      const done = finish.status !== 'pending';
      const changed = await db(TABLE)
        .where({ id, status: 'running', lease_owner: owner })
        .update({
          status: finish.status,
          reason: finish.reason,
          organisation_id: finish.organisationId,
          lease_owner: null,
          lease_until: null,
          next_run_at: finish.nextRunAt ? time(finish.nextRunAt) : null,
          finished_at: done ? time(now) : null,
        });
      return changed > 0;
    },
  };
}

export type WebhookEventsRepository = ReturnType<typeof webhookEventsRepository>;
