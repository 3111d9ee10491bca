/**
 * SQL for bulk runs (xero_bulk_runs) and the figures of their progress page, read from the run's
 * operations (xero_sync_operations.run_id): counts by status, records finished in the last minute,
 * the failed ones with Xero's messages.
 */
import type { Database } from '../db/database.js';
import type { TenantDb } from '../db/tenant-db.js';
import { date, dbTime, int, requiredDate, requiredText, text, type DbRow } from '../db/row-values.js';
import { operationFromRow } from './operations-repository.js';
import type { SyncOperation } from './sync-operation.js';

const RUNS = 'xero_bulk_runs';
const OPS = 'xero_sync_operations';

export const RUN_STATUSES = ['running', 'paused', 'cancelled', 'done'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface BulkRun {
  id: string;
  organisationId: string;
  recordKind: string;
  status: RunStatus;
  total: number;
  joined: number;
  calls: number;
  dayRemaining: number | null;
  heldUntil: Date | null;
  requestedBy: string | null;
  requestedByName: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface RunCounts {
  done: number;
  failed: number;
  /** Waiting for a retry, Xero's limits or the user's choice. */
  waiting: number;
  running: number;
  pending: number;
  cancelled: number;
}

function runFromRow(row: DbRow): BulkRun {
  const status = requiredText(row, 'status');
  if (!(RUN_STATUSES as readonly string[]).includes(status)) throw new Error(`bulk run has unknown status ${status}`);
  return {
    id: requiredText(row, 'id'),
    organisationId: requiredText(row, 'organisation_id'),
    recordKind: requiredText(row, 'record_kind'),
    status: status as RunStatus,
    total: int(row, 'total') ?? 0,
    joined: int(row, 'joined') ?? 0,
    calls: int(row, 'calls') ?? 0,
    dayRemaining: int(row, 'day_remaining'),
    heldUntil: date(row, 'held_until'),
    requestedBy: text(row, 'requested_by'),
    requestedByName: requiredText(row, 'requested_by_name'),
    createdAt: requiredDate(row, 'created_at'),
    updatedAt: requiredDate(row, 'updated_at'),
    finishedAt: date(row, 'finished_at'),
  };
}

/** `db` is the same database as `tdb`'s (for an increment the tenant handle cannot express). */
export function bulkRunsRepository(tdb: TenantDb, db: Database) {
  return {
    async insert(run: { id: string; recordKind: string; total: number; joined: number; requestedBy: string | null; requestedByName: string; now: Date }) {
      await tdb.insert(RUNS, {
        id: run.id,
        record_kind: run.recordKind,
        status: 'running',
        total: run.total,
        joined: run.joined,
        calls: 0,
        requested_by: run.requestedBy,
        requested_by_name: run.requestedByName.slice(0, 255),
        created_at: dbTime(run.now),
        updated_at: dbTime(run.now),
      });
    },

    async findById(id: string): Promise<BulkRun | null> {
      const row: DbRow | undefined = await tdb.from(RUNS).where('id', id).first();
      return row ? runFromRow(row) : null;
    },

    /** Newest first, one page. */
    async list(page: number, pageSize: number): Promise<{ runs: BulkRun[]; total: number }> {
      const totalRow = (await tdb.from(RUNS).count({ n: '*' }).first()) as DbRow | undefined;
      const rows: DbRow[] = await tdb
        .from(RUNS)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return { runs: rows.map(runFromRow), total: Number(totalRow?.n ?? 0) };
    },

    /** `from` → `to`; false when the run was not in `from`. */
    async setStatus(id: string, from: RunStatus, to: RunStatus, now: Date): Promise<boolean> {
      const patch: DbRow = { status: to, updated_at: dbTime(now) };
      if (to === 'done' || to === 'cancelled') patch.finished_at = dbTime(now);
      if (to === 'running') patch.finished_at = null;
      return (await tdb.update(RUNS, { id, status: from }, patch)) > 0;
    },

    /** After a batch: the calls it made, the day's remaining calls Xero last reported, and whether the day's limit holds the run. */
    async afterBatch(id: string, calls: number, dayRemaining: number | null, heldUntil: Date | null, now: Date): Promise<void> {
      const patch: DbRow = { calls: db.raw('calls + ?', [Math.max(0, Math.floor(calls))]), updated_at: dbTime(now) };
      if (dayRemaining !== null) patch.day_remaining = dayRemaining;
      patch.held_until = heldUntil ? dbTime(heldUntil) : null;
      await tdb.update(RUNS, { id }, patch);
    },

    /** X-DayLimit-Remaining as stored after the organisation's latest batch since `since` (null: none). */
    async lastDayCount(since: Date): Promise<{ remaining: number; at: Date } | null> {
      const row: DbRow | undefined = await tdb
        .from(RUNS)
        .whereNotNull('day_remaining')
        .where('updated_at', '>=', dbTime(since))
        .orderBy('updated_at', 'desc')
        .first('day_remaining', 'updated_at');
      const remaining = row ? int(row, 'day_remaining') : null;
      return row && remaining !== null ? { remaining, at: requiredDate(row, 'updated_at') } : null;
    },

    /** The latest time a running run of the organisation waits for Xero's daily reset, if one still does. */
    async heldUntil(now: Date): Promise<Date | null> {
      const row = (await tdb.from(RUNS).where('status', 'running').where('held_until', '>', dbTime(now)).max({ at: 'held_until' }).first()) as
        DbRow | undefined;
      return row ? date(row, 'at') : null;
    },

    async counts(id: string): Promise<RunCounts> {
      const rows = (await tdb.from(OPS).where('run_id', id).groupBy('status').select('status').count({ n: '*' })) as DbRow[];
      const counts: RunCounts = { done: 0, failed: 0, waiting: 0, running: 0, pending: 0, cancelled: 0 };
      for (const row of rows) {
        const status = requiredText(row, 'status');
        if (status in counts) counts[status as keyof RunCounts] = Number(row.n ?? 0);
      }
      return counts;
    },

    /** Records of the run waiting to be tried again by themselves (not those waiting for a user's choice). */
    async retrying(id: string): Promise<number> {
      const row = (await tdb.from(OPS).where({ run_id: id, status: 'waiting', outcome: 'retrying' }).count({ n: '*' }).first()) as DbRow | undefined;
      return Number(row?.n ?? 0);
    },

    /** Records of the run that finished (done or failed) since `since`. */
    async finishedSince(id: string, since: Date): Promise<number> {
      const row = (await tdb
        .from(OPS)
        .where('run_id', id)
        .whereIn('status', ['done', 'failed'])
        .where('finished_at', '>=', dbTime(since))
        .count({ n: '*' })
        .first()) as DbRow | undefined;
      return Number(row?.n ?? 0);
    },

    async firstFinished(id: string): Promise<Date | null> {
      const row = (await tdb.from(OPS).where('run_id', id).whereNotNull('finished_at').min({ at: 'finished_at' }).first()) as DbRow | undefined;
      return row ? date(row, 'at') : null;
    },

    /** When the run's last record was sent or failed (cancelled ones are not sent). */
    async lastFinished(id: string): Promise<Date | null> {
      const row = (await tdb.from(OPS).where('run_id', id).whereIn('status', ['done', 'failed']).max({ at: 'finished_at' }).first()) as DbRow | undefined;
      return row ? date(row, 'at') : null;
    },

    /** The run's sends in one status (failed ones for the page), oldest first, one page. */
    async operations(id: string, status: SyncOperation['status'], page: number, pageSize: number): Promise<SyncOperation[]> {
      const rows: DbRow[] = await tdb
        .from(OPS)
        .where({ run_id: id, status })
        .orderBy('created_at')
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return rows.map(operationFromRow);
    },

    /** Unfinished sends left in the run (pending, running, waiting). */
    async unfinished(id: string): Promise<number> {
      const row = (await tdb.from(OPS).where('run_id', id).whereIn('status', ['pending', 'running', 'waiting']).count({ n: '*' }).first()) as DbRow | undefined;
      return Number(row?.n ?? 0);
    },

    /** Moves the run's sends in `from` to `patch` (Cancel: pending and waiting → cancelled; Retry failed: failed → pending). */
    async moveOperations(id: string, from: SyncOperation['status'], patch: DbRow): Promise<number> {
      return tdb.update(OPS, { run_id: id, status: from }, patch);
    },
  };
}

export type BulkRunsRepository = ReturnType<typeof bulkRunsRepository>;
