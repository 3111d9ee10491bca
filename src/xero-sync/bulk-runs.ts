/**
 * Bulk runs: "Send N to Xero" from a list. A run is a row (xero_bulk_runs) and one ordinary sync
 * operation per record (run_id), all recorded in one transaction before anything is sent; the worker
 * sends them in batches (the handler's `batch`), so a run survives restarts and goes on from where it
 * was. Pause keeps its sends where they are (the worker skips a paused run); Cancel cancels those not
 * yet sent; Retry failed puts the failed ones back together.
 *
 * Each list that offers bulk sending gives a BulkSource: which records "Select all N matching" means
 * (the list's search and filters), and the plan shown before sending (how many, how many contacts
 * created or updated on the way, the calls Xero's limits allow).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { TenantDb } from '../db/tenant-db.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { dbTime, requiredText, type DbRow } from '../db/row-values.js';
import { bulkRunsRepository, type BulkRun, type RunCounts } from './bulk-runs-repository.js';
import { operationsRepository, type NewOperation } from './operations-repository.js';
import type { SyncEngine } from './sync-engine.js';
import type { Requester, SyncOperation } from './sync-operation.js';
import { XERO_LIMITS } from '../xero/index.js';

/** Most records one run may hold. */
export const MAX_RUN_RECORDS = 20_000;
/** Xero's ceiling for one organisation: 60 calls a minute of up to 50 records each (xero-facts §6). */
export const CEILING_PER_MINUTE = 3_000;

/**
 * How the pacer lets one organisation's calls go (src/xero/call-pacer.ts): a minute's `minute` calls may
 * start at once, each next one when the call `minute` places before it is a pacer minute (`windowMs`:
 * Xero's minute plus the slack) old, at most `inFlight` at a time; `callMs` is what a batch call to Xero
 * is taken to last for the estimate.
 */
export interface Pace {
  minute: number;
  windowMs: number;
  inFlight: number;
  callMs: number;
}
export const XERO_PACE: Pace = {
  minute: XERO_LIMITS.minute - XERO_LIMITS.margin,
  windowMs: XERO_LIMITS.minuteMs + XERO_LIMITS.slackMs,
  inFlight: XERO_LIMITS.concurrent,
  callMs: 3_000,
};

export interface BulkPlan {
  /** The records a run would send, with the label each send shows. */
  records: Array<{ id: string; label: string }>;
  /** Asked for but not sendable (archived…), with why. */
  skipped: Array<{ label: string; reason: string }>;
  contactsToCreate: number;
  contactsToUpdate: number;
  contactsUnchanged: number;
  /** A document list's records: how many Xero gets new, and how many already sent it gets updated (absent for contacts, whose records are the contacts above). */
  documents?: { create: number; update: number };
  /** Calls the run should take at most (lookups, creates, updates), from which the time is estimated. */
  calls: number;
}

export interface BulkSource {
  /** The operations' record kind (a RecordHandler with a `batch`). */
  kind: string;
  /** "contact" / "contacts". */
  noun: string;
  plural: string;
  /** The list the run starts from. */
  listPath: string;
  /** What a record becomes in Xero, plural ("invoices"); absent when it is the same thing (contacts). */
  xeroPlural?: string;
  /** The list's search and filter parameters ("Select all N matching" keeps them). */
  filterParams: readonly string[];
  /** Every record the list's search and filters match. */
  matchingIds(tdb: TenantDb, query: Record<string, string>, limit: number): Promise<string[]>;
  plan(tdb: TenantDb, ids: readonly string[]): Promise<BulkPlan>;
}

export type BulkSelection = { ids: string[] } | { all: true; query: Record<string, string> };

export interface RunProgress {
  run: BulkRun;
  counts: RunCounts;
  /** Not yet finished: pending + running. */
  remaining: number;
  finished: number;
  /** Records finished in the last minute. */
  perMinute: number;
  /** A finished or cancelled run: records sent or failed a minute over its sending time (its start to its last record), and that time. */
  average: { perMinute: number; minutes: number } | null;
  ceilingPerMinute: number;
  /** Minutes left at the current rate (null: not known yet, or nothing left). */
  minutesLeft: number | null;
  /** Xero's daily limit is spent: the run goes on at this time. */
  heldUntil: Date | null;
}

export interface BulkRunsDeps {
  db: Database;
  engine: SyncEngine;
  sources: BulkSource[];
  now?: () => Date;
}

const ACTIVE = ['pending', 'running', 'waiting'];

/**
 * Minutes the pacer takes for `calls` (Xero's own time included, the app's work not): call by call, each
 * starts when a slot is free and the minute allows it. 240 calls: four pacer minutes' starts, about 3.7.
 */
export function pacedMinutes(calls: number, pace: Pace = XERO_PACE): number {
  const starts: number[] = [];
  const free: number[] = Array.from({ length: pace.inFlight }, () => 0);
  let end = 0;
  for (let i = 0; i < calls; i++) {
    const slot = free.indexOf(Math.min(...free));
    const at = Math.max(free[slot]!, i >= pace.minute ? starts[i - pace.minute]! + pace.windowMs : 0);
    starts.push(at);
    free[slot] = at + pace.callMs;
    end = Math.max(end, at + pace.callMs);
  }
  return end / 60_000;
}

/** What the confirmation says of Xero's daily limit: its last count of the day's calls left (from a run of the last day), and a hold now. */
export interface DayBudget {
  /** Calls a day Xero allows one organisation. */
  limit: number;
  /** Xero's X-DayLimit-Remaining after the organisation's latest batch of the last 24 hours (null: none). */
  remaining: number | null;
  at: Date | null;
  /** A run of the organisation waits for Xero's daily reset until then. */
  heldUntil: Date | null;
}

export function bulkRuns(deps: BulkRunsDeps) {
  const now = deps.now ?? (() => new Date());
  const sources = new Map(deps.sources.map((s) => [s.kind, s]));

  function sourceOf(kind: string): BulkSource {
    const source = sources.get(kind);
    if (!source) throw new NotFoundError('bulk send');
    return source;
  }

  function forOrganisation(tdb: TenantDb) {
    const runs = bulkRunsRepository(tdb, deps.db);

    async function idsOf(source: BulkSource, selection: BulkSelection): Promise<string[]> {
      const ids = 'all' in selection ? await source.matchingIds(tdb, selection.query, MAX_RUN_RECORDS + 1) : [...new Set(selection.ids)];
      if (ids.length > MAX_RUN_RECORDS)
        throw new ConflictError(`At most ${MAX_RUN_RECORDS.toLocaleString('en')} records can be sent at once. Narrow the search or filters.`);
      return ids;
    }

    async function get(id: string): Promise<BulkRun> {
      const run = await runs.findById(id);
      if (!run) throw new NotFoundError('bulk send');
      return run;
    }

    /** Records that already have an unfinished send (they are joined, not sent twice). */
    async function alreadySending(trx: TenantDb, kind: string, ids: readonly string[]): Promise<Set<string>> {
      const busy = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows: DbRow[] = await trx
          .from('xero_sync_operations')
          .where('record_kind', kind)
          .whereIn('status', ACTIVE)
          .whereIn('record_id', ids.slice(i, i + 500))
          .select('record_id');
        for (const row of rows) busy.add(requiredText(row, 'record_id'));
      }
      return busy;
    }

    return {
      get,
      list: (page: number, pageSize: number) => runs.list(page, pageSize),

      async preview(kind: string, selection: BulkSelection): Promise<BulkPlan & { source: BulkSource; day: DayBudget }> {
        const source = sourceOf(kind);
        const plan = await source.plan(tdb, await idsOf(source, selection));
        const at = now();
        const last = await runs.lastDayCount(new Date(at.getTime() - 86_400_000));
        const heldUntil = await runs.heldUntil(at);
        return { ...plan, source, day: { limit: XERO_LIMITS.day, remaining: last?.remaining ?? null, at: last?.at ?? null, heldUntil } };
      },

      /** Records the run and its sends in one transaction; the worker starts on them at once. */
      async start(kind: string, selection: BulkSelection, requester: Requester): Promise<BulkRun> {
        const source = sourceOf(kind);
        const plan = await source.plan(tdb, await idsOf(source, selection));
        if (plan.records.length === 0) throw new ConflictError('Nothing to send: none of the selected records can be sent to Xero.');
        const id = randomUUID();
        const at = now();
        await tdb.transaction(async (trx) => {
          const busy = await alreadySending(
            trx,
            kind,
            plan.records.map((r) => r.id),
          );
          const fresh = plan.records.filter((r) => !busy.has(r.id));
          await bulkRunsRepository(trx, deps.db).insert({
            id,
            recordKind: kind,
            total: fresh.length,
            joined: plan.records.length - fresh.length,
            requestedBy: requester.userId,
            requestedByName: requester.name,
            now: at,
          });
          const ops: NewOperation[] = fresh.map((r, i) => ({
            id: randomUUID(),
            recordKind: kind,
            recordId: r.id,
            recordLabel: r.label,
            idempotencyKey: randomUUID(),
            requestedBy: requester.userId,
            requestedByName: requester.name,
            now: at,
            // In list order, so batches go in the order the user saw.
            order: i,
            runId: id,
          }));
          try {
            await operationsRepository(trx).insertMany(ops);
          } catch (error) {
            if (isUniqueViolation(error, 'xero_sync_operations')) throw new ConflictError('Some of these records started sending meanwhile. Please try again.');
            throw error;
          }
          if (fresh.length === 0) await bulkRunsRepository(trx, deps.db).setStatus(id, 'running', 'done', at);
        });
        deps.engine.worker.wake();
        return get(id);
      },

      async progress(id: string): Promise<RunProgress> {
        const run = await get(id);
        const counts = await runs.counts(id);
        const at = now();
        const perMinute = await runs.finishedSince(id, new Date(at.getTime() - 60_000));
        const remaining = counts.pending + counts.running;
        const finished = counts.done + counts.failed;
        // Time left counts the records still to go and those waiting to be tried again (a failed batch's
        // retry), not those waiting for a user's choice.
        const toGo = remaining + (counts.waiting ? await runs.retrying(id) : 0);
        let minutesLeft: number | null = null;
        if (toGo > 0 && perMinute > 0) minutesLeft = toGo / perMinute;
        else if (toGo > 0) {
          // No figures for the last minute yet: judge by the average since the first record finished.
          const first = await runs.firstFinished(id);
          const elapsed = first ? (at.getTime() - first.getTime()) / 60_000 : 0;
          if (first && elapsed > 0.05 && finished > 0) minutesLeft = toGo / (finished / elapsed);
        }
        const heldUntil = run.heldUntil && run.heldUntil > at && run.status === 'running' ? run.heldUntil : null;
        let average: RunProgress['average'] = null;
        if ((run.status === 'done' || run.status === 'cancelled') && finished > 0) {
          const last = await runs.lastFinished(id);
          // At least a second: a run of a few unchanged records can finish within the millisecond it started.
          const minutes = Math.max(1_000, (last ?? at).getTime() - run.createdAt.getTime()) / 60_000;
          average = { perMinute: finished / minutes, minutes };
        }
        return { run, counts, remaining, finished, perMinute, average, ceilingPerMinute: CEILING_PER_MINUTE, minutesLeft, heldUntil };
      },

      async failed(id: string, page: number, pageSize: number): Promise<SyncOperation[]> {
        return runs.operations(id, 'failed', page, pageSize);
      },

      async pause(id: string): Promise<BulkRun> {
        await get(id); // another organisation's id: 404
        if (!(await runs.setStatus(id, 'running', 'paused', now()))) throw new ConflictError('Only a running send can be paused.');
        return get(id);
      },

      async resume(id: string): Promise<BulkRun> {
        await get(id);
        if (!(await runs.setStatus(id, 'paused', 'running', now()))) throw new ConflictError('Only a paused send can be resumed.');
        if ((await runs.unfinished(id)) === 0) await runs.setStatus(id, 'running', 'done', now());
        deps.engine.worker.wake();
        return get(id);
      },

      /** The sends not yet made are cancelled; a batch already on its way to Xero finishes. */
      async cancel(id: string): Promise<BulkRun> {
        const run = await get(id);
        if (run.status !== 'running' && run.status !== 'paused') throw new ConflictError('Only a running or paused send can be cancelled.');
        if (!(await runs.setStatus(id, run.status, 'cancelled', now()))) throw new ConflictError('That send has already changed; reload the page.');
        const at = now();
        const patch = { status: 'cancelled', outcome: 'cancelled', next_run_at: null, finished_at: dbTime(at), updated_at: dbTime(at) };
        await runs.moveOperations(id, 'pending', patch);
        await runs.moveOperations(id, 'waiting', patch);
        return get(id);
      },

      /** Every failed send of the run goes again (same Idempotency-Keys), and the run with them. */
      async retryFailed(id: string): Promise<number> {
        const run = await get(id);
        if (run.status === 'cancelled') throw new ConflictError('This send was cancelled; start a new one from the list.');
        const sends = deps.engine.forOrganisation(tdb);
        let retried = 0;
        for (;;) {
          const failed = await runs.operations(id, 'failed', 1, 500);
          const before = retried;
          for (const op of failed) {
            try {
              await sends.retry(op.id);
              retried += 1;
            } catch (error) {
              if (!(error instanceof ConflictError) && !isUniqueViolation(error, 'xero_sync_operations')) throw error;
            }
          }
          if (failed.length < 500 || retried === before) break;
        }
        if (retried > 0 && run.status === 'done') await runs.setStatus(id, 'done', 'running', now());
        deps.engine.worker.wake();
        return retried;
      },
    };
  }

  return { forOrganisation, sourceOf, sources: deps.sources };
}

export type BulkRuns = ReturnType<typeof bulkRuns>;
