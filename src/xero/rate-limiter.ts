/**
 * Keeps within Xero's per-organisation limits: at most `concurrent` calls in flight per tenant (Xero: 5),
 * and when Xero answers 429 every caller for that tenant waits out Retry-After before trying again.
 */
export interface TenantLimiter {
  run<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  /** Xero said to wait: hold this tenant's calls until then. */
  pause(tenantId: string, ms: number): void;
  inFlight(tenantId: string): number;
  /** Every answer's headers (lower-cased): X-MinLimit-Remaining, X-DayLimit-Remaining, X-AppMinLimit-Remaining. */
  observe?(tenantId: string, headers: Record<string, string>): void;
  /** Xero asked for a long wait (e.g. the day's limit): calls for the tenant fail fast until then instead of waiting. */
  hold?(tenantId: string, ms: number): void;
}

/** Time as the limiter sees it; tests pass a manual one. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function tenantLimiter(concurrent = 5, clock: LimiterClock = realClock): TenantLimiter {
  const active = new Map<string, number>();
  const queues = new Map<string, (() => void)[]>();
  const pausedUntil = new Map<string, number>();

  const acquire = async (tenantId: string): Promise<void> => {
    for (;;) {
      const wait = (pausedUntil.get(tenantId) ?? 0) - clock.now();
      if (wait > 0) {
        await clock.sleep(wait);
        continue;
      }
      const n = active.get(tenantId) ?? 0;
      if (n < concurrent) {
        active.set(tenantId, n + 1);
        return;
      }
      await new Promise<void>((resolve) => {
        const queue = queues.get(tenantId) ?? [];
        queue.push(resolve);
        queues.set(tenantId, queue);
      });
    }
  };
  const release = (tenantId: string): void => {
    const n = (active.get(tenantId) ?? 1) - 1;
    if (n <= 0) active.delete(tenantId);
    else active.set(tenantId, n);
    const next = queues.get(tenantId)?.shift();
    if (queues.get(tenantId)?.length === 0) queues.delete(tenantId);
    next?.();
  };

  return {
    async run(tenantId, work) {
      await acquire(tenantId);
      try {
        return await work();
      } finally {
        release(tenantId);
      }
    },
    pause(tenantId, ms) {
      pausedUntil.set(tenantId, Math.max(pausedUntil.get(tenantId) ?? 0, clock.now() + ms));
    },
    inFlight: (tenantId) => active.get(tenantId) ?? 0,
  };
}
