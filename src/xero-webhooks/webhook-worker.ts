/**
 * The webhook worker: claims one due event at a time per slot (the sync engine's pattern: a lease,
 * FOR UPDATE SKIP LOCKED on PostgreSQL), finds the organisation by Xero tenant id and runs the handler
 * registered for the event's category. Not connected, or no handler: recorded as ignored with the reason.
 * A handler that throws is retried with back-off, then the event is recorded as failed with the reason.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { tenantDb } from '../db/tenant-db.js';
import type { Logger } from '../common/logger.js';
import { organisationsRepository } from '../organisations/index.js';
import { pollingWorker } from '../jobs/index.js';
import type { WebhookHandler } from './event-handler.js';
import { webhookEventsRepository, type Finish } from './events-repository.js';
import type { StoredEvent } from './webhook-event.js';

export interface WebhookWorkerDeps {
  db: Database;
  handlers: WebhookHandler[];
  logger: Logger;
  now?: () => Date;
  /** How long a claim lasts; an event whose worker died is claimed again after this. */
  leaseMs?: number;
  pollMs?: number;
  concurrency?: number;
  /** Attempts before a handler's failure is final. */
  maxAttempts?: number;
  /** First retry delay (doubles per attempt, at most 10 minutes). */
  retryBaseMs?: number;
  owner?: string;
}

export function webhookWorker(deps: WebhookWorkerDeps) {
  const now = deps.now ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 120_000;
  const maxAttempts = deps.maxAttempts ?? 6;
  const retryBaseMs = deps.retryBaseMs ?? 5_000;
  const owner = deps.owner ?? `${process.pid}-${randomUUID()}`;
  const repo = webhookEventsRepository(deps.db);
  const organisations = organisationsRepository(deps.db);
  const handlers = new Map(deps.handlers.map((h) => [h.category, h]));

  async function decide(event: StoredEvent): Promise<Finish> {
    const organisationId = await repo.organisationIdForTenant(event.xeroTenantId);
    const organisation = organisationId ? await organisations.findOrganisation(organisationId) : undefined;
    if (!organisation) return { status: 'ignored', reason: 'organisation not connected to Ledgerside', organisationId: null };
    if (organisation.status !== 'connected') {
      return { status: 'ignored', reason: `organisation ${organisation.name} is not connected (${organisation.status})`, organisationId: organisation.id };
    }
    const handler = handlers.get(event.category);
    if (!handler) return { status: 'ignored', reason: `no handler for ${event.category} events yet`, organisationId: organisation.id };
    const log = deps.logger.child({ organisationId: organisation.id, webhookEventId: event.id, category: event.category, resourceId: event.resourceId });
    try {
      const result = await handler.handle({ event, organisation, tdb: tenantDb(deps.db, organisation.id), logger: log, now });
      return { status: result.outcome, reason: result.reason, organisationId: organisation.id };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ err: error, attempts: event.attempts }, 'xero webhook event handler failed');
      if (event.attempts >= maxAttempts) return { status: 'failed', reason: `${message} (after ${event.attempts} attempts)`, organisationId: organisation.id };
      const delay = Math.min(retryBaseMs * 2 ** (event.attempts - 1), 600_000);
      return { status: 'pending', reason: `${message}; trying again`, organisationId: organisation.id, nextRunAt: new Date(now().getTime() + delay) };
    }
  }

  /** Claims and handles one due event; false when none was due. */
  async function runOne(): Promise<boolean> {
    const event = await repo.claim(owner, now(), leaseMs);
    if (!event) return false;
    const finish = await decide(event);
    const saved = await repo.finish(event.id, owner, finish, now());
    if (!saved) deps.logger.warn({ webhookEventId: event.id }, 'webhook event finished after its lease was taken over; result not saved');
    deps.logger.info({ webhookEventId: event.id, category: event.category, status: finish.status, reason: finish.reason }, 'xero webhook event handled');
    return true;
  }

  const loop = pollingWorker({
    runOne,
    concurrency: deps.concurrency ?? 2,
    pollMs: deps.pollMs ?? 1_000,
    onError: (error) => deps.logger.error({ err: error }, 'xero webhook worker could not claim an event'),
  });
  return {
    owner,
    runOne,
    /** Handles every event due now; for tests and scripts. */
    drain: loop.drain,
    start: loop.start,
    stop: loop.stop,
    /** Events were stored: idle slots look now instead of at their next poll. */
    wake: loop.wake,
  };
}

export type WebhookWorker = ReturnType<typeof webhookWorker>;
