/** Plain view-models for the sync log, the contact's Xero panel and the operations list on record pages. */
import { formatMoment } from '../common/dates.js';
import type { PaginationView } from '../common/list-query.js';
import type { Organisation } from '../common/tenancy.js';
import { xeroDeepLink } from './deep-link.js';
import { fieldOfMessage } from './failure.js';
import type { RecordHandler } from './send-context.js';
import type { OperationStatus, SyncOperation } from './sync-operation.js';

export const timeText = (d: Date | null): string => (d ? formatMoment(d) : '');

const STATUS: Record<OperationStatus, { label: string; badge: string }> = {
  pending: { label: 'Pending', badge: 'badge-info' },
  running: { label: 'Sending', badge: 'badge-info' },
  done: { label: 'Done', badge: 'badge-ok' },
  failed: { label: 'Failed', badge: 'badge-bad' },
  waiting: { label: 'Waiting', badge: 'badge-warn' },
  cancelled: { label: 'Cancelled', badge: '' },
};

const OUTCOME: Record<string, string> = {
  created: 'Created in Xero',
  updated: 'Updated in Xero',
  linked: 'Linked to an existing Xero contact',
  unchanged: 'No change to send',
  needs_choice: 'Needs your choice',
  retrying: 'Will retry',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export interface OperationView {
  id: string;
  status: OperationStatus;
  statusLabel: string;
  badgeClass: string;
  when: string;
  who: string;
  recordKind: string;
  recordNoun: string;
  recordLabel: string;
  recordHref: string;
  action: string;
  outcome: string;
  message: string;
  xeroMessages: Array<{ text: string; field: string | null }>;
  advice: string;
  nextRunText: string;
  attempts: number;
  xeroHref: string | null;
  canRetry: boolean;
  canCancel: boolean;
  needsChoice: boolean;
  candidates: Array<{ contactId: string; name: string; email: string; xeroHref: string }>;
  unfinished: boolean;
}

export function operationView(op: SyncOperation, handler: RecordHandler, organisation: Organisation, webUrl: string): OperationView {
  const status = STATUS[op.status];
  const needsChoice = op.status === 'waiting' && op.outcome === 'needs_choice';
  return {
    id: op.id,
    status: op.status,
    statusLabel: needsChoice ? 'Needs your choice' : status.label,
    badgeClass: needsChoice ? 'badge-warn' : status.badge,
    when: timeText(op.createdAt),
    who: op.requestedByName,
    recordKind: op.recordKind,
    recordNoun: handler.noun,
    recordLabel: op.recordLabel,
    recordHref: handler.href(op.recordId),
    action: 'Send to Xero',
    outcome: op.outcome ? (OUTCOME[op.outcome] ?? '') : '',
    message: op.resultMessage ?? '',
    xeroMessages: op.xeroMessages.map((text) => ({ text, field: fieldOfMessage(text) })),
    advice: op.advice ?? '',
    nextRunText: op.status === 'waiting' && op.nextRunAt && !needsChoice ? timeText(op.nextRunAt) : '',
    attempts: op.attempts,
    xeroHref: op.status === 'done' && op.xeroId ? xeroDeepLink(webUrl, organisation.shortCode, handler.xeroPath(op.xeroId)) : null,
    canRetry: op.status === 'failed' || (op.status === 'waiting' && !needsChoice),
    canCancel: op.status === 'failed' || op.status === 'waiting',
    needsChoice,
    candidates: needsChoice
      ? op.candidates.map((c) => ({ ...c, email: c.email ?? '', xeroHref: xeroDeepLink(webUrl, organisation.shortCode, handler.xeroPath(c.contactId)) }))
      : [],
    unfinished: op.status === 'pending' || op.status === 'running' || op.status === 'waiting',
  };
}

export interface SyncLogView {
  operations: OperationView[];
  filters: { state: string; recordKind: string };
  stateOptions: Array<{ value: string; label: string; selected: boolean }>;
  kindOptions: Array<{ value: string; label: string; selected: boolean }>;
  pagination: PaginationView;
  filtered: boolean;
  pollIds: string;
}

export const STATE_OPTIONS = [
  { value: '', label: 'All' },
  { value: 'failed', label: 'Failed' },
  { value: 'open', label: 'Pending or waiting' },
  { value: 'done', label: 'Done' },
];

/** The ids of unfinished operations, for the status poll (empty: nothing to watch). */
export const pollIdsOf = (views: OperationView[]): string =>
  views
    .filter((v) => v.unfinished)
    .map((v) => `${v.id}:${v.status}`)
    .join(',');
