/**
 * Sandbox-only controls under /api.xro/2.0/sandbox-admin (behind the same authentication as the
 * API): fault injection, webhook status/flush/intent-to-receive, running repeating invoices, and the
 * organisation's schedule clock (read it, move it on by whole days).
 */
import type { Router } from 'express';
import { faultSettingsSchema, type FaultInjector } from './faults.js';
import { route, type ApiRuntime } from './http.js';
import type { ApiReply } from './reply.js';
import { runRepeatingInvoice } from './repeating-invoices-service.js';
import type { JsonObject } from './types.js';
import type { ScheduleClock } from './schedule-clock.js';
import type { WebhookDispatcher } from './webhooks.js';
import { toWire, XeroHttpError } from './wire.js';

function parseJson(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

const MAX_ADVANCE_DAYS = 3660;

export function mountAdminRoutes(
  router: Router,
  rt: ApiRuntime,
  parts: { webhooks: WebhookDispatcher; faults: FaultInjector; schedules: ScheduleClock },
): void {
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
  router.post(
    '/repeating-invoices/:id/run',
    route(rt, 'invoices', 'write', async (call) => {
      const body = parseJson(call.req.body);
      const until = typeof body === 'object' && body !== null && 'until' in body && typeof body.until === 'string' ? body.until : undefined;
      if (body === undefined) throw new XeroHttpError(400, { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: 'JSON for post data was invalid' });
      const today = await parts.schedules.today(call.org.tenant_id);
      const invoices: JsonObject[] = await call.store.transaction((store) =>
        runRepeatingInvoice(store, String(call.req.params['id']), {
          nowMs: call.nowMs,
          baseCurrency: call.org.base_currency,
          events: call.events,
          until: until ?? today,
        }),
      );
      return call.ok('Invoices', invoices);
    }),
  );
  router.get(
    '/clock',
    route(rt, 'invoices', 'read', async (call) => ({ status: 200, json: await parts.schedules.status(call.org.tenant_id) })),
  );
  router.post(
    '/clock/advance',
    route(rt, 'invoices', 'write', async (call): Promise<ApiReply> => {
      const body = parseJson(call.req.body);
      const days = typeof body === 'object' && body !== null && 'days' in body ? body.days : undefined;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_ADVANCE_DAYS) {
        return { status: 400, json: { error: `days must be a whole number from 1 to ${MAX_ADVANCE_DAYS}` } };
      }
      const result = await parts.schedules.advance(call.org.tenant_id, days);
      return { status: 200, json: { date: result.date, offsetDays: result.offsetDays, invoices: result.invoices.map((i) => toWire(i)) } };
    }),
  );
}
