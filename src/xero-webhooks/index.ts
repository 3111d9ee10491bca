/** Xero webhooks: the receiver, the stored events and their worker (see README.md). */
export { createXeroWebhooks, DEFAULT_WEBHOOK_BODY_LIMIT, type XeroWebhooks, type XeroWebhooksDeps } from './xero-webhooks.js';
export { type WebhookHandler, type WebhookEventContext, type HandleResult } from './event-handler.js';
export { signXeroWebhook, verifyXeroSignature } from './signature.js';
export { WEBHOOK_PATH } from './receiver.js';
export type { StoredEvent, EventStatus } from './webhook-event.js';
export type { WebhookWorker } from './webhook-worker.js';
export { contactEventHandler, type ContactEventDeps } from './contact-event-handler.js';
