/**
 * CONTACT events: a contact changed (or was created) in Xero. The work — fetch the contact, compare the
 * fields Ledgerside sends with what it last sent and with the CRM's current values, and keep Xero's
 * values beside the contact for its page ("changed in Xero") — belongs to the sync engine, which is
 * given here as `contactChanged` at the composition root (this folder imports no capability). A
 * contact no Ledgerside contact is linked to is recorded as ignored; nothing in the CRM is overwritten.
 */
import type { HandleResult, WebhookEventContext, WebhookHandler } from './event-handler.js';

export interface ContactEventDeps {
  /** Notes Xero's current copy of the Xero contact `xeroContactId` (src/xero-sync's `contactChangedInXero`). */
  contactChanged(ctx: WebhookEventContext, xeroContactId: string): Promise<HandleResult>;
}

export function contactEventHandler(deps: ContactEventDeps): WebhookHandler {
  return {
    category: 'CONTACT',
    handle: (ctx) => deps.contactChanged(ctx, ctx.event.resourceId),
  };
}
