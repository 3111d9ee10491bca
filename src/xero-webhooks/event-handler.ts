/**
 * A handler per event category (INVOICE, CONTACT, CREDITNOTE…), registered at the composition root.
 * The worker calls it only for an event of an organisation connected to Ledgerside; it answers what it
 * did (`handled`) or why it did nothing (`ignored`), or throws to have the event retried with back-off.
 * Xero's events carry IDs only: a handler that needs the record fetches it (through the gateway it was
 * built with), and must be idempotent (delivery is at least once; a re-delivery is stored once, but an
 * event may run again after a crash mid-handling).
 */
import type { Logger } from '../common/logger.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { Organisation } from '../common/tenancy.js';
import type { StoredEvent } from './webhook-event.js';

export interface WebhookEventContext {
  event: StoredEvent;
  organisation: Organisation;
  tdb: TenantDb;
  logger: Logger;
  now: () => Date;
}

export interface HandleResult {
  outcome: 'handled' | 'ignored';
  reason: string;
}

export interface WebhookHandler {
  /** Xero's eventCategory, e.g. 'INVOICE'. */
  category: string;
  handle(ctx: WebhookEventContext): Promise<HandleResult>;
}
