/**
 * A loopback webhook receiver for sandbox tests: verifies Xero's signature, validates every non-empty
 * delivery against Xero's webhooks schema and records it; `behaviour` decides each answer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { expectValidXeroWebhook } from '../../helpers/xero-openapi.js';

export const KEY = 'webhook-test-key';

export interface Delivery {
  signatureValid: boolean;
  body: { events: Record<string, unknown>[]; firstEventSequence: number; lastEventSequence: number; entropy: string };
}

export function verify(raw: Buffer, signature: string | undefined, key: string): boolean {
  const expected = Buffer.from(createHmac('sha256', key).update(raw).digest('base64'));
  const given = Buffer.from(signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(behaviour: (valid: boolean, n: number) => Promise<number> | number) {
  const deliveries: Delivery[] = [];
  let n = 0;
  const app = express();
  app.post('/webhooks', express.raw({ type: () => true }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const valid = verify(raw, req.header('x-xero-signature'), KEY);
    n += 1;
    const status = await behaviour(valid, n);
    if (status === 200 && valid) {
      const body: unknown = JSON.parse(raw.toString('utf8'));
      const events = (body as { events?: unknown[] }).events ?? [];
      if (events.length > 0) expectValidXeroWebhook(body);
      deliveries.push({ signatureValid: valid, body: body as Delivery['body'] });
    }
    res.status(status).end();
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    deliveries,
    attempts: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startReceiver>>;

/** Every event delivered so far, in order, as `CATEGORY TYPE resourceId`. */
export function eventsSeen(receiver: WebhookReceiver): string[] {
  return receiver.deliveries.flatMap((d) => d.body.events.map((e) => `${String(e['eventCategory'])} ${String(e['eventType'])} ${String(e['resourceId'])}`));
}
