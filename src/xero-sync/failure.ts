/**
 * What a failed attempt means for the operation, and what the user can do about it:
 * - Xero's validation errors (400): failed at once, Xero's messages verbatim, each with the field it names;
 * - 403 / disconnected / re-consent needed: waiting, held until the organisation is reconnected;
 * - 429 / the pacer's budget spent: waiting until Xero's Retry-After or the budget's reset (the day's limit included);
 * - 5xx, timeouts, network: waiting with exponential backoff and jitter, failed after `maxAttempts`;
 * - our own stops (a mapping that no longer exists, an archived Xero contact…): failed with the reason;
 * - our own waits (another batch is creating the record's contact): waiting until then;
 * - anything else: failed with a generic message (the cause is logged, never shown).
 */
import { formatMoment } from '../common/dates.js';
import { AppError } from '../common/errors.js';
import {
  XeroApiError,
  XeroCallsPausedError,
  XeroNotConnectedError,
  XeroRateLimitedError,
  XeroReconsentRequiredError,
  XeroTenantDisconnectedError,
} from '../xero/index.js';

/** One element of a summarizeErrors=false batch answer that Xero refused: its messages verbatim, failed like a single send's 400. */
export function elementRefused(messages: readonly string[]): XeroApiError {
  const words = messages.length ? [...messages] : ['Xero refused it.'];
  return new XeroApiError('xero_validation', 422, `Xero refused it: ${words.join(' ')}`, 400, words, undefined);
}

/** The send waits for something of Ledgerside's own (another batch creating its contact) and goes ahead by itself at `at`. */
export class SyncLater extends AppError {
  constructor(
    message: string,
    readonly at: Date,
  ) {
    super('xero_sync_later', 409, message);
  }
}

/** The send cannot go ahead until the user changes something; `advice` says what. */
export class SyncStop extends AppError {
  constructor(
    message: string,
    readonly advice: string,
    readonly xeroMessages: string[] = [],
  ) {
    super('xero_sync_stopped', 409, message);
  }
}

export interface Verdict {
  status: 'failed' | 'waiting';
  /** When a waiting operation runs again (null: only after the user acts). */
  nextRunAt: Date | null;
  message: string;
  xeroMessages: string[];
  advice: string;
  /** Unexpected: log the cause. */
  unexpected: boolean;
}

export interface BackoffPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 6, baseMs: 5_000, maxMs: 10 * 60_000 };

/** "Email address must be valid." → email: the form field a Xero message is about, when it names one. */
export function fieldOfMessage(message: string): string | null {
  const m = message.toLowerCase();
  if (m.includes('contact name') || m.startsWith('name ')) return 'Name';
  if (m.includes('email')) return 'Email';
  if (m.includes('tax number')) return 'Tax number';
  if (m.includes('currency')) return 'Default currency';
  if (m.includes('phone')) return 'Phone';
  if (m.includes('address')) return 'Address';
  if (m.includes('account number')) return 'Account number';
  if (m.includes('contact person')) return 'People';
  return null;
}

// Written into the stored message; the engine saves it in the organisation's date style (withDateStyle).
const time = (d: Date): string => formatMoment(d);

export function backoffDelay(attempts: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  // "Equal jitter": half fixed, half random, so retries of many operations spread out.
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** When Xero's daily limit for the organisation ends, if that is what `error` says (null otherwise). */
export function dayLimitEnds(error: unknown, now: Date): Date | null {
  if (error instanceof XeroCallsPausedError && error.problem === 'day') return error.resumeAt;
  if (error instanceof XeroRateLimitedError && error.problem === 'day') return new Date(now.getTime() + error.retryAfterSeconds * 1000);
  return null;
}

export function classify(error: unknown, attempts: number, now: Date, policy: BackoffPolicy, random: () => number): Verdict {
  const verdict = (v: Omit<Verdict, 'xeroMessages' | 'unexpected'> & Partial<Pick<Verdict, 'xeroMessages' | 'unexpected'>>): Verdict => ({
    xeroMessages: [],
    unexpected: false,
    ...v,
  });

  if (error instanceof SyncStop)
    return verdict({ status: 'failed', nextRunAt: null, message: error.message, advice: error.advice, xeroMessages: error.xeroMessages });

  if (error instanceof SyncLater)
    return verdict({
      status: 'waiting',
      nextRunAt: error.at,
      message: `${error.message} It will be sent at ${time(error.at)}.`,
      advice: 'Nothing to do: it is retried automatically.',
    });

  if (error instanceof XeroCallsPausedError) {
    return verdict({
      status: 'waiting',
      nextRunAt: error.resumeAt,
      message: `${error.message} It will be sent at ${time(error.resumeAt)}.`,
      advice:
        error.problem === 'day'
          ? 'Nothing to do: it is sent automatically when the limit resets. Cancel it if it is no longer needed.'
          : 'Nothing to do: it is retried automatically.',
    });
  }

  if (error instanceof XeroTenantDisconnectedError || error instanceof XeroNotConnectedError || error instanceof XeroReconsentRequiredError) {
    return verdict({
      status: 'waiting',
      nextRunAt: now,
      message: error.message,
      advice: 'Reconnect the organisation on the Organisations page; waiting sends then go ahead by themselves.',
    });
  }

  if (error instanceof XeroRateLimitedError) {
    const at = new Date(now.getTime() + error.retryAfterSeconds * 1000);
    const day = error.problem === 'day';
    return verdict({
      status: 'waiting',
      nextRunAt: at,
      message: `${error.message} It will be sent at ${time(at)}.`,
      advice: day
        ? 'Nothing to do: it is sent automatically when the limit resets. Cancel it if it is no longer needed.'
        : 'Nothing to do: it is retried automatically.',
    });
  }

  if (error instanceof XeroApiError && error.xeroStatus === 400) {
    const messages = error.validationMessages.length ? error.validationMessages : [error.message];
    const fields = [...new Set(messages.map(fieldOfMessage).filter((f): f is string => f !== null))];
    return verdict({
      status: 'failed',
      nextRunAt: null,
      message: 'Xero refused it.',
      xeroMessages: messages,
      advice: fields.length
        ? `Correct ${fields.join(', ')} in Ledgerside as Xero's message says, then press Retry.`
        : "Correct the record in Ledgerside as Xero's message says, then press Retry.",
    });
  }

  if (error instanceof XeroApiError && error.xeroStatus === 401) {
    return verdict({
      status: 'failed',
      nextRunAt: null,
      message: 'Xero did not accept our sign-in for this organisation, even after renewing it.',
      advice: 'Reconnect the organisation on the Organisations page, then press Retry.',
    });
  }

  if (error instanceof XeroApiError && error.xeroStatus === 404) {
    return verdict({
      status: 'failed',
      nextRunAt: null,
      message: error.message,
      advice: 'The record may have been deleted in Xero. Check it there, then press Retry.',
    });
  }

  const transient = error instanceof XeroApiError && (error.xeroStatus === undefined || error.xeroStatus >= 500);
  if (transient) {
    const reason = error.message;
    if (attempts >= policy.maxAttempts) {
      return verdict({
        status: 'failed',
        nextRunAt: null,
        message: `Gave up after ${attempts} attempts: ${reason}`,
        advice: 'Xero may be down (see status.developer.xero.com). Press Retry when it is back.',
      });
    }
    const at = new Date(now.getTime() + backoffDelay(attempts, policy, random));
    return verdict({
      status: 'waiting',
      nextRunAt: at,
      message: `${reason} Trying again at ${time(at)} (attempt ${attempts + 1} of ${policy.maxAttempts}).`,
      advice: 'Nothing to do: it is retried automatically.',
    });
  }

  if (error instanceof AppError && error.status < 500) {
    return verdict({ status: 'failed', nextRunAt: null, message: error.message, advice: 'Correct what the message says, then press Retry.' });
  }
  return verdict({
    status: 'failed',
    nextRunAt: null,
    message: 'Something went wrong on our side while sending. It has been logged.',
    advice: 'Press Retry; if it fails again, tell your administrator.',
    unexpected: true,
  });
}
