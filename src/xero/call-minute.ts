/**
 * A sliding minute of Xero calls per organisation: at most `budget` call starts in any `windowMs`.
 * Xero counts 60 calls a minute per organisation; whether its minute is fixed or rolling, a sender that
 * never starts more than 60 calls in any 60 s (plus a little slack for the time a call takes to arrive)
 * never exceeds it, and may start all 60 at once: a minute's budget is used whole, not spread thin.
 * PostgreSQL: one row per call start in `xero_call_minutes`, taken under a transaction-scoped advisory
 * lock per organisation, so every app process shares it; SQLite (one process): in memory.
 */
import type { Database, Transaction } from '../db/database.js';
import { isPostgres } from '../db/database.js';

export interface CallMinute {
  /** Records a call start now and answers 0, or answers how many ms until one may start (nothing recorded). */
  take(key: string): Promise<number>;
  /**
   * Xero said how many calls it counted in its current minute (60 − X-MinLimit-Remaining): when that is
   * more than this minute holds (calls made around the pacer, by another app on the connection…), the
   * difference is recorded now, so the budget left is never more than Xero's.
   */
  atLeast(key: string, used: number): Promise<void>;
}

export function callMinute(db: Database, budget: number, windowMs: number): CallMinute {
  return isPostgres(db) ? sharedMinute(db, budget, windowMs) : memoryMinute(budget, windowMs);
}

/** How long until `budget` calls fit in the window again, given the starts (ascending) within it. */
function waitFor(starts: readonly number[], budget: number, windowMs: number, now: number): number {
  if (starts.length < budget) return 0;
  return Math.max(1, starts[starts.length - budget]! + windowMs - now);
}

function memoryMinute(budget: number, windowMs: number): CallMinute {
  const starts = new Map<string, number[]>();
  const current = (key: string, now: number): number[] => {
    const list = (starts.get(key) ?? []).filter((at) => at > now - windowMs);
    starts.set(key, list);
    return list;
  };
  return {
    async take(key) {
      const now = Date.now();
      const list = current(key, now);
      const wait = waitFor(list, budget, windowMs, now);
      if (wait === 0) list.push(now);
      return wait;
    },
    async atLeast(key, used) {
      const now = Date.now();
      const list = current(key, now);
      for (let n = list.length; n < Math.min(used, budget); n++) list.push(now);
    },
  };
}

function sharedMinute(db: Database, budget: number, windowMs: number): CallMinute {
  const locked = async <T>(key: string, work: (trx: Transaction, starts: number[], now: number) => Promise<T>): Promise<T> =>
    db.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`xero-minute:${key}`]);
      const now = Date.now();
      await trx('xero_call_minutes')
        .where({ key })
        .andWhere('at', '<=', now - windowMs)
        .delete();
      const rows: Array<{ at: string | number }> = await trx('xero_call_minutes').where({ key }).orderBy('at').select('at');
      return work(
        trx,
        rows.map((r) => Number(r.at)),
        now,
      );
    });
  return {
    take: (key) =>
      locked(key, async (trx, starts, now) => {
        const wait = waitFor(starts, budget, windowMs, now);
        if (wait === 0) await trx('xero_call_minutes').insert({ key, at: now });
        return wait;
      }),
    atLeast: (key, used) =>
      locked(key, async (trx, starts, now) => {
        const missing = Math.min(used, budget) - starts.length;
        if (missing > 0) await trx('xero_call_minutes').insert(Array.from({ length: missing }, () => ({ key, at: now })));
      }),
  };
}
