/**
 * Webhook deliveries as Xero makes them: contact, invoice and credit note changes batched into signed POSTs
 * (`x-xero-signature` = base64 HMAC-SHA256 of the raw body), sequence numbers and entropy, retried with
 * back-off (at-least-once), never blocking the API response. Also Xero's intent-to-receive check.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { WebhookSettings } from '../identity-accounting-seam.js';
import type { ChangeEvent, ChangeSink } from './http.js';

export interface WebhookOptions {
  /** First retry delay; doubles per attempt. */
  retryBaseMs?: number;
  maxAttempts?: number;
  /** How long changes gather before a delivery goes out. */
  batchDelayMs?: number;
  timeoutMs?: number;
}

interface Batch {
  body: string;
  attempts: number;
  nextAt: number;
}

export interface WebhookStats {
  delivered: number;
  pending: number;
  failedAttempts: number;
  abandoned: number;
  lastEventSequence: number;
}

const RESOURCE_PATH: Record<ChangeEvent['category'], string> = { CONTACT: 'Contacts', INVOICE: 'Invoices', CREDITNOTE: 'CreditNotes' };

export function signWebhookBody(key: string, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64');
}

function eventDateUtc(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '');
}

export class WebhookDispatcher implements ChangeSink {
  private buffer: (ChangeEvent & { tenantId: string; apiBase: string })[] = [];
  private readonly batches: Batch[] = [];
  private sequence = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private waiters: (() => void)[] = [];
  private readonly stats: WebhookStats = { delivered: 0, pending: 0, failedAttempts: 0, abandoned: 0, lastEventSequence: 0 };
  private readonly opts: Required<WebhookOptions>;

  constructor(
    private readonly settings: WebhookSettings,
    options: WebhookOptions = {},
  ) {
    this.opts = { retryBaseMs: 1000, maxAttempts: 10, batchDelayMs: 20, timeoutMs: 5000, ...options };
  }

  get enabled(): boolean {
    return this.settings.url !== undefined && this.settings.url !== '' && !this.stopped;
  }

  publish(tenantId: string, events: ChangeEvent[], apiBase = 'https://api.xero.com/api.xro/2.0'): void {
    if (!this.enabled) return;
    this.buffer.push(...events.map((e) => ({ ...e, tenantId, apiBase })));
    this.schedule(this.opts.batchDelayMs);
  }

  status(): WebhookStats {
    return { ...this.stats, pending: this.batches.length + (this.buffer.length > 0 ? 1 : 0) };
  }

  /** Resolves once every change published so far is delivered or abandoned. */
  async flush(): Promise<void> {
    this.cut();
    if (this.batches.length === 0 && !this.running) return;
    for (const b of this.batches) b.nextAt = Math.min(b.nextAt, Date.now());
    this.schedule(0);
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Stops delivering (shutdown); pending deliveries are dropped. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.batches.length = 0;
    this.buffer = [];
    this.settle();
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), delay);
    this.timer.unref();
  }

  /** Turns buffered changes into signed batches of at most 50 events. */
  private cut(): void {
    while (this.buffer.length > 0) {
      const chunk = this.buffer.splice(0, 50);
      const first = this.sequence + 1;
      this.sequence += chunk.length;
      const body = JSON.stringify({
        events: chunk.map((e) => ({
          resourceUrl: `${e.apiBase}/${RESOURCE_PATH[e.category]}/${e.resourceId}`,
          resourceId: e.resourceId,
          eventDateUtc: eventDateUtc(e.atMs),
          eventType: e.type,
          eventCategory: e.category,
          tenantId: e.tenantId,
          tenantType: 'ORGANISATION',
        })),
        firstEventSequence: first,
        lastEventSequence: this.sequence,
        entropy: randomBytes(10).toString('hex').toUpperCase(),
      });
      this.stats.lastEventSequence = this.sequence;
      this.batches.push({ body, attempts: 0, nextAt: Date.now() });
    }
  }

  private async pump(): Promise<void> {
    this.timer = undefined;
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      this.cut();
      for (;;) {
        const due = this.batches.find((b) => b.nextAt <= Date.now());
        if (!due || this.stopped) break;
        const ok = await this.send(due.body, signWebhookBody(this.settings.key, due.body)).then(
          (s) => s >= 200 && s < 300,
          () => false,
        );
        if (ok) {
          this.stats.delivered += 1;
          this.batches.splice(this.batches.indexOf(due), 1);
        } else {
          this.stats.failedAttempts += 1;
          due.attempts += 1;
          due.nextAt = Date.now() + this.opts.retryBaseMs * 2 ** (due.attempts - 1);
          if (due.attempts >= this.opts.maxAttempts) {
            this.stats.abandoned += 1;
            this.batches.splice(this.batches.indexOf(due), 1);
          }
        }
      }
    } finally {
      this.running = false;
    }
    if (this.buffer.length > 0) this.schedule(this.opts.batchDelayMs);
    else if (this.batches.length > 0) this.schedule(Math.max(0, Math.min(...this.batches.map((b) => b.nextAt)) - Date.now()));
    else this.settle();
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async send(body: string, signature: string): Promise<number> {
    const response = await fetch(this.settings.url ?? '', {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(this.opts.timeoutMs),
      headers: { 'Content-Type': 'application/json', 'x-xero-signature': signature, 'User-Agent': 'Xero-Webhooks (sandbox)' },
    });
    await response.arrayBuffer();
    return response.status;
  }

  /**
   * Xero's intent-to-receive check: empty event lists, some signed with the key and some not; the
   * receiver must answer 200 to the first and 401 to the others, with no body, within 5 s.
   */
  async checkIntentToReceive(): Promise<{
    passed: boolean;
    checks: { correctlySigned: boolean; status: number; expected: number; emptyBody: boolean; passed: boolean }[];
  }> {
    const checks = [];
    for (const correctlySigned of [true, false, true, false]) {
      const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: randomBytes(10).toString('hex').toUpperCase() });
      const signature = signWebhookBody(correctlySigned ? this.settings.key : randomBytes(24).toString('base64'), body);
      const expected = correctlySigned ? 200 : 401;
      let status = 0;
      let emptyBody = false;
      try {
        const response = await fetch(this.settings.url ?? '', {
          method: 'POST',
          body,
          signal: AbortSignal.timeout(5000),
          headers: { 'Content-Type': 'application/json', 'x-xero-signature': signature },
        });
        status = response.status;
        emptyBody = (await response.text()).length === 0;
      } catch {
        status = 0;
      }
      checks.push({ correctlySigned, status, expected, emptyBody, passed: status === expected && emptyBody });
    }
    return { passed: checks.every((c) => c.passed), checks };
  }
}
