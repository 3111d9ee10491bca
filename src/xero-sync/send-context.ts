/** What a record handler gets to send one operation's record, and what it answers. */
import type { TenantDb } from '../db/tenant-db.js';
import type { Organisation } from '../common/tenancy.js';
import type { OrganisationGateway } from '../xero/index.js';
import type { Candidate, SyncOperation } from './sync-operation.js';

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
}

export type SendResult =
  | { kind: 'done'; outcome: 'created' | 'updated' | 'linked' | 'unchanged'; xeroId: string; message: string }
  | { kind: 'choose'; candidates: Candidate[]; message: string };

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
}
