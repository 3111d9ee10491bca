/** What a record handler gets to send one operation's record, and what it answers. */
import type { TenantDb } from '../db/tenant-db.js';
import type { Organisation } from '../common/tenancy.js';
import type { OrganisationGateway } from '../xero/index.js';
import type { Candidate, SyncOperation } from './sync-operation.js';
import type { ContactIndex } from './contact-index.js';
import type { ContactClaim } from './contact-claims.js';

export interface SendContext {
  tdb: TenantDb;
  organisation: Organisation;
  gateway: OrganisationGateway;
  operation: SyncOperation;
  now(): Date;
  /**
   * The Idempotency-Key for one write of this operation: the operation's stored key plus the step and
   * the payload's fingerprint, so a retry of the same write reuses it and a different write never does.
   */
  idempotencyKey(step: string, fingerprint: string): string;
  /** Call just before a create: if the process dies during the call, the re-run knows the outcome is unknown. */
  markWriteStarted(): Promise<void>;
  /**
   * An earlier attempt of this operation started a write and never learnt its outcome (read when this
   * attempt began, so this attempt's own writes — a contact created first — do not count). See create-once.ts.
   */
  earlierWriteStarted: boolean;
}

export type SendResult =
  | { kind: 'done'; outcome: 'created' | 'updated' | 'linked' | 'unchanged'; xeroId: string; message: string }
  | { kind: 'choose'; candidates: Candidate[]; message: string };

/** What a batch handler gets: a bulk run's claimed sends of one kind (up to its batch size). */
export interface BatchContext {
  tdb: TenantDb;
  organisation: Organisation;
  gateway: OrganisationGateway;
  operations: SyncOperation[];
  now(): Date;
  /**
   * The Idempotency-Key of one batch call: made from the batch's operations' stored keys, the step and
   * the payloads' fingerprint, so the retry of the same call reuses it and a different call never does.
   */
  idempotencyKey(step: string, fingerprint: string): string;
  /** Call just before a batch create with the operations it carries (outcome unknown if the process dies). */
  markWriteStarted(operationIds: readonly string[]): Promise<void>;
  /**
   * A large run's copy of the organisation's Xero contacts (contact-index.ts): new contacts are matched
   * against it instead of looked up per batch; null for smaller runs.
   */
  contactIndex: ContactIndex | null;
  /** Claims contacts this batch may create (contact-claims.ts); a dead process's claims lapse with the worker's lease. */
  claimContacts(contactIds: readonly string[]): Promise<ContactClaim>;
}

/** One operation's outcome in a batch: a result, or the error that stopped it (classified like a single send's). */
export type BatchOutcome = SendResult | { kind: 'error'; error: unknown };

export interface BatchHandler {
  /** Most records per batch (Xero's advice: about 50 elements per call). */
  size: number;
  /** Sends the batch; every operation gets an outcome (one missing from the map is treated as an unexpected error). A throw applies to all. */
  send(ctx: BatchContext): Promise<Map<string, BatchOutcome>>;
}

/** One kind of record the engine can send (contacts here; invoices, purchase orders… in later issues). */
export interface RecordHandler {
  kind: string;
  /** Noun for the sync log's filter ("Contact"). */
  noun: string;
  /** The record's page in Ledgerside. */
  href(recordId: string): string;
  /** The record's page in Xero, from its Xero ID (xero-facts §8). */
  xeroPath(xeroId: string): string;
  send(ctx: SendContext): Promise<SendResult>;
  /** How a bulk run's sends of this kind go in batches (absent: one at a time even in a run). */
  batch?: BatchHandler;
}
