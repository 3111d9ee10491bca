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

export const NO_INVOICE_SENT_YET =
  'no invoice sent from Ledgerside yet: Ledgerside does not send invoices to Xero yet, so this invoice is not one of its orders';

/**
 * INVOICE events: the extension point the invoice work fills (fetch the invoice, update the order it
 * belongs to by stored InvoiceID, else by Reference). Until Ledgerside sends invoices there is no order
 * an invoice can belong to, so each event is recorded as ignored with that reason, without calling Xero.
 */
export function invoiceEventHandler(): WebhookHandler {
  return {
    category: 'INVOICE',
    handle() {
      return Promise.resolve({ outcome: 'ignored', reason: NO_INVOICE_SENT_YET });
    },
  };
}
