/**
 * The sync engine: records operations (in the caller's transaction) and runs them in a worker inside the
 * app process. The worker claims one due operation at a time per slot (operationQueue.claim: FOR UPDATE
 * SKIP LOCKED on PostgreSQL), keeps its lease alive while it runs, and writes the result only while it
 * still holds the lease. An operation left running by a process that died is claimed again once its
 * lease expires; its Idempotency-Key and `write_started_at` make the re-run safe (see contact-send.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { tenantDb, type TenantDb } from '../db/tenant-db.js';
import type { Logger } from '../common/logger.js';
import { dateStyleFor, withDateStyle } from '../common/dates.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { organisationsRepository } from '../organisations/index.js';
import { pollingWorker } from '../jobs/index.js';
import type { Organisation } from '../common/tenancy.js';
import type { OrganisationGateway } from '../xero/index.js';
import { classify, dayLimitEnds, DEFAULT_BACKOFF, type BackoffPolicy } from './failure.js';
import { operationQueue, operationsRepository, type Claimed, type OperationsRepository } from './operations-repository.js';
import { bulkRunsRepository } from './bulk-runs-repository.js';
import { CONTACT_INDEX_FROM, contactIndex, type ContactIndex } from './contact-index.js';
import { claimContacts } from './contact-claims.js';
import type { BatchContext, BatchOutcome, RecordHandler, SendContext } from './send-context.js';
import { writeMarks, type WriteMarks } from './write-marks.js';
import { RETRYABLE, type Requester, type SyncOperation } from './sync-operation.js';

export interface SyncEngineDeps {
  db: Database;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  handlers: RecordHandler[];
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** How long a claim lasts without renewal; a worker that dies loses its operations after this. */
  leaseMs?: number;
  /** How often an idle worker looks for due operations. */
  pollMs?: number;
  /** Operations run at once by this process (the pacer keeps each organisation within Xero's limits). */
  concurrency?: number;
  /** Identifies this worker in leases (default: pid + random). */
  owner?: string;
  /**
   * Most operations (or batches) of one organisation this process runs at once; further slots go to
   * other organisations, so one organisation's bulk run never holds up another's (default 5, Xero's
   * calls in flight).
   */
  perOrganisation?: number;
  /** This process's copies of organisations' Xero contacts for large runs (default: a fresh one, re-read after a minute). */
  contactIndex?: ContactIndex;
  /** Runs of at least this many records match new contacts against the copy (default CONTACT_INDEX_FROM). */
  contactIndexFrom?: number;
  /**
   * Told about operations once they are finished (sent, or failed for good) and saved: the audit
   * trail's sink, wired at the composition root so this folder imports no audit code. A failure here is
   * logged, never the operation's.
   */
  onFinished?: (tdb: TenantDb, finished: FinishedSend[]) => Promise<void>;
}

/** An operation the engine finished: who asked, which record, and what Xero's answer came to. */
export interface FinishedSend {
  operationId: string;
  /** The record's kind as its page's path names it ('contacts', 'sales-orders', 'purchase-orders', …). */
  recordPathKind: string;
  recordId: string;
  /** The record's page. */
  href: string;
  requestedBy: string | null;
  requestedByName: string;
  sent: boolean;
  /** The sync log's message: "Created in Xero.", Xero's refusal, … */
  message: string;
  at: Date;
}

export interface EnqueueInput {
  recordKind: string;
  recordId: string;
  recordLabel: string;
  requester: Requester;
}

export function syncEngine(deps: SyncEngineDeps) {
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const leaseMs = deps.leaseMs ?? 120_000;
  const owner = deps.owner ?? `${process.pid}-${randomUUID()}`;
  const queue = operationQueue(deps.db);
  const handlers = new Map(deps.handlers.map((h) => [h.kind, h]));
  const organisations = organisationsRepository(deps.db);
  const batchSizes = new Map(deps.handlers.filter((h) => h.batch).map((h) => [h.kind, h.batch!.size]));
  /** Operations (or batches) this process is running, per organisation. */
  const inFlight = new Map<string, number>();
  const perOrganisation = deps.perOrganisation ?? 5;
  const contacts = deps.contactIndex ?? contactIndex();
  const contactIndexFrom = deps.contactIndexFrom ?? CONTACT_INDEX_FROM;

  function handlerOf(kind: string): RecordHandler {
    const handler = handlers.get(kind);
    if (!handler) throw new Error(`no sync handler for record kind ${kind}`);
    return handler;
  }

  function finished(operation: SyncOperation, sent: boolean, message: string, at: Date): FinishedSend {
    const href = handlerOf(operation.recordKind).href(operation.recordId);
    return {
      operationId: operation.id,
      recordPathKind: href.split('/').filter(Boolean)[0] ?? operation.recordKind,
      recordId: operation.recordId,
      href,
      requestedBy: operation.requestedBy,
      requestedByName: operation.requestedByName,
      sent,
      message,
      at,
    };
  }

  async function tellFinished(tdb: TenantDb, sends: FinishedSend[], log: Logger): Promise<void> {
    if (!deps.onFinished || sends.length === 0) return;
    try {
      await deps.onFinished(tdb, sends);
    } catch (error) {
      log.error({ err: error, operations: sends.map((s) => s.operationId) }, 'finished sends not recorded in the audit trail');
    }
  }

  /**
   * Writes one operation's outcome, only while this worker still holds its lease; answers the send
   * when this save finished it (done, or failed for good).
   */
  async function save(repo: OperationsRepository, operation: SyncOperation, outcome: BatchOutcome, log: Logger): Promise<FinishedSend | null> {
    const at = now();
    if (outcome.kind === 'error') {
      const verdict = classify(outcome.error, operation.attempts, at, backoff, random);
      if (verdict.unexpected) log.error({ err: outcome.error }, 'xero sync operation failed unexpectedly');
      else log.warn({ status: verdict.status, reason: verdict.message }, 'xero sync operation did not complete');
      const savedError = await repo.saveRunning(
        operation.id,
        owner,
        {
          status: verdict.status,
          nextRunAt: verdict.nextRunAt,
          resultMessage: verdict.message,
          xeroMessages: verdict.xeroMessages,
          advice: verdict.advice,
          outcome: verdict.status === 'failed' ? 'failed' : 'retrying',
          leaseOwner: null,
          leaseUntil: null,
          ...(verdict.status === 'failed' ? { finishedAt: at } : {}),
        },
        at,
      );
      return savedError && verdict.status === 'failed' ? finished(operation, false, [verdict.message, ...verdict.xeroMessages].join(' '), at) : null;
    }
    const saved =
      outcome.kind === 'done'
        ? await repo.saveRunning(
            operation.id,
            owner,
            {
              status: 'done',
              outcome: outcome.outcome,
              xeroId: outcome.xeroId,
              resultMessage: outcome.message,
              xeroMessages: [],
              advice: null,
              candidates: [],
              nextRunAt: null,
              leaseOwner: null,
              leaseUntil: null,
              finishedAt: at,
            },
            at,
          )
        : await repo.saveRunning(
            operation.id,
            owner,
            {
              status: 'waiting',
              outcome: 'needs_choice',
              candidates: outcome.candidates,
              resultMessage: outcome.message,
              xeroMessages: [],
              advice: 'Choose Link next to the right Xero contact, or Create new.',
              nextRunAt: null,
              leaseOwner: null,
              leaseUntil: null,
            },
            at,
          );
    if (!saved) log.warn('operation finished after its lease was taken over; result not saved');
    log.info({ outcome: outcome.kind === 'done' ? outcome.outcome : 'needs_choice' }, 'xero sync operation finished');
    return saved && outcome.kind === 'done' ? finished(operation, true, outcome.message, at) : null;
  }

  function keepLease(claimed: Claimed, log: Logger): NodeJS.Timeout {
    const renew = setInterval(
      () => {
        queue
          .extend(claimed, owner, new Date(now().getTime() + leaseMs))
          .catch((error: unknown) => log.warn({ err: error }, 'could not renew the lease of an operation'));
      },
      Math.max(1_000, leaseMs / 3),
    );
    renew.unref();
    return renew;
  }

  async function execute(claimed: Claimed): Promise<void> {
    if (claimed.runId && handlerOf(claimed.recordKind).batch) return executeBatch(claimed, claimed.runId);
    const tdb = tenantDb(deps.db, claimed.organisationId);
    const repo = operationsRepository(tdb);
    const operation = await repo.findById(claimed.id);
    const organisation = await organisations.findOrganisation(claimed.organisationId);
    if (!operation || !organisation) return;
    const log = deps.logger.child({
      organisationId: organisation.id,
      operationId: operation.id,
      recordKind: operation.recordKind,
      recordId: operation.recordId,
    });
    const renew = keepLease(claimed, log);
    const marks = writeMarks();
    const startedBefore = operation.writeStartedAt;
    const ctx: SendContext = {
      tdb,
      organisation,
      operation,
      now,
      gateway: marks.watch(deps.gatewayFor(organisation)),
      idempotencyKey: (step, fingerprint) => `${operation.idempotencyKey}:${step}:${fingerprint.replace(/^[a-z0-9]+:/, '').slice(0, 16)}`.slice(0, 128),
      async markWriteStarted() {
        operation.writeStartedAt = now();
        await repo.saveRunning(operation.id, owner, { writeStartedAt: operation.writeStartedAt }, now());
        marks.marked([operation.id]);
      },
      earlierWriteStarted: operation.writeStartedAt !== null,
    };
    let outcome: BatchOutcome;
    try {
      outcome = await handlerOf(operation.recordKind).send(ctx);
    } catch (error) {
      outcome = { kind: 'error', error };
    }
    let done: FinishedSend | null;
    try {
      await takeBackMarks(repo, marks, new Map([[operation.id, operation]]), new Map([[operation.id, startedBefore]]));
      // The stored message's times ("It will be sent at …") read in the organisation's date style, as its pages do.
      done = await withDateStyle(dateStyleFor(organisation.countryCode), () => save(repo, operation, outcome, log));
    } finally {
      clearInterval(renew);
    }
    if (done) await tellFinished(tdb, [done], log);
    if (operation.runId) await afterRun(tdb, operation.runId, 0, null, null);
  }

  /** A bulk run's batch: one handler call for all its operations, each outcome saved on its own operation. */
  async function executeBatch(claimed: Claimed, runId: string): Promise<void> {
    const tdb = tenantDb(deps.db, claimed.organisationId);
    const repo = operationsRepository(tdb);
    const organisation = await organisations.findOrganisation(claimed.organisationId);
    const byId = new Map((await repo.findByIds(claimed.ids)).map((op) => [op.id, op]));
    const operations = claimed.ids.map((id) => byId.get(id)).filter((op): op is SyncOperation => op !== undefined);
    const batch = handlerOf(claimed.recordKind).batch;
    if (!organisation || !batch || operations.length === 0) return;
    const log = deps.logger.child({ organisationId: organisation.id, runId, recordKind: claimed.recordKind, batch: operations.length });
    const renew = keepLease(claimed, log);
    const marks = writeMarks();
    const startedBefore = new Map(operations.map((op) => [op.id, op.writeStartedAt]));
    const inner = marks.watch(deps.gatewayFor(organisation));
    let calls = 0;
    // Counts the batch's calls for the run's figures.
    const gateway = new Proxy(inner, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || prop === 'callsLeftToday') return value;
        return (...args: unknown[]) => {
          calls += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const batchKey = createHash('sha256')
      .update(
        operations
          .map((op) => op.idempotencyKey)
          .sort()
          .join(','),
      )
      .digest('hex')
      .slice(0, 40);
    const run = await bulkRunsRepository(tdb, deps.db).findById(runId);
    const ctx: BatchContext = {
      tdb,
      organisation,
      gateway,
      operations,
      now,
      contactIndex: (run?.total ?? 0) >= contactIndexFrom ? contacts : null,
      claimContacts: (contactIds) => claimContacts(tdb, contactIds, { leaseMs, now }),
      idempotencyKey: (step, fingerprint) => `${batchKey}:${step}:${fingerprint.replace(/^[a-z0-9]+:/, '').slice(0, 32)}`.slice(0, 128),
      async markWriteStarted(operationIds) {
        const at = now();
        const ids = operationIds.filter((id) => byId.has(id));
        await repo.saveRunningMany(ids, owner, { writeStartedAt: at }, at);
        for (const id of ids) byId.get(id)!.writeStartedAt = at;
        marks.marked(ids);
      },
    };
    let outcomes: Map<string, BatchOutcome>;
    let heldUntil: Date | null = null;
    try {
      outcomes = await batch.send(ctx);
    } catch (error) {
      outcomes = new Map(operations.map((op) => [op.id, { kind: 'error', error }]));
      heldUntil = dayLimitEnds(error, now());
    }
    for (const outcome of outcomes.values()) if (!heldUntil && outcome.kind === 'error') heldUntil = dayLimitEnds(outcome.error, now());
    const done: FinishedSend[] = [];
    try {
      await tdb.transaction(async (trx) => {
        const r = operationsRepository(trx);
        await takeBackMarks(r, marks, byId, startedBefore);
        for (const op of operations) {
          const outcome = outcomes.get(op.id) ?? { kind: 'error', error: new Error('the batch handler gave this operation no outcome') };
          const saved = await withDateStyle(dateStyleFor(organisation.countryCode), () => save(r, op, outcome, log));
          if (saved) done.push(saved);
        }
      });
    } finally {
      clearInterval(renew);
    }
    await tellFinished(tdb, done, log);
    log.info({ calls }, 'xero bulk batch finished');
    await afterRun(tdb, runId, calls, gateway.callsLeftToday(), heldUntil);
  }

  /**
   * Marks of this attempt whose calls provably wrote nothing (Xero's 429, our pacer's refusal…) go back
   * to what they were when it began, so the retry does not look up what cannot be in Xero.
   */
  async function takeBackMarks(
    repo: OperationsRepository,
    marks: WriteMarks,
    byId: ReadonlyMap<string, SyncOperation>,
    startedBefore: ReadonlyMap<string, Date | null>,
  ): Promise<void> {
    const at = now();
    for (const id of marks.takenBack()) {
      const op = byId.get(id);
      if (!op) continue;
      op.writeStartedAt = startedBefore.get(id) ?? null;
      await repo.saveRunning(id, owner, { writeStartedAt: op.writeStartedAt }, at);
    }
  }

  /** The run's figures after a batch, and the run marked done once nothing of it is left unfinished. */
  async function afterRun(tdb: TenantDb, runId: string, calls: number, dayRemaining: number | null, heldUntil: Date | null): Promise<void> {
    const runs = bulkRunsRepository(tdb, deps.db);
    await runs.afterBatch(runId, calls, dayRemaining, heldUntil, now());
    if ((await runs.unfinished(runId)) === 0) await runs.setStatus(runId, 'running', 'done', now());
  }

  /**
   * The next due operation (or batch) of an organisation this process is not already busy with; one
   * slot claims at a time, so two slots never both count an organisation as free.
   */
  let claiming: Promise<void> = Promise.resolve();
  async function claimNext(): Promise<Claimed | null> {
    const previous = claiming;
    let release!: () => void;
    claiming = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      const busy = [...inFlight].filter(([, n]) => n >= perOrganisation).map(([org]) => org);
      const claimed = await queue.claim(owner, now(), leaseMs, { busy, batchSizes });
      if (claimed) inFlight.set(claimed.organisationId, (inFlight.get(claimed.organisationId) ?? 0) + 1);
      return claimed;
    } finally {
      release();
    }
  }

  /** Claims and runs one due operation (or a bulk run's batch); false when none was due. */
  async function runOne(): Promise<boolean> {
    const claimed = await claimNext();
    if (!claimed) return false;
    try {
      await execute(claimed);
    } finally {
      const left = (inFlight.get(claimed.organisationId) ?? 1) - 1;
      if (left > 0) inFlight.set(claimed.organisationId, left);
      else inFlight.delete(claimed.organisationId);
    }
    return true;
  }

  // The background loop: `concurrency` slots, each claiming until nothing is due, then sleeping `pollMs` (or until woken).
  const loop = pollingWorker({
    runOne,
    concurrency: deps.concurrency ?? 10,
    pollMs: deps.pollMs ?? 1_000,
    onError: (error) => deps.logger.error({ err: error }, 'xero sync worker could not claim an operation'),
  });
  const worker = {
    owner,
    runOne,
    /** Runs every operation due now (and any that become due while it runs); for tests and scripts. */
    drain: loop.drain,
    start: loop.start,
    stop: loop.stop,
    /** A new operation was recorded: idle slots look now instead of at their next poll. */
    wake: loop.wake,
  };

  /** One organisation's operations: record, list, retry, cancel, choose. */
  function forOrganisation(tdb: TenantDb) {
    const repo = operationsRepository(tdb);

    async function get(id: string): Promise<SyncOperation> {
      const op = await repo.findById(id);
      if (!op) throw new NotFoundError('operation');
      return op;
    }

    return {
      repo,
      get,
      /**
       * Records a send (pass the caller's transaction handle to make it part of the same change); a send
       * of the same record that has not finished yet is joined rather than duplicated.
       */
      async enqueue(input: EnqueueInput, trx: TenantDb = tdb): Promise<{ operation: SyncOperation; joined: boolean }> {
        handlerOf(input.recordKind);
        const ops = operationsRepository(trx);
        const existing = await ops.activeFor(input.recordKind, input.recordId);
        if (existing) return { operation: existing, joined: true };
        const id = randomUUID();
        try {
          await ops.insert({
            id,
            ...input,
            requestedBy: input.requester.userId,
            requestedByName: input.requester.name,
            idempotencyKey: randomUUID(),
            now: now(),
          });
        } catch (error) {
          if (!isUniqueViolation(error, 'xero_sync_operations')) throw error;
          const raced = await ops.activeFor(input.recordKind, input.recordId);
          if (raced) return { operation: raced, joined: true };
          throw error;
        }
        const operation = await ops.findById(id);
        if (!operation) throw new Error('operation vanished after insert');
        return { operation, joined: false };
      },

      /** Failed or waiting → pending now, with a fresh count of attempts (same Idempotency-Key). */
      async retry(id: string): Promise<SyncOperation> {
        const op = await get(id);
        if (!RETRYABLE.includes(op.status)) throw new ConflictError('Only a failed or waiting send can be retried.');
        const ok = await repo.transition(
          id,
          RETRYABLE,
          {
            status: 'pending',
            nextRunAt: now(),
            attempts: 0,
            resultMessage: null,
            xeroMessages: [],
            advice: null,
            outcome: null,
            candidates: [],
            finishedAt: null,
          },
          now(),
        );
        if (!ok) throw new ConflictError('That send has already changed; reload the page.');
        return get(id);
      },

      async cancel(id: string): Promise<SyncOperation> {
        const op = await get(id);
        if (!RETRYABLE.includes(op.status)) throw new ConflictError('Only a failed or waiting send can be cancelled.');
        const ok = await repo.transition(id, RETRYABLE, { status: 'cancelled', nextRunAt: null, outcome: 'cancelled', finishedAt: now() }, now());
        if (!ok) throw new ConflictError('That send has already changed; reload the page.');
        return get(id);
      },

      /** The user's answer to probable matches: link one of the candidates, or create a new contact. */
      async choose(id: string, choice: { linkTo: string } | { createNew: true }): Promise<SyncOperation> {
        const op = await get(id);
        if (op.status !== 'waiting' || op.outcome !== 'needs_choice') throw new ConflictError('That send is not waiting for a choice.');
        if ('linkTo' in choice && !op.candidates.some((c) => c.contactId === choice.linkTo)) throw new ConflictError('Choose one of the contacts listed.');
        const ok = await repo.transition(
          id,
          ['waiting'],
          {
            status: 'pending',
            nextRunAt: now(),
            candidates: [],
            resultMessage: null,
            advice: null,
            outcome: null,
            ...('linkTo' in choice ? { xeroId: choice.linkTo } : { createNew: true }),
          },
          now(),
        );
        if (!ok) throw new ConflictError('That send has already changed; reload the page.');
        return get(id);
      },
    };
  }

  return { worker, forOrganisation, handlerOf, handlers: deps.handlers };
}

export type SyncEngine = ReturnType<typeof syncEngine>;
