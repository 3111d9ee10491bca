/**
 * Fault injection, so apps can prove they survive Xero's bad days: a fraction of calls fail with 500
 * or 503, calls are slowed, or connections are dropped without an answer.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';

export const faultSettingsSchema = z.object({
  /** Fraction (0..1) of calls answered with an error. */
  failureRate: z.number().min(0).max(1).default(0),
  /** Status of injected failures. */
  failureStatus: z.union([z.literal(500), z.literal(503)]).default(503),
  /** Extra delay before every call is handled. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Fraction (0..1) of calls whose connection is destroyed without a response. */
  dropRate: z.number().min(0).max(1).default(0),
}).strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export class FaultInjector {
  private settings: FaultSettings;
  constructor(initial: Partial<FaultSettings> = {}, private readonly random: () => number = Math.random) {
    this.settings = faultSettingsSchema.parse(initial);
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  set(next: FaultSettings): void {
    this.settings = { ...next };
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
          res.status(500).json({ ErrorNumber: 500, Type: 'InternalServerError', Message: 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.' });
        }
        return;
      }
      next();
    };
  }
}
