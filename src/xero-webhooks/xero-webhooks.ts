/** The composition of the receiver, the event store and the worker; built once at the composition root. */
import type { Router } from 'express';
import type { Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import type { WebhookHandler } from './event-handler.js';
import { webhookEventsRepository, type WebhookEventsRepository } from './events-repository.js';
import { webhookReceiver } from './receiver.js';
import { webhookWorker, type WebhookWorker, type WebhookWorkerDeps } from './webhook-worker.js';

/** Xero batches events; a delivery is a few kilobytes. Past this: 413 and nothing stored. */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 256 * 1024;

export interface XeroWebhooksDeps extends Omit<WebhookWorkerDeps, 'db' | 'logger' | 'handlers'> {
  db: Database;
  logger: Logger;
  /** The app's webhook key (XERO_WEBHOOK_KEY; the demo key in demo mode). */
  key: string;
  /** One per event category; a category without one is recorded as ignored. */
  handlers: WebhookHandler[];
  limitBytes?: number;
}

export interface XeroWebhooks {
  receiver: Router;
  worker: WebhookWorker;
  events: WebhookEventsRepository;
}

export function createXeroWebhooks(deps: XeroWebhooksDeps): XeroWebhooks {
  const { db, logger, key, handlers, limitBytes, ...workerOptions } = deps;
  const events = webhookEventsRepository(db);
  const worker = webhookWorker({ db, logger, handlers, ...workerOptions });
  const now = deps.now ?? (() => new Date());
  const receiver = webhookReceiver({
    key,
    logger,
    limitBytes: limitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT,
    store: (received) => events.store(received, now()),
    onStored: () => worker.wake(),
  });
  return { receiver, worker, events };
}
