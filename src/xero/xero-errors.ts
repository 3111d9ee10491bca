/**
 * Typed errors for everything Xero can answer. The SDK rejects with a JSON *string*
 * ({ response: { statusCode, body, headers }, body }); `fromSdkRejection` parses it and keeps Xero's own
 * validation messages for the user and the raw response for the log.
 */
import { AppError } from '../common/errors.js';

export class XeroApiError extends AppError {
  constructor(
    code: string,
    status: number,
    message: string,
    readonly xeroStatus: number | undefined,
    readonly validationMessages: string[],
    readonly raw: unknown,
    options?: { cause?: unknown },
  ) {
    super(code, status, message, options);
  }
}

/** Xero said to slow down (429): `retryAfterSeconds` from Retry-After, `problem` from X-Rate-Limit-Problem. */
export class XeroRateLimitedError extends XeroApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly problem: string | undefined,
    raw: unknown,
  ) {
    super('xero_rate_limited', 429, message, 429, [], raw);
  }
}

/**
 * The pacer will not let a call go before `resumeAt`: the organisation's calls for the day are spent, or
 * Xero asked for a long wait. The caller schedules the work for then rather than failing it.
 */
export class XeroCallsPausedError extends AppError {
  constructor(
    readonly resumeAt: Date,
    readonly problem: 'day' | 'minute' | 'appminute',
  ) {
    super(
      'xero_calls_paused',
      429,
      problem === 'day' ? "Xero's daily limit of calls for this organisation is spent." : 'Xero asked us to wait before sending more for this organisation.',
    );
  }
}

/** The organisation is no longer connected (Xero answered 403 for the tenant). */
export class XeroTenantDisconnectedError extends XeroApiError {}
/** Xero needs the user to sign in again (refresh token invalid or expired). */
export class XeroReconsentRequiredError extends AppError {
  constructor(
    message = 'Xero needs you to sign in again to keep Ledgerside connected. Use Reconnect on the Organisations page.',
    options?: { cause?: unknown },
  ) {
    super('xero_reconsent_required', 409, message, options);
  }
}
export class XeroNotConnectedError extends AppError {
  constructor(organisationName: string) {
    super('xero_not_connected', 409, `${organisationName} is not connected to Xero. Reconnect it on the Organisations page.`);
  }
}

interface ParsedRejection {
  statusCode: number | undefined;
  body: unknown;
  headers: Record<string, unknown>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

export function parseSdkRejection(rejection: unknown): ParsedRejection | undefined {
  let value: unknown = rejection;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const record = asRecord(value);
  const response = asRecord(record?.response);
  if (!record || !response) return undefined;
  const statusCode = typeof response.statusCode === 'number' ? response.statusCode : undefined;
  return { statusCode, body: record.body ?? response.body, headers: asRecord(response.headers) ?? {} };
}

/** Xero's validation messages, wherever it put them (summary Elements, or per-element ValidationErrors). */
export function validationMessagesOf(body: unknown): string[] {
  const messages: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = asRecord(node);
    if (!record) return;
    for (const [key, value] of Object.entries(record)) {
      if ((key === 'ValidationErrors' || key === 'validationErrors') && Array.isArray(value)) {
        for (const v of value) {
          const message = asRecord(v)?.Message ?? asRecord(v)?.message;
          if (typeof message === 'string' && !messages.includes(message)) messages.push(message);
        }
      } else if (typeof value === 'object') {
        visit(value, depth + 1);
      }
    }
  };
  visit(body, 0);
  return messages;
}

export function xeroErrorFrom(rejection: unknown, operation: string): XeroApiError {
  const parsed = parseSdkRejection(rejection);
  if (!parsed) {
    const detail = rejection instanceof Error ? rejection.message : 'no response';
    return new XeroApiError('xero_unreachable', 502, `Xero could not be reached (${detail}). Please try again shortly.`, undefined, [], rejection, {
      cause: rejection,
    });
  }
  const { statusCode, body } = parsed;
  // xero-node reports a connection that died without an answer (socket hang up, reset) as status 0.
  if (!statusCode) {
    const detail = typeof body === 'string' && body ? body : 'no response';
    return new XeroApiError('xero_unreachable', 502, `Xero could not be reached (${detail}). Please try again shortly.`, undefined, [], body, {
      cause: rejection,
    });
  }
  const record = asRecord(body);
  const detail =
    typeof record?.Detail === 'string' ? record.Detail : typeof record?.Message === 'string' ? record.Message : typeof body === 'string' ? body : '';
  const validation = validationMessagesOf(body);
  switch (statusCode) {
    case 400:
      return new XeroApiError(
        'xero_validation',
        422,
        validation.length ? `Xero refused it: ${validation.join(' ')}` : `Xero refused it: ${detail || 'the request was not valid'}`,
        statusCode,
        validation,
        body,
      );
    case 401:
      return new XeroApiError('xero_unauthorised', 502, 'Xero did not accept our sign-in for this organisation. Please try again.', statusCode, [], body);
    case 403:
      return new XeroTenantDisconnectedError(
        'xero_tenant_disconnected',
        409,
        'This organisation has been disconnected from Ledgerside in Xero. Reconnect it on the Organisations page.',
        statusCode,
        [],
        body,
      );
    case 404:
      return new XeroApiError('xero_not_found', 404, `Xero could not find that record (${operation}).`, statusCode, [], body);
    case 429: {
      const retryAfter = Number(parsed.headers['retry-after'] ?? 1);
      const problem = typeof parsed.headers['x-rate-limit-problem'] === 'string' ? parsed.headers['x-rate-limit-problem'] : undefined;
      const message =
        problem === 'day'
          ? "Xero's daily limit of calls for this organisation is spent."
          : 'Xero is limiting how fast we can send. Please try again in a minute.';
      return new XeroRateLimitedError(message, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1, problem, { headers: parsed.headers });
    }
    default:
      return new XeroApiError(
        'xero_failed',
        502,
        `Xero answered with an error (${statusCode ?? 'unknown'}${detail ? `: ${detail}` : ''}). Please try again.`,
        statusCode,
        validation,
        body,
      );
  }
}
