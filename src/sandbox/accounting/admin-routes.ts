/**
 * Sandbox-only controls under /api.xro/2.0/sandbox-admin (behind the same authentication as the
 * API): fault injection, webhook status/flush/intent-to-receive, running repeating invoices.
 */
import type { Router } from 'express';
import { faultSettingsSchema, type FaultInjector } from './faults.js';
import { route, type ApiRuntime } from './http.js';
import { runRepeatingInvoice } from './repeating-invoices-service.js';
import type { JsonObject } from './types.js';
import type { WebhookDispatcher } from './webhooks.js';
import { XeroHttpError } from './wire.js';

function parseJson(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function mountAdminRoutes(router: Router, rt: ApiRuntime, parts: { webhooks: WebhookDispatcher; faults: FaultInjector }): void {
  router.get('/faults', (_req, res) => {
    res.json(parts.faults.current);
  });
  router.put('/faults', (req, res) => {
    const parsed = faultSettingsSchema.safeParse(parseJson(req.body));
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid fault settings', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      return;
    }
    parts.faults.set(parsed.data);
    res.json(parts.faults.current);
  });
  router.get('/webhooks', (_req, res) => {
    res.json({ enabled: parts.webhooks.enabled, ...parts.webhooks.status() });
  });
  router.post('/webhooks/flush', async (_req, res) => {
    await parts.webhooks.flush();
    res.json(parts.webhooks.status());
  });
  router.post('/webhooks/intent-to-receive', async (_req, res) => {
    if (!parts.webhooks.enabled) {
      res.status(409).json({ error: 'No webhook URL is configured (SANDBOX_WEBHOOK_URL).' });
      return;
    }
    res.json(await parts.webhooks.checkIntentToReceive());
  });
  router.post('/repeating-invoices/:id/run', route(rt, 'invoices', 'write', async (call) => {
    const body = parseJson(call.req.body);
    const until = typeof body === 'object' && body !== null && 'until' in body && typeof body.until === 'string' ? body.until : undefined;
    if (body === undefined) throw new XeroHttpError(400, { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: 'JSON for post data was invalid' });
    const invoices: JsonObject[] = await call.store.transaction((store) => runRepeatingInvoice(store, String(call.req.params['id']), {
      nowMs: call.nowMs, baseCurrency: call.org.base_currency, events: call.events, until,
    }));
    return call.ok('Invoices', invoices);
  }));
}
