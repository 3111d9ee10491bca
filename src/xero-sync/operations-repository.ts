/**
 * SQL for operations. `operationsRepository(tdb)` is one organisation's view (the sync log, record
 * pages, Retry/Cancel); `operationQueue(db)` is the worker's cross-organisation claim.
 */
import type { Knex } from 'knex';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/database.js';
import type { TenantDb } from '../db/tenant-db.js';
import { inIdOrder, pageIdsAndTotal } from '../db/paging.js';
import { bool, date, dbTime, int, requiredDate, requiredText, text, type DbRow } from '../db/row-values.js';
import { OPERATION_STATUSES, type Candidate, type OperationStatus, type SyncOperation } from './sync-operation.js';

const TABLE = 'xero_sync_operations';
const RUNS = 'xero_bulk_runs';
/** How far past a page's start the sync log counts its entries (40 pages of 25). */
export const LOG_COUNT_AHEAD = 1000;

function jsonList(row: DbRow, key: string): unknown[] {
  const raw = text(row, key);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function candidateOf(value: unknown): Candidate | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.contactId !== 'string' || typeof v.name !== 'string') return null;
  return { contactId: v.contactId, name: v.name, email: typeof v.email === 'string' ? v.email : null };
}

export function operationFromRow(row: DbRow): SyncOperation {
  const status = requiredText(row, 'status');
  if (!(OPERATION_STATUSES as readonly string[]).includes(status)) throw new Error(`operation has unknown status ${status}`);
  return {
    id: requiredText(row, 'id'),
    organisationId: requiredText(row, 'organisation_id'),
    recordKind: requiredText(row, 'record_kind'),
    recordId: requiredText(row, 'record_id'),
    recordLabel: requiredText(row, 'record_label'),
    action: 'send',
    status: status as OperationStatus,
    idempotencyKey: requiredText(row, 'idempotency_key'),
    attempts: int(row, 'attempts') ?? 0,
    nextRunAt: date(row, 'next_run_at'),
    leaseOwner: text(row, 'lease_owner'),
    leaseUntil: date(row, 'lease_until'),
    writeStartedAt: date(row, 'write_started_at'),
    requestedBy: text(row, 'requested_by'),
    requestedByName: requiredText(row, 'requested_by_name'),
    outcome: text(row, 'outcome'),
    resultMessage: text(row, 'result_message'),
    xeroMessages: jsonList(row, 'xero_messages').filter((m): m is string => typeof m === 'string'),
    advice: text(row, 'advice'),
    xeroId: text(row, 'xero_id'),
    candidates: jsonList(row, 'candidates')
      .map(candidateOf)
      .filter((c): c is Candidate => c !== null),
    createNew: bool(row, 'create_new'),
    runId: text(row, 'run_id'),
    createdAt: requiredDate(row, 'created_at'),
    updatedAt: requiredDate(row, 'updated_at'),
    finishedAt: date(row, 'finished_at'),
  };
}

/** The columns a change of state writes (everything but identity and creation). */
export type OperationPatch = Partial<
  Pick<
    SyncOperation,
    | 'status'
    | 'nextRunAt'
    | 'leaseOwner'
    | 'leaseUntil'
    | 'writeStartedAt'
    | 'outcome'
    | 'resultMessage'
    | 'xeroMessages'
    | 'advice'
    | 'xeroId'
    | 'candidates'
    | 'createNew'
    | 'finishedAt'
    | 'attempts'
    | 'recordLabel'
  >
>;

function patchColumns(patch: OperationPatch, now: Date): DbRow {
  const row: DbRow = { updated_at: dbTime(now) };
  const time = (d: Date | null | undefined) => (d ? dbTime(d) : null);
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.nextRunAt !== undefined) row.next_run_at = time(patch.nextRunAt);
  if (patch.leaseOwner !== undefined) row.lease_owner = patch.leaseOwner;
  if (patch.leaseUntil !== undefined) row.lease_until = time(patch.leaseUntil);
  if (patch.writeStartedAt !== undefined) row.write_started_at = time(patch.writeStartedAt);
  if (patch.outcome !== undefined) row.outcome = patch.outcome;
  if (patch.resultMessage !== undefined) row.result_message = patch.resultMessage;
  if (patch.xeroMessages !== undefined) row.xero_messages = patch.xeroMessages.length ? JSON.stringify(patch.xeroMessages) : null;
  if (patch.advice !== undefined) row.advice = patch.advice;
  if (patch.xeroId !== undefined) row.xero_id = patch.xeroId;
  if (patch.candidates !== undefined) row.candidates = patch.candidates.length ? JSON.stringify(patch.candidates) : null;
  if (patch.createNew !== undefined) row.create_new = patch.createNew;
  if (patch.finishedAt !== undefined) row.finished_at = time(patch.finishedAt);
  if (patch.attempts !== undefined) row.attempts = patch.attempts;
  if (patch.recordLabel !== undefined) row.record_label = patch.recordLabel.slice(0, 255);
  return row;
}

export interface OperationFilters {
  /** 'failed', 'open' (pending, running, waiting), 'done' or null for all. */
  state: 'failed' | 'open' | 'done' | null;
  recordKind: string | null;
}

const STATE_STATUSES: Record<NonNullable<OperationFilters['state']>, OperationStatus[]> = {
  failed: ['failed'],
  open: ['pending', 'running', 'waiting'],
  done: ['done'],
};

export interface NewOperation {
  id: string;
  recordKind: string;
  recordId: string;
  recordLabel: string;
  idempotencyKey: string;
  requestedBy: string | null;
  requestedByName: string;
  now: Date;
  runId?: string;
  /** A bulk run's records keep the list's order: created_at is `now` plus this many milliseconds (due at `now` all the same). */
  order?: number;
}

function newRow(op: NewOperation): DbRow {
  return {
    id: op.id,
    record_kind: op.recordKind,
    record_id: op.recordId,
    record_label: op.recordLabel.slice(0, 255),
    action: 'send',
    status: 'pending',
    idempotency_key: op.idempotencyKey,
    attempts: 0,
    next_run_at: dbTime(op.now),
    requested_by: op.requestedBy,
    requested_by_name: op.requestedByName.slice(0, 255),
    create_new: false,
    run_id: op.runId ?? null,
    created_at: dbTime(new Date(op.now.getTime() + (op.order ?? 0))),
    updated_at: dbTime(op.now),
  };
}

export function operationsRepository(tdb: TenantDb) {
  /** The organisation's sync-log entries, as the database keeps count of them (0 before the first). */
  const logSize = async (): Promise<number> => {
    const row: { entries?: unknown } | undefined = await tdb.from('xero_sync_log_sizes').first('entries');
    return Number(row?.entries ?? 0);
  };
  return {
    async insert(op: NewOperation): Promise<void> {
      await tdb.insert(TABLE, newRow(op));
    },

    /** Many at once (a bulk run's records), in chunks. */
    async insertMany(ops: readonly NewOperation[]): Promise<void> {
      await tdb.insert(TABLE, ops.map(newRow));
    },

    async findById(id: string): Promise<SyncOperation | null> {
      const row: DbRow | undefined = await tdb.from(TABLE).where('id', id).first();
      return row ? operationFromRow(row) : null;
    },

    /** Several by id (a claimed batch), in no particular order. */
    async findByIds(ids: readonly string[]): Promise<SyncOperation[]> {
      const out: SyncOperation[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const rows: DbRow[] = await tdb.from(TABLE).whereIn('id', ids.slice(i, i + 500));
        out.push(...rows.map(operationFromRow));
      }
      return out;
    },

    /** The unfinished operation for a record, if any (at most one, by a unique index). */
    async activeFor(recordKind: string, recordId: string): Promise<SyncOperation | null> {
      const row: DbRow | undefined = await tdb
        .from(TABLE)
        .where({ record_kind: recordKind, record_id: recordId, action: 'send' })
        .whereIn('status', ['pending', 'running', 'waiting'])
        .first();
      return row ? operationFromRow(row) : null;
    },

    async recentFor(recordKind: string, recordId: string, limit: number): Promise<SyncOperation[]> {
      const rows: DbRow[] = await tdb
        .from(TABLE)
        .where({ record_kind: recordKind, record_id: recordId })
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      return rows.map(operationFromRow);
    },

    /**
     * Newest first, one page: the page's ids (and the total) from the log indexes' entries alone, then
     * those operations by id. The whole log's size is kept by the database (xero_sync_log_sizes,
     * migration 20261206010000), so its pages count nothing and a deep page reads from the nearer end:
     * the last of 50,000 entries reads 25 index entries. A filtered log is counted only up to
     * LOG_COUNT_AHEAD entries past the page's start (`more` when it goes on): page 1 of 50,000 failed
     * sends reads 1,001 index entries, and its pager says "of more than 1000" (src/db/paging.ts).
     */
    async list(filters: OperationFilters, page: number, pageSize: number): Promise<{ operations: SyncOperation[]; total: number; more: boolean }> {
      const base = tdb.from(TABLE);
      if (filters.state) base.whereIn('status', STATE_STATUSES[filters.state]);
      if (filters.recordKind) base.where('record_kind', filters.recordKind);
      const kept = filters.state || filters.recordKind ? undefined : await logSize();
      const { ids, total, more } = await pageIdsAndTotal(
        base,
        'id',
        [
          ['created_at', 'desc'],
          ['id', 'desc'],
        ],
        kept === undefined ? { page, pageSize, countAhead: LOG_COUNT_AHEAD } : { page, pageSize, total: kept },
      );
      const rows: DbRow[] = ids.length ? await tdb.from(TABLE).whereIn('id', ids) : [];
      return { operations: inIdOrder(ids, rows).map(operationFromRow), total, more: Boolean(more) };
    },

    /** Applies `patch` when the operation is still in one of `from`; false when it was not. */
    async transition(id: string, from: readonly OperationStatus[], patch: OperationPatch, now: Date): Promise<boolean> {
      let changed = 0;
      for (const status of from) {
        changed += await tdb.update(TABLE, { id, status }, patchColumns(patch, now));
        if (changed) break;
      }
      return changed > 0;
    },

    /** Saves a running operation's state, only while `owner` still holds its lease. */
    async saveRunning(id: string, owner: string, patch: OperationPatch, now: Date): Promise<boolean> {
      return (await tdb.update(TABLE, { id, status: 'running', lease_owner: owner }, patchColumns(patch, now))) > 0;
    },

    /** `saveRunning` of one patch for many operations in one statement (a batch marking its creates write-started); answers how many it saved. */
    async saveRunningMany(ids: readonly string[], owner: string, patch: OperationPatch, now: Date): Promise<number> {
      return tdb.updateIn(TABLE, 'id', ids, { status: 'running', lease_owner: owner }, patchColumns(patch, now));
    },
  };
}

export type OperationsRepository = ReturnType<typeof operationsRepository>;

export interface Claimed {
  organisationId: string;
  id: string;
  /** The operations claimed together (a bulk run's batch: same run and kind); [id] for a single send. */
  ids: string[];
  runId: string | null;
  recordKind: string;
}

export interface ClaimOptions {
  /** Organisations whose sends this process is already running enough of (skipped, so others go ahead). */
  busy?: readonly string[];
  /** Largest batch per record kind (kinds absent here are claimed one at a time). */
  batchSizes?: ReadonlyMap<string, number>;
}

/** The worker's side: claims the next due operation of any connected organisation. */
export function operationQueue(db: Database) {
  const pg = isPostgres(db);
  return {
    /**
     * Marks one due operation running for `owner` until `leaseUntil`: pending or waiting ones whose time
     * has come, and running ones whose lease ran out (their worker died). PostgreSQL: FOR UPDATE SKIP
     * LOCKED, so several processes each take a different one; SQLite: the transaction holds the write lock.
     */
    async claim(owner: string, now: Date, leaseMs: number, options: ClaimOptions = {}): Promise<Claimed | null> {
      return db.transaction(async (trx) => {
        const at = dbTime(now);
        const due = (q: Knex.QueryBuilder) =>
          q.where((w) =>
            w
              .where((d) => d.whereIn('o.status', ['pending', 'waiting']).whereNotNull('o.next_run_at').where('o.next_run_at', '<=', at))
              .orWhere((stale) => stale.where('o.status', 'running').where('o.lease_until', '<', at)),
          );
        const query = trx
          .select('o.organisation_id', 'o.id', 'o.run_id', 'o.record_kind')
          .from(`${TABLE} as o`)
          .join('organisations as g', 'g.id', 'o.organisation_id')
          .leftJoin(`${RUNS} as r`, (j) => j.on('r.organisation_id', 'o.organisation_id').andOn('r.id', 'o.run_id'))
          .where('g.status', 'connected')
          // A paused run's sends stay where they are until it is resumed.
          .where((q) => q.whereNull('o.run_id').orWhereNot('r.status', 'paused'));
        due(query);
        if (options.busy?.length) query.whereNotIn('o.organisation_id', [...options.busy]);
        query.orderBy('o.next_run_at').orderBy('o.created_at').limit(1);
        if (pg) query.forUpdate('o').skipLocked();
        const row = (await query.first()) as DbRow | undefined;
        if (!row) return null;
        const organisationId = requiredText(row, 'organisation_id');
        const first = requiredText(row, 'id');
        const runId = text(row, 'run_id');
        const recordKind = requiredText(row, 'record_kind');
        const ids = [first];
        const size = runId ? (options.batchSizes?.get(recordKind) ?? 1) : 1;
        if (runId && size > 1) {
          // The rest of the batch: due sends of the same run and kind, up to the batch size.
          const more = trx
            .select('o.id')
            .from(`${TABLE} as o`)
            .where({ 'o.organisation_id': organisationId, 'o.run_id': runId, 'o.record_kind': recordKind })
            .whereNot('o.id', first);
          due(more);
          more
            .orderBy('o.next_run_at')
            .orderBy('o.created_at')
            .limit(size - 1);
          if (pg) more.forUpdate().skipLocked();
          const rows = (await more) as DbRow[];
          ids.push(...rows.map((r) => requiredText(r, 'id')));
        }
        for (let i = 0; i < ids.length; i += 500) {
          await trx(TABLE)
            .where('organisation_id', organisationId)
            .whereIn('id', ids.slice(i, i + 500))
            .update({
              status: 'running',
              lease_owner: owner,
              lease_until: dbTime(new Date(now.getTime() + leaseMs)),
              attempts: trx.raw('attempts + 1'),
              updated_at: at,
            });
        }
        return { organisationId, id: first, ids, runId, recordKind };
      });
    },

    /** Keeps a lease alive while a long call runs. */
    async extend(claimed: Claimed, owner: string, leaseUntil: Date): Promise<void> {
      await db(TABLE)
        .where({ organisation_id: claimed.organisationId, status: 'running', lease_owner: owner })
        .whereIn('id', claimed.ids)
        .update({ lease_until: dbTime(leaseUntil) });
    },
  };
}

export type OperationQueue = ReturnType<typeof operationQueue>;
