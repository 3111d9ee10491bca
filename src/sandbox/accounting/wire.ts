/**
 * Xero's wire format: the response envelope, `/Date(ms+0000)/` dates with their `…String` twins, and
 * the error bodies Xero sends. Pure functions; the routes only choose what to send.
 */
import { randomUUID } from 'node:crypto';
import { isJsonObject, type Json, type JsonObject } from './types.js';

const DATE_FIELDS = new Set([
  'Date',
  'DueDate',
  'DeliveryDate',
  'ExpectedArrivalDate',
  'ExpiryDate',
  'FullyPaidOnDate',
  'ExpectedPaymentDate',
  'PlannedPaymentDate',
  'UpdatedDateUTC',
  'CreatedDateUTC',
  'StartDate',
  'NextScheduledDate',
  'EndDate',
  'DateUTC',
  'PeriodLockDate',
  'EndOfYearLockDate',
]);
/** Date fields Xero also sends as `<Field>String` (`2026-01-15T00:00:00`). */
const DATE_TWINS = new Set(['DateUTC', 'Date', 'DueDate', 'DeliveryDate', 'ExpiryDate', 'ExpectedArrivalDate', 'StartDate', 'NextScheduledDate', 'EndDate']);

/** Milliseconds of an ISO date or date-time; strings without a zone are UTC, as in Xero. */
export function isoToMs(iso: string): number {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) || iso.length <= 10 ? iso : `${iso}Z`;
  return Date.parse(iso.length <= 10 ? `${iso}T00:00:00Z` : zoned);
}

export function msToIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2026-01-15T00:00:00`: the DateString form, and how the sandbox stores calendar dates. */
export function msToDateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function xeroDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/**
 * Parses a date sent by a client (`YYYY-MM-DD`, an ISO date-time or `/Date(ms)/`) to the stored
 * calendar date, or undefined when it is not a date.
 */
export function parseDateInput(value: string): string | undefined {
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms?.[1]) return msToDateString(Number(ms[1])).slice(0, 10) + 'T00:00:00';
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined;
  const parsed = isoToMs(value.slice(0, 10));
  if (Number.isNaN(parsed) || msToIso(parsed).slice(0, 10) !== value.slice(0, 10)) return undefined;
  return `${value.slice(0, 10)}T00:00:00`;
}

/** A stored record (or any part of one) in Xero's JSON form. */
export function toWire(value: Json): Json {
  if (Array.isArray(value)) return value.map(toWire);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (DATE_FIELDS.has(key) && typeof field === 'string') {
      const ms = isoToMs(field);
      out[key] = xeroDate(ms);
      if (DATE_TWINS.has(key)) out[`${key}String`] = msToDateString(ms);
    } else {
      out[key] = toWire(field);
    }
  }
  return out;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  itemCount: number;
}

export function envelope(providerName: string, nowMs: number, collection: string, items: Json[], pagination?: Pagination): JsonObject {
  const body: JsonObject = { Id: randomUUID(), Status: 'OK', ProviderName: providerName, DateTimeUTC: `/Date(${nowMs})/` };
  if (pagination) body['pagination'] = { ...pagination };
  body[collection] = items.map(toWire);
  return body;
}

/** An error the routes turn into Xero's exact response. */
export class XeroHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: JsonObject | string,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : String(body['Message'] ?? body['Detail'] ?? status));
  }
}

export const NOT_FOUND_TEXT = "The resource you're looking for cannot be found";

export function notFound(): XeroHttpError {
  return new XeroHttpError(404, NOT_FOUND_TEXT);
}

export function validationException(elements: Json[]): XeroHttpError {
  return new XeroHttpError(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements.map(toWire),
  });
}

/** Xero's answer to JSON it cannot read (syntax, unknown members, wrong types). */
export function postDataInvalid(detail: string): XeroHttpError {
  return new XeroHttpError(400, {
    ErrorNumber: 14,
    Type: 'PostDataInvalidException',
    Message: `JSON for post data was invalid,${detail}`,
  });
}

/** Xero's 400 for a bad query (e.g. an unparseable `where`). */
export function queryParseError(detail: string): XeroHttpError {
  return new XeroHttpError(400, { ErrorNumber: 16, Type: 'QueryParseException', Message: detail });
}

export function forbidden(detail = 'AuthorizationUnsuccessful'): XeroHttpError {
  return new XeroHttpError(403, { Type: null, Title: 'Forbidden', Status: 403, Detail: detail, Instance: randomUUID(), Extensions: {} });
}
