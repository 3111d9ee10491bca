/** An operation: one write to Xero asked for by someone, recorded before it runs. */
export const OPERATION_STATUSES = ['pending', 'running', 'done', 'failed', 'waiting', 'cancelled'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Kinds of records the engine can send; each has a handler (contacts now; invoices, POs… later). */
export type RecordKind = string;
export type OperationAction = 'send';

export interface Candidate {
  contactId: string;
  name: string;
  email: string | null;
}

export interface SyncOperation {
  id: string;
  organisationId: string;
  recordKind: RecordKind;
  recordId: string;
  recordLabel: string;
  action: OperationAction;
  status: OperationStatus;
  idempotencyKey: string;
  attempts: number;
  nextRunAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  writeStartedAt: Date | null;
  requestedBy: string | null;
  requestedByName: string;
  outcome: string | null;
  resultMessage: string | null;
  /** Xero's own messages, verbatim. */
  xeroMessages: string[];
  /** What the user can do about it. */
  advice: string | null;
  xeroId: string | null;
  candidates: Candidate[];
  createNew: boolean;
  /** The bulk run this send belongs to (null: a single send). */
  runId: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** Statuses the user can act on with Retry / Cancel. */
export const RETRYABLE: readonly OperationStatus[] = ['failed', 'waiting'];

export interface Requester {
  userId: string | null;
  name: string;
}
