/**
 * `POST /webhooks/xero`, mounted before the body parsers, session and CSRF: the raw body (at most
 * `limitBytes`, else 413), the signature checked in constant time before the body is parsed (401 with an
 * empty body when wrong), the events stored (a re-delivery once) and 200 with an empty body at once;
 * the worker handles them afterwards. Never touches the session, so no cookie is set.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../common/logger.js';
import { verifyXeroSignature } from './signature.js';
import { parseWebhookPayload, type ReceivedEvent } from './webhook-event.js';

export const WEBHOOK_PATH = '/webhooks/xero';

export interface ReceiverDeps {
  key: string;
  limitBytes: number;
  logger: Logger;
  store(events: ReceivedEvent[]): Promise<void>;
  /** Called after events were stored. */
  onStored(): void;
}

function isBodyError(error: unknown): error is { type?: string; status?: number } {
  return typeof error === 'object' && error !== null;
}

export function webhookReceiver(deps: ReceiverDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: deps.limitBytes });
  const readRaw = (req: Request, res: Response, next: NextFunction): void => {
    raw(req, res, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      const tooLarge = isBodyError(error) && error.type === 'entity.too.large';
      deps.logger.info({ status: tooLarge ? 413 : 400 }, 'xero webhook delivery refused: body not read');
      res.status(tooLarge ? 413 : 400).end();
    });
  };

  router.post(WEBHOOK_PATH, readRaw, (req, res) => {
    const body: unknown = req.body;
    const rawBody = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    if (!verifyXeroSignature(deps.key, rawBody, req.get('x-xero-signature'))) {
      deps.logger.info('xero webhook delivery refused: wrong signature');
      res.status(401).end();
      return;
    }
    const events = parseWebhookPayload(rawBody);
    if (events === null) {
      deps.logger.warn("xero webhook delivery signed correctly but not in Xero's shape");
      res.status(400).end();
      return;
    }
    if (events.length === 0) {
      res.status(200).end();
      return;
    }
    deps.store(events).then(
      () => {
        res.status(200).end();
        deps.onStored();
      },
      (error: unknown) => {
        // 5xx: Xero delivers it again later.
        deps.logger.error({ err: error }, 'xero webhook events could not be stored');
        res.status(500).end();
      },
    );
  });
  return router;
}
