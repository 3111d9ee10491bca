/**
 * Fault injection, so apps can prove they survive Xero's bad days: a fraction of calls fail with 500
 * or 503, calls are slowed, connections are dropped without an answer — and, for exactly-once tests,
 * writes that are saved but whose answer never arrives (dropped) or arrives too late (held past the
 * client's timeout), per collection or for all, at a rate or for the next N writes.
 */
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';

export const AFTER_SAVE_DEFAULT_HOLD_MS = 120_000;

const afterSaveRuleSchema = z
  .object({
    /** `drop`: the socket is destroyed once the write has committed; `timeout`: the answer is held `holdMs`. */
    mode: z.enum(['drop', 'timeout']),
    /** First path segment of the write (`Invoices`, `Contacts`, `Payments`, …), case-insensitive; omitted = every collection. */
    collections: z.array(z.string().min(1)).min(1).optional(),
    /** Fraction (0..1) of matching saved writes hit. */
    rate: z.number().min(0).max(1).optional(),
    /** The next N matching saved writes are hit; the rule then ends. */
    next: z.number().int().min(1).max(1_000_000).optional(),
    /** `timeout` only: how long the answer is held before it is sent (to whoever still listens). */
    holdMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict()
  .refine((r) => (r.rate === undefined) !== (r.next === undefined), { message: 'give exactly one of rate or next' })
  .refine((r) => r.mode === 'timeout' || r.holdMs === undefined, { message: 'holdMs applies to mode timeout only' });

export type AfterSaveRule = z.infer<typeof afterSaveRuleSchema>;

export const faultSettingsSchema = z
  .object({
    /** Fraction (0..1) of calls answered with an error. */
    failureRate: z.number().min(0).max(1).default(0),
    /** Status of injected failures. */
    failureStatus: z.union([z.literal(500), z.literal(503)]).default(503),
    /** Extra delay before every call is handled. */
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** Fraction (0..1) of calls whose connection is destroyed without a response (nothing is saved). */
    dropRate: z.number().min(0).max(1).default(0),
    /** Faults applied after a successful write has committed (the client cannot know it was saved). */
    afterSave: z.array(afterSaveRuleSchema).max(20).default([]),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export class FaultInjector {
  private settings: FaultSettings;
  private readonly held = new Set<{ timer: NodeJS.Timeout; res: Response }>();

  constructor(
    initial: Partial<FaultSettings> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.settings = faultSettingsSchema.parse(initial);
  }

  get current(): FaultSettings {
    return { ...this.settings, afterSave: this.settings.afterSave.map((r) => ({ ...r })) };
  }

  set(next: FaultSettings): void {
    this.settings = { ...next, afterSave: next.afterSave.map((r) => ({ ...r })) };
  }

  middleware(): RequestHandler {
    return async (req, res, next) => {
      const s = this.settings;
      if (s.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, s.latencyMs));
      if (s.dropRate > 0 && this.random() < s.dropRate) {
        req.socket.destroy();
        return;
      }
      if (s.failureRate > 0 && this.random() < s.failureRate) {
        if (s.failureStatus === 503) {
          res.status(503).type('text/plain').send('The Xero API is currently offline for maintenance');
        } else {
          res.status(500).json({
            ErrorNumber: 500,
            Type: 'InternalServerError',
            Message: 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
          });
        }
        return;
      }
      next();
    };
  }

  /**
   * Called with a write's decided answer once its transaction has committed. Returns true when a fault
   * took the answer over (dropped, or held and sent later by `send`); false to answer normally.
   */
  afterSave(req: Request, res: Response, status: number, send: () => void): boolean {
    if (req.method !== 'PUT' && req.method !== 'POST') return false;
    if (status < 200 || status >= 300) return false;
    const collection = (req.path.split('/')[1] ?? '').toLowerCase();
    const rule = this.settings.afterSave.find((r) => this.fires(r, collection));
    if (!rule) return false;
    if (rule.next !== undefined) {
      rule.next -= 1;
      if (rule.next <= 0) this.settings.afterSave = this.settings.afterSave.filter((r) => r !== rule);
    }
    if (rule.mode === 'drop') {
      res.socket?.destroy();
      return true;
    }
    const entry = {
      res,
      timer: setTimeout(() => {
        this.held.delete(entry);
        if (!res.socket?.destroyed) send();
      }, rule.holdMs ?? AFTER_SAVE_DEFAULT_HOLD_MS),
    };
    this.held.add(entry);
    return true;
  }

  /** Drops every answer still held (shutdown), so the server can close. */
  releaseHeld(): void {
    for (const entry of this.held) {
      clearTimeout(entry.timer);
      entry.res.socket?.destroy();
    }
    this.held.clear();
  }

  private fires(rule: AfterSaveRule, collection: string): boolean {
    if (rule.collections && !rule.collections.some((c) => c.toLowerCase() === collection)) return false;
    if (rule.next !== undefined) return rule.next > 0;
    return (rule.rate ?? 0) > 0 && this.random() < (rule.rate ?? 0);
  }
}
