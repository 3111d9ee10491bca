/** SQL for import runs, always through the organisation's TenantDb. */
import type { TenantDb } from '../db/tenant-db.js';
import { dbTime, int, requiredDate, requiredText, date, text, type DbRow } from '../db/row-values.js';
import { IMPORT_KINDS, IMPORT_STATUSES, type ImportKind, type ImportRun, type ImportStatus, type SkipNote } from './xero-import.js';

const TABLE = 'xero_import_runs';
const ACTIVE: readonly ImportStatus[] = ['queued', 'running'];

function runFromRow(row: DbRow): ImportRun {
  const kind = requiredText(row, 'kind');
  const status = requiredText(row, 'status');
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new Error(`import run has unknown kind ${kind}`);
  if (!(IMPORT_STATUSES as readonly string[]).includes(status)) throw new Error(`import run has unknown status ${status}`);
  return {
    id: requiredText(row, 'id'),
    kind: kind as ImportKind,
    status: status as ImportStatus,
    nextPage: int(row, 'next_page') ?? 1,
    processed: int(row, 'processed') ?? 0,
    created: int(row, 'created') ?? 0,
    updated: int(row, 'updated') ?? 0,
    unchanged: int(row, 'unchanged') ?? 0,
    skipped: int(row, 'skipped') ?? 0,
    lastError: text(row, 'last_error'),
    startedAt: requiredDate(row, 'started_at'),
    finishedAt: date(row, 'finished_at'),
    updatedAt: requiredDate(row, 'updated_at'),
  };
}

export function xeroImportRepository(tdb: TenantDb) {
  return {
    async findById(id: string): Promise<ImportRun | null> {
      const row: DbRow | undefined = await tdb.from(TABLE).where('id', id).first();
      return row ? runFromRow(row) : null;
    },

    /** The newest run of a kind (whatever its status). */
    async latest(kind: ImportKind): Promise<ImportRun | null> {
      const row: DbRow | undefined = await tdb.from(TABLE).where('kind', kind).orderBy('started_at', 'desc').orderBy('id', 'desc').first();
      return row ? runFromRow(row) : null;
    },

    /** Queued or running runs (at most one per kind). */
    async active(): Promise<ImportRun[]> {
      const rows: DbRow[] = await tdb.from(TABLE).whereIn('status', ACTIVE);
      return rows.map(runFromRow);
    },

    async insert(run: ImportRun): Promise<void> {
      await tdb.insert(TABLE, {
        id: run.id,
        kind: run.kind,
        status: run.status,
        next_page: run.nextPage,
        processed: run.processed,
        created: run.created,
        updated: run.updated,
        unchanged: run.unchanged,
        skipped: run.skipped,
        last_error: run.lastError,
        started_at: dbTime(run.startedAt),
        finished_at: run.finishedAt ? dbTime(run.finishedAt) : null,
        updated_at: dbTime(run.updatedAt),
      });
    },

    /** Saves a run's progress and state (the runner is its only writer while it is active). */
    async save(run: ImportRun): Promise<void> {
      await tdb.update(
        TABLE,
        { id: run.id },
        {
          status: run.status,
          next_page: run.nextPage,
          processed: run.processed,
          created: run.created,
          updated: run.updated,
          unchanged: run.unchanged,
          skipped: run.skipped,
          last_error: run.lastError,
          finished_at: run.finishedAt ? dbTime(run.finishedAt) : null,
          updated_at: dbTime(run.updatedAt),
        },
      );
    },

    async insertSkips(runId: string, page: number, skips: SkipNote[], now: Date, newId: () => string): Promise<void> {
      await tdb.insert(
        'xero_import_skips',
        skips.map((s) => ({
          id: newId(),
          run_id: runId,
          page,
          xero_id: s.xeroId,
          label: s.label,
          reason: s.reason.slice(0, 500),
          created_at: dbTime(now),
        })),
      );
    },

    /** The first `limit` records a run left out, in the order it met them. */
    async skipsOf(runId: string, limit: number): Promise<SkipNote[]> {
      const rows: DbRow[] = await tdb.from('xero_import_skips').where('run_id', runId).orderBy('page').orderBy('created_at').orderBy('id').limit(limit);
      return rows.map((row) => ({ xeroId: text(row, 'xero_id'), label: text(row, 'label'), reason: requiredText(row, 'reason') }));
    },

    /** Moves a failed run back to queued; false when it was not failed (someone resumed it first). */
    async requeueFailed(id: string, now: Date): Promise<boolean> {
      return (await tdb.update(TABLE, { id, status: 'failed' }, { status: 'queued', last_error: null, finished_at: null, updated_at: dbTime(now) })) > 0;
    },
  };
}

export type XeroImportRepository = ReturnType<typeof xeroImportRepository>;
