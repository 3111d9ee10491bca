/**
 * Paces calls to Xero within its limits (xero-facts §6), shared by every process on the database:
 * per organisation at most `concurrent` calls in flight, `minute` calls a minute and `day` a day; per
 * app `appMinute` a minute. On PostgreSQL the budgets are in the database (several app processes share
 * them); on SQLite, which runs one app process, in memory.
 *
 * The minute is a sliding one (call-minute.ts): at most `minute - margin` call starts in any minute
 * (plus `slackMs` for the time a call takes to reach Xero), so a minute's 60 calls may go at once and
 * the next go as the first ones are a minute old: the whole budget is used, whichever way Xero counts
 * its minute, and never more. Xero's own counts correct it: X-MinLimit-Remaining says how many calls
 * Xero counted, and the minute never holds fewer (calls made around the pacer count too);
 * X-DayLimit-Remaining and X-AppMinLimit-Remaining of 0 and 429s block the matching budget, so every
 * process holds back.
 */
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import { XeroCallsPausedError } from './xero-errors.js';
import type { TenantLimiter } from './rate-limiter.js';
import { callMinute } from './call-minute.js';

export interface PacerLimits {
  concurrent: number;
  minute: number;
  day: number;
  appMinute: number;
  /** Length of Xero's "minute" in ms (tests shorten it together with the sandbox's time scale). */
  minuteMs: number;
  /** Calls a minute kept in hand (for calls made around the pacer that Xero has not told of yet). */
  margin: number;
  /** Added to the minute: a call started a minute after another may reach Xero a little sooner than a minute after it. */
  slackMs: number;
}

export const XERO_LIMITS: PacerLimits = { concurrent: 5, minute: 60, day: 5000, appMinute: 10_000, minuteMs: 60_000, margin: 0, slackMs: 2_000 };

export interface PacerDeps {
  db: Database;
  logger: Logger;
  limits?: Partial<PacerLimits>;
  /** The app's id in the budget keys (one database may serve several Xero apps). */
  appKey?: string;
  /** Longest wait for a minute budget inside a call; longer → XeroCallsPausedError for the caller to schedule. */
  maxWaitMs?: number;
  /**
   * How long a call slot stays taken if its process dies mid-call (default 9 s). A live call renews its
   * slot every third of this, however long the call takes, so it only bounds how long a dead process's
   * slot blocks the organisation.
   */
  slotMs?: number;
}

/** A duration in whole milliseconds that survives rate-limiter-flexible's seconds × 1000 exactly (PostgreSQL stores it as bigint). */
export function exactMs(target: number): number {
  for (let ms = Math.max(1, Math.ceil(target)); ; ms++) if (Number.isInteger((ms / 1000) * 1000)) return ms;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function callPacer(deps: PacerDeps): TenantLimiter {
  const limits = { ...XERO_LIMITS, ...deps.limits };
  // A shortened minute (tests, the benchmark's time scale) shortens the slack with it.
  if (deps.limits?.minuteMs && deps.limits.slackMs === undefined) limits.slackMs = Math.ceil((XERO_LIMITS.slackMs * limits.minuteMs) / XERO_LIMITS.minuteMs);
  const pg = isPostgres(deps.db);
  const app = deps.appKey ?? 'app';
  const maxWaitMs = deps.maxWaitMs ?? limits.minuteMs + 5_000;
  const make = (keyPrefix: string, points: number, ms: number): RateLimiterAbstract => {
    const duration = exactMs(ms) / 1000;
    return pg
      ? new RateLimiterPostgres({ storeClient: deps.db, storeType: 'knex', tableName: 'xero_call_budgets', tableCreated: true, keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  };
  const minute = callMinute(deps.db, Math.max(1, limits.minute - limits.margin), limits.minuteMs + limits.slackMs);
  // Xero's 429 with a short Retry-After: every process holds the organisation's calls until then.
  const minuteHold = make('xero-min-hold', 1, limits.minuteMs);
  const day = make('xero-day', Math.max(1, limits.day - limits.margin), 86_400_000);
  // The app's budget in windows of a sixtieth of a minute: 61 of them can meet any minute.
  const appSecond = make('xero-app', Math.max(1, Math.floor(limits.appMinute / 61) - 1), limits.minuteMs / 60);
  const slotMs = exactMs(deps.slotMs ?? 9_000);
  const slots = make('xero-slot', 1, slotMs);

  /** Calls of this process in flight, per tenant (the shared count is the slot keys). */
  const running = new Map<string, number>();

  /** Consumes one point, or answers how long until one is free (a refused consume's extra point expires with its window). */
  async function take(limiter: RateLimiterAbstract, key: string): Promise<number> {
    try {
      await limiter.consume(key, 1);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      throw rejection;
    }
  }

  /**
   * One of the tenant's `concurrent` slots (keys with one point each). A slot is freed by deleting its
   * key after the call; while the call runs its window is renewed (`heldWhile`), so it only lapses if
   * the process holding it died, `slotMs` after its last renewal.
   */
  async function takeSlot(tenantId: string, started: number): Promise<string> {
    for (;;) {
      for (let i = 0; i < limits.concurrent; i++) {
        const key = `${tenantId}:${i}`;
        if ((await take(slots, key)) === 0) return key;
      }
      if (Date.now() - started > maxWaitMs) throw new XeroCallsPausedError(new Date(Date.now() + 1_000), 'minute');
      await sleep(25 + Math.random() * 75);
    }
  }

  /** Ms left of a hold Xero asked for (a 429's Retry-After), or 0. */
  async function heldFor(tenantId: string): Promise<number> {
    const res = await minuteHold.get(tenantId);
    return res && res.consumedPoints > 1 ? Math.max(1, res.msBeforeNext) : 0;
  }

  /**
   * A slot, then the minute's (and the app's) budget. Waiting for the minute, the slot is given back, so
   * callers waiting for the next minute never hold the organisation's five slots from calls that could go.
   */
  async function acquire(tenantId: string): Promise<string> {
    const started = Date.now();
    const dayWait = await take(day, tenantId);
    if (dayWait) throw new XeroCallsPausedError(new Date(Date.now() + dayWait), 'day');
    for (;;) {
      let slot: string;
      try {
        slot = await takeSlot(tenantId, started);
      } catch (error) {
        await day.reward(tenantId, 1);
        throw error;
      }
      let wait: number;
      let minuteWait: number;
      try {
        minuteWait = (await heldFor(tenantId)) || (await minute.take(tenantId));
        wait = minuteWait || (await take(appSecond, app));
      } catch (error) {
        await slots.delete(slot);
        throw error;
      }
      if (!wait) return slot;
      await slots.delete(slot);
      if (Date.now() + wait - started > maxWaitMs) {
        await day.reward(tenantId, 1);
        throw new XeroCallsPausedError(new Date(Date.now() + wait), minuteWait ? 'minute' : 'appminute');
      }
      await sleep(wait);
    }
  }

  const block = (limiter: RateLimiterAbstract, key: string, ms: number, what: string): void => {
    limiter
      .block(key, Math.max(1, Math.ceil(ms / 1000)))
      .catch((error: unknown) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error), what }, 'could not record a Xero limit'));
  };

  /**
   * Runs `work` holding `slot`, renewing the slot's window every third of `slotMs`; the slot is freed
   * only after the last renewal has settled, so a late renewal can never take a freed slot again.
   */
  async function heldWhile<T>(slot: string, work: () => Promise<T>): Promise<T> {
    let renewal: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      renewal = renewal
        .then(() => slots.set(slot, 1, slotMs / 1000))
        .catch((error: unknown) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not renew a Xero call slot'));
    }, slotMs / 3);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await renewal;
      await slots
        .delete(slot)
        .catch((error: unknown) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not free a Xero call slot'));
    }
  }

  return {
    async run(tenantId, work) {
      const slot = await acquire(tenantId);
      running.set(tenantId, (running.get(tenantId) ?? 0) + 1);
      try {
        return await heldWhile(slot, work);
      } finally {
        const left = (running.get(tenantId) ?? 1) - 1;
        if (left > 0) running.set(tenantId, left);
        else running.delete(tenantId);
      }
    },
    pause(tenantId, ms) {
      block(minuteHold, tenantId, ms, 'minute');
    },
    hold(tenantId, ms) {
      block(day, tenantId, ms, 'day');
    },
    observe(tenantId, headers) {
      const remaining = (name: string): number | undefined => {
        const n = Number(headers[name]);
        return headers[name] !== undefined && Number.isFinite(n) ? n : undefined;
      };
      const minuteLeft = remaining('x-minlimit-remaining');
      if (minuteLeft !== undefined)
        minute
          .atLeast(tenantId, limits.minute - minuteLeft)
          .catch((error: unknown) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not record Xero’s minute count'));
      if (remaining('x-applimit-remaining') === 0 || remaining('x-appminlimit-remaining') === 0) block(appSecond, app, limits.minuteMs, 'appminute');
      // Xero does not say when its day resets: hold an hour; a 429 with Retry-After corrects it.
      if (remaining('x-daylimit-remaining') === 0) block(day, tenantId, 3_600_000, 'day');
    },
    inFlight: (tenantId) => running.get(tenantId) ?? 0,
  };
}
