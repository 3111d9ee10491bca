/**
 * What every batch of documents (sales invoices, purchase orders) shares: their contacts ensured first
 * in one `ensureContacts` for the whole batch, and Xero's per-element refusals as the typed error a
 * single send's 400 would be (`elementRefused`, failure.ts).
 *
 * Batches of one organisation run side by side (the worker gives it up to 5 slots, and several app
 * processes may share a database) and may need the same new contact (two orders of one customer in
 * different batches). The contacts a batch may create are claimed first (contact-claims.ts): a batch
 * needing one another batch is creating waits for it and then links it, instead of creating it again;
 * batches with different customers go side by side.
 */
import { createHash } from 'node:crypto';
import type { BatchElement } from '../xero/index.js';
import { ensureContacts, matchingFor, type EnsureOutcome } from './contact-batch.js';
import { elementRefused, SyncStop } from './failure.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { BatchContext, BatchOutcome } from './send-context.js';
import type { SyncOperation } from './sync-operation.js';

/**
 * Ensures the contacts of a batch's documents (operation id → contact id) in as few calls as the batch
 * allows; answers each operation's contact outcome. `choiceOf` is the user's answer to probable matches
 * as the document's send carries it.
 */
export async function ensureBatchContacts(
  ctx: BatchContext,
  contactOf: ReadonlyMap<string, string>,
  choiceOf: (operation: SyncOperation) => { linkTo?: string; createNew?: boolean } = () => ({}),
): Promise<Map<string, EnsureOutcome>> {
  const opsOf = new Map<string, SyncOperation[]>();
  for (const op of ctx.operations) {
    const contactId = contactOf.get(op.id);
    if (contactId) opsOf.set(contactId, [...(opsOf.get(contactId) ?? []), op]);
  }
  const results = await ensureContacts(
    {
      tdb: ctx.tdb,
      gateway: ctx.gateway,
      now: ctx.now,
      idempotencyKey: (step, fingerprint) => ctx.idempotencyKey(`contact-${step}`, fingerprint),
      markWriteStarted: (contactIds) => ctx.markWriteStarted(contactIds.flatMap((id) => (opsOf.get(id) ?? []).map((op) => op.id))),
      writeStarted: (contactId) => (opsOf.get(contactId) ?? []).some((op) => op.writeStartedAt),
      choice: (contactId) => (opsOf.get(contactId) ?? []).map(choiceOf).find((c) => c.linkTo || c.createNew) ?? {},
      ...matchingFor(ctx),
    },
    [...opsOf.keys()],
  );
  const out = new Map<string, EnsureOutcome>();
  for (const [opId, contactId] of contactOf) out.set(opId, results.get(contactId) ?? { kind: 'error', error: new Error('no outcome for this contact') });
  return out;
}

/** One fingerprint for a batch call's payloads (its Idempotency-Key changes whenever any of them does). */
export function batchFingerprint(fingerprints: readonly string[]): string {
  return createHash('sha256').update(fingerprints.join(',')).digest('hex');
}

/**
 * One batch call for `items` (`call` makes it with their payloads, in order), each element's answer on
 * its own operation: `record` stores a saved one, a refused one fails with Xero's words; a failed call
 * applies to all of them. With `tdb`, the saved ones are stored in one transaction (`record` gets it):
 * a batch's 50 answers cost one commit, not 50. A store that fails there (not a stop of `record`'s own)
 * fails them all; their creates were marked write-started, so the retry finds them in Xero first.
 */
export async function saveEach<R extends { opId: string }, T>(
  out: Map<string, BatchOutcome>,
  items: readonly R[],
  call: () => Promise<BatchElement<T>[]>,
  record: (item: R, saved: T, tdb?: TenantDb) => Promise<BatchOutcome>,
  tdb?: TenantDb,
): Promise<void> {
  if (items.length === 0) return;
  let elements: BatchElement<T>[];
  try {
    elements = await call();
  } catch (error) {
    for (const r of items) out.set(r.opId, { kind: 'error', error });
    return;
  }
  const saved: Array<{ item: R; record: T }> = [];
  for (const [i, r] of items.entries()) {
    const element = elements[i]!;
    if (element.record) saved.push({ item: r, record: element.record });
    else out.set(r.opId, { kind: 'error', error: elementRefused(element.messages) });
  }
  const recordAll = async (trx?: TenantDb) => {
    const answers = new Map<string, BatchOutcome>();
    for (const { item, record: answer } of saved) {
      try {
        answers.set(item.opId, await record(item, answer, trx));
      } catch (error) {
        // Inside a transaction only `record`'s own stops (thrown before it writes) stay with their record.
        if (trx && !(error instanceof SyncStop)) throw error;
        answers.set(item.opId, { kind: 'error', error });
      }
    }
    return answers;
  };
  try {
    const answers = tdb && saved.length ? await tdb.transaction((trx) => recordAll(trx)) : await recordAll();
    for (const [opId, outcome] of answers) out.set(opId, outcome);
  } catch (error) {
    for (const { item } of saved) out.set(item.opId, { kind: 'error', error });
  }
}
