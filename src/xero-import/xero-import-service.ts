/**
 * Import from Xero: start a run, resume a failed one, show progress. A run is executed in the
 * background by the in-process job runner, page by page: Xero is read outside any transaction, then
 * the page's records and the run's progress (counters, next page) are written in one transaction, so a
 * run that fails (or an app that restarts) resumes exactly at the first page not yet written.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { tenantDb, type TenantDb } from '../db/tenant-db.js';
import type { Logger } from '../common/logger.js';
import { AppError, ConflictError, NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { GatewayOrganisation } from '../xero/index.js';
import type { JobRunner } from '../jobs/index.js';
import { FETCH_PAGE, type XeroImportSource } from './import-kinds.js';
import { xeroImportRepository } from './xero-import-repository.js';
import type { ImportKind, ImportRun, PageCounts, SkipNote } from './xero-import.js';

export type XeroImportSourceFor = (organisation: GatewayOrganisation) => XeroImportSource;

export interface XeroImportDeps {
  db: Database;
  sourceFor: XeroImportSourceFor;
  runner: JobRunner;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  /** How long an unfinished run may go without progress, when this process is not running it, before it counts as cut off. */
  staleAfterMs?: number;
}

export type ImportOverview = Record<ImportKind, { run: ImportRun; skips: SkipNote[] } | null>;

/** How many left-out records the page lists (the count covers them all). */
export const SKIPS_SHOWN = 50;

export const KIND_NOUNS: Record<ImportKind, string> = { contacts: 'contacts', items: 'products' };

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'Something went wrong on our side while importing. It has been logged; resume the import to try again.';
}

function add(run: ImportRun, counts: PageCounts): ImportRun {
  return {
    ...run,
    processed: run.processed + counts.processed,
    created: run.created + counts.created,
    updated: run.updated + counts.updated,
    unchanged: run.unchanged + counts.unchanged,
    skipped: run.skipped + counts.skipped,
  };
}

export function xeroImports(deps: XeroImportDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const staleAfterMs = deps.staleAfterMs ?? 5 * 60_000;
  const keyOf = (organisationId: string, kind: ImportKind) => `xero-import:${organisationId}:${kind}`;

  async function execute(organisation: GatewayOrganisation, runId: string): Promise<void> {
    const tdb = tenantDb(deps.db, organisation.id);
    const repo = xeroImportRepository(tdb);
    const queued = await repo.findById(runId);
    if (!queued || queued.status !== 'queued') return;
    let run: ImportRun = { ...queued, status: 'running', updatedAt: now() };
    await repo.save(run);
    const log = deps.logger.child({ organisationId: organisation.id, importRunId: run.id, kind: run.kind });
    const source = deps.sourceFor(organisation);
    try {
      for (;;) {
        const page = await FETCH_PAGE[run.kind](source, run.nextPage);
        const current = run;
        run = await tdb.transaction(async (trx) => {
          const { counts, skips } = await page.write(trx, { now: now(), newId });
          const at = now();
          const next: ImportRun = {
            ...add(current, counts),
            nextPage: current.nextPage + 1,
            updatedAt: at,
            ...(page.last ? { status: 'completed', finishedAt: at } : {}),
          };
          const runs = xeroImportRepository(trx);
          await runs.save(next);
          await runs.insertSkips(current.id, current.nextPage, skips, at, newId);
          for (const skip of skips) log.warn({ xeroId: skip.xeroId, page: current.nextPage }, `import skipped a record: ${skip.reason}`);
          return next;
        });
        log.info({ page: run.nextPage - 1, processed: run.processed }, 'import page written');
        if (page.last) return;
      }
    } catch (error) {
      log.warn({ err: error, page: run.nextPage }, 'import failed');
      const at = now();
      await repo.save({ ...run, status: 'failed', lastError: messageOf(error), finishedAt: at, updatedAt: at });
    }
  }

  function launch(organisation: GatewayOrganisation, run: ImportRun): void {
    deps.runner.launch(keyOf(organisation.id, run.kind), () => execute(organisation, run.id));
  }

  return {
    /** Every import running in this process has finished (tests, shutdown). */
    idle: () => deps.runner.idle(),

    forOrganisation(organisation: GatewayOrganisation, tdb: TenantDb) {
      const repo = xeroImportRepository(tdb);

      /** Runs left queued/running by a process that stopped become failed, so they can be resumed. */
      async function recoverStale(): Promise<void> {
        for (const run of await repo.active()) {
          const idleFor = now().getTime() - run.updatedAt.getTime();
          if (deps.runner.isRunning(keyOf(organisation.id, run.kind)) || idleFor < staleAfterMs) continue;
          const at = now();
          await repo.save({
            ...run,
            status: 'failed',
            lastError: `The import stopped before it finished (Ledgerside was restarted). Resume it to carry on from page ${run.nextPage}.`,
            finishedAt: at,
            updatedAt: at,
          });
        }
      }

      async function get(runId: string): Promise<ImportRun> {
        const run = await repo.findById(runId);
        if (!run) throw new NotFoundError('import');
        return run;
      }

      /** The newest run of each kind. */
      async function latest(): Promise<Record<ImportKind, ImportRun | null>> {
        await recoverStale();
        return { contacts: await repo.latest('contacts'), items: await repo.latest('items') };
      }

      const busy = (kind: ImportKind) => new ConflictError(`An import of ${KIND_NOUNS[kind]} is already running. Wait for it to finish.`);

      return {
        get,

        latest,

        /** The newest run of each kind with the first records it left out, for the import page. */
        async overview(): Promise<ImportOverview> {
          const newest = await latest();
          const withSkips = async (run: ImportRun | null) => (run ? { run, skips: run.skipped ? await repo.skipsOf(run.id, SKIPS_SHOWN) : [] } : null);
          return { contacts: await withSkips(newest.contacts), items: await withSkips(newest.items) };
        },

        async start(kind: ImportKind): Promise<ImportRun> {
          await recoverStale();
          if ((await repo.active()).some((r) => r.kind === kind)) throw busy(kind);
          const at = now();
          const run: ImportRun = {
            id: newId(),
            kind,
            status: 'queued',
            nextPage: 1,
            processed: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            lastError: null,
            startedAt: at,
            finishedAt: null,
            updatedAt: at,
          };
          try {
            await repo.insert(run);
          } catch (error) {
            if (isUniqueViolation(error, 'xero_import_runs')) throw busy(kind);
            throw error;
          }
          launch(organisation, run);
          return run;
        },

        /** Carries a failed run on from the first page it had not written. */
        async resume(runId: string): Promise<ImportRun> {
          await recoverStale();
          const run = await get(runId);
          if (run.status !== 'failed') throw new ConflictError('Only an import that failed can be resumed.');
          if ((await repo.active()).some((r) => r.kind === run.kind)) throw busy(run.kind);
          try {
            if (!(await repo.requeueFailed(run.id, now()))) throw new ConflictError('That import has already been resumed.');
          } catch (error) {
            if (isUniqueViolation(error, 'xero_import_runs')) throw busy(run.kind);
            throw error;
          }
          launch(organisation, run);
          return get(run.id);
        },
      };
    },
  };
}

export type XeroImports = ReturnType<typeof xeroImports>;
export type XeroImportService = ReturnType<XeroImports['forOrganisation']>;
