/** What the bulk send pages show: the confirmation, the progress page (and its JSON poll), the runs list. */
import type { PaginationView } from '../common/list-query.js';
import { paginationView } from '../common/list-query.js';
import { formatMoment } from '../common/dates.js';
import { pacedMinutes, XERO_PACE, type BulkPlan, type BulkSelection, type BulkSource, type DayBudget, type RunProgress } from './bulk-runs.js';
import type { SyncEngine } from './sync-engine.js';
import type { SyncOperation } from './sync-operation.js';

const n = (value: number): string => value.toLocaleString('en');
const time = (d: Date): string => formatMoment(d);

/** "under a minute", "about 1 minute", "about 12 minutes", "about 2 hours 5 minutes". */
export function durationText(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  const whole = Math.round(minutes);
  if (whole < 60) return `about ${whole} ${whole === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return `about ${hours} ${hours === 1 ? 'hour' : 'hours'}${rest ? ` ${rest} ${rest === 1 ? 'minute' : 'minutes'}` : ''}`;
}

const STATUS_LABELS = { running: 'Sending', paused: 'Paused', cancelled: 'Cancelled', done: 'Finished' } as const;

/** The progress page's heading: what the run is doing, or did. */
function runTitle(p: RunProgress, what: string): string {
  if (p.run.status === 'done') return p.counts.failed ? `${what} to Xero: ${n(p.counts.failed)} failed` : `Sent ${what} to Xero`;
  if (p.run.status === 'cancelled') return `Cancelled: ${what} to Xero`;
  return `Sending ${what} to Xero`;
}

/**
 * The confirmation's "how long": the pacer's time for the plan's calls, and the plan's calls against the
 * day's calls Xero last said were left (a warning when the run will wait for Xero's daily reset).
 */
export function timeView(calls: number, day: DayBudget) {
  const left = day.heldUntil ? 0 : day.remaining;
  const waitsForReset = calls > (left ?? day.limit);
  const pace = `${XERO_PACE.minute} calls a minute, ${XERO_PACE.inFlight} at a time`;
  return {
    calls: n(calls),
    callsNoun: calls === 1 ? 'call' : 'calls',
    time: calls === 0 ? 'no calls at all' : `${durationText(pacedMinutes(calls))} at Xero's pace`,
    pace,
    dayLeft: day.heldUntil
      ? `none until ${time(day.heldUntil)} (Xero's daily limit is spent)`
      : day.remaining !== null && day.at
        ? `${n(day.remaining)} (as Xero said at ${time(day.at)})`
        : `up to ${n(day.limit)} (Xero has not said how many are left today)`,
    dayWarning: !waitsForReset
      ? null
      : day.heldUntil
        ? `Xero's daily limit for this organisation is spent: this send waits until ${time(day.heldUntil)}, then goes on by itself.`
        : `This send needs more calls than Xero allows ${left === null ? 'in a day' : 'for the rest of the day'}: it sends what the limit allows, waits for Xero's daily reset, then goes on by itself.`,
  };
}

export function confirmView(plan: BulkPlan, source: BulkSource, selection: BulkSelection, day: DayBudget) {
  const count = plan.records.length;
  const hidden: Array<{ name: string; value: string }> = [{ name: 'records', value: source.kind }];
  if ('all' in selection) {
    hidden.push({ name: 'all', value: '1' });
    for (const [name, value] of Object.entries(selection.query)) hidden.push({ name, value });
  } else {
    for (const id of selection.ids) hidden.push({ name: 'id', value: id });
  }
  const backParams = 'all' in selection ? new URLSearchParams(selection.query).toString() : '';
  return {
    title: `Send ${n(count)} ${count === 1 ? source.noun : source.plural} to Xero`,
    count,
    noun: count === 1 ? source.noun : source.plural,
    button: `Send ${n(count)} to Xero`,
    // A contact run's records are the contacts themselves; a document run ensures its documents' contacts first.
    contactsHeading: source.xeroPlural ? 'Contacts on the way' : 'In Xero',
    documents:
      plan.documents && source.xeroPlural ? { create: n(plan.documents.create), update: n(plan.documents.update), xeroPlural: source.xeroPlural } : null,
    contactsToCreate: n(plan.contactsToCreate),
    contactsToUpdate: n(plan.contactsToUpdate),
    contactsUnchanged: n(plan.contactsUnchanged),
    ...timeView(plan.calls, day),
    skipped: plan.skipped.slice(0, 50),
    moreSkipped: Math.max(0, plan.skipped.length - 50),
    hidden,
    back: `${source.listPath}${backParams ? `?${backParams}` : ''}`,
  };
}

export function progressJson(p: RunProgress) {
  return {
    status: p.run.status,
    total: p.run.total,
    done: p.counts.done,
    failed: p.counts.failed,
    waiting: p.counts.waiting,
    remaining: p.remaining,
    cancelled: p.counts.cancelled,
    perMinute: p.perMinute,
    averagePerMinute: p.average ? Math.round(p.average.perMinute) : null,
    timeLeft: timeLeftText(p),
    calls: p.run.calls,
    callsLeftToday: p.run.dayRemaining,
    heldUntil: p.heldUntil ? time(p.heldUntil) : null,
    unfinished: p.run.status === 'running',
  };
}

function timeLeftText(p: RunProgress): string {
  if (p.run.status === 'done' || p.run.status === 'cancelled') return 'none';
  if (p.remaining === 0 && p.counts.waiting === 0) return 'none';
  if (p.heldUntil) return `until Xero's daily limit resets (${time(p.heldUntil)}), then more`;
  return p.minutesLeft === null ? 'working it out…' : durationText(p.minutesLeft);
}

export interface FailedRow {
  label: string;
  href: string;
  message: string;
  xeroMessages: string[];
  advice: string;
}

export function progressView(p: RunProgress, source: BulkSource, failed: SyncOperation[], engine: SyncEngine, page: number, pageSize: number) {
  const handler = engine.handlerOf(p.run.recordKind);
  const json = progressJson(p);
  const pct = p.run.total ? Math.round(((p.counts.done + p.counts.failed + p.counts.cancelled) / p.run.total) * 100) : 100;
  return {
    title: runTitle(p, `${n(p.run.total)} ${p.run.total === 1 ? source.noun : source.plural}`),
    id: p.run.id,
    status: p.run.status,
    statusLabel: STATUS_LABELS[p.run.status],
    startedBy: p.run.requestedByName,
    startedAt: time(p.run.createdAt),
    finishedAt: p.run.finishedAt ? time(p.run.finishedAt) : null,
    total: n(p.run.total),
    joined: p.run.joined,
    done: n(p.counts.done),
    failed: n(p.counts.failed),
    failedCount: p.counts.failed,
    waiting: n(p.counts.waiting),
    remaining: n(p.remaining),
    cancelled: p.counts.cancelled,
    percent: pct,
    perMinute: n(p.perMinute),
    // Once finished, the last minute's rate says little (near 0 at the end): the run's own average instead.
    average: p.average
      ? {
          perMinute: n(Math.round(p.average.perMinute)),
          over: `${n(p.finished)} sent or failed in ${durationText(p.average.minutes)}, from its start to its last record`,
        }
      : null,
    ceiling: n(p.ceilingPerMinute),
    timeLeft: json.timeLeft,
    calls: n(p.run.calls),
    callsLeftToday: p.run.dayRemaining === null ? 'not known yet' : n(p.run.dayRemaining),
    heldUntil: json.heldUntil,
    percentText: `${pct}% of ${n(p.run.total)}`,
    canPause: p.run.status === 'running',
    canResume: p.run.status === 'paused',
    canCancel: p.run.status === 'running' || p.run.status === 'paused',
    canRetry: p.counts.failed > 0 && p.run.status !== 'cancelled',
    poll: json.unfinished,
    listPath: source.listPath,
    plural: source.plural,
    failedRows: failed.map((op): FailedRow => ({
      label: op.recordLabel,
      href: handler.href(op.recordId),
      message: op.resultMessage ?? '',
      xeroMessages: op.xeroMessages,
      advice: op.advice ?? '',
    })),
    pagination: paginationView(`/bulk-sends/${p.run.id}`, {}, page, pageSize, p.counts.failed) satisfies PaginationView,
  };
}

export function runListRow(p: RunProgress, source: BulkSource) {
  return {
    href: `/bulk-sends/${p.run.id}`,
    what: `${n(p.run.total)} ${p.run.total === 1 ? source.noun : source.plural}`,
    statusLabel: STATUS_LABELS[p.run.status],
    done: n(p.counts.done),
    failed: n(p.counts.failed),
    startedBy: p.run.requestedByName,
    startedAt: time(p.run.createdAt),
  };
}
