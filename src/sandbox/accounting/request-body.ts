/**
 * Reads a request body the way Xero's JSON reader does: malformed JSON, members the entity does not
 * have, values of the wrong type and unreadable dates are all a 400 PostDataInvalidException.
 * Numeric strings become numbers and dates become stored calendar dates.
 */
import { SPEC_MEMBERS } from './spec-members.js';
import { isJsonObject, type Json, type JsonObject } from './types.js';
import { parseDateInput, postDataInvalid } from './wire.js';

const DATE_MEMBERS = new Set([
  'Date',
  'DueDate',
  'DeliveryDate',
  'ExpectedArrivalDate',
  'ExpiryDate',
  'StartDate',
  'EndDate',
  'ExpectedPaymentDate',
  'PlannedPaymentDate',
]);
/** Read-only timestamps the SDK echoes back when a fetched record is re-sent; Xero ignores them. */
const IGNORED_MEMBERS = new Set([
  'UpdatedDateUTC',
  'UpdatedDateUTCString',
  'DateString',
  'DueDateString',
  'ExpiryDateString',
  'DeliveryDateString',
  'FullyPaidOnDate',
  'NextScheduledDateString',
  'StartDateString',
  'EndDateString',
  'CreatedDateUTC',
  'DateUTC',
]);

const NET_TYPES: Record<string, string> = { number: 'System.Decimal', integer: 'System.Int32', boolean: 'System.Boolean', string: 'System.String' };

function convertError(value: Json, type: string, path: string): Error {
  return postDataInvalid(`Error converting value ${JSON.stringify(value)} to type '${type}'. Path '${path}'.`);
}

function readMember(value: Json, kind: string, path: string): Json {
  if (value === null) return null;
  if (kind.startsWith('ref:')) return readEntity(value, kind.slice(4), path);
  if (kind.startsWith('array:')) {
    if (!Array.isArray(value)) throw convertError(value, `List<${kind.slice(6)}>`, path);
    return value.map((item, i) => readEntity(item, kind.slice(6), `${path}[${i}]`));
  }
  if (kind.startsWith('enum:')) {
    const allowed = kind.slice(5).split('|');
    const match = typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
    if (match === undefined) throw convertError(value, path.split('.').pop() ?? 'Enum', path);
    return match;
  }
  if (kind === 'number' || kind === 'integer') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n))) throw convertError(value, NET_TYPES[kind] ?? kind, path);
    return n;
  }
  if (kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw convertError(value, 'System.Boolean', path);
  }
  if (kind === 'string') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw convertError(value, 'System.String', path);
  }
  return value;
}

/** Checks one entity against the members Xero's spec gives it; returns a normalised copy. */
export function readEntity(value: Json, schema: string, path: string): JsonObject {
  const members = SPEC_MEMBERS[schema];
  if (!isJsonObject(value) || !members) throw convertError(value, schema, path);
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    const member = Object.keys(members).find((m) => m.toLowerCase() === key.toLowerCase());
    if (member === undefined) {
      throw postDataInvalid(`Could not find member '${key}' on object of type '${schema}'. Path '${path}.${key}'.`);
    }
    if (IGNORED_MEMBERS.has(member) || field === undefined) continue;
    const kind = members[member] ?? 'string';
    if (DATE_MEMBERS.has(member) && typeof field === 'string' && field !== '') {
      const date = parseDateInput(field);
      if (!date) throw convertError(field, 'System.DateTime', `${path}.${member}`);
      out[member] = date;
      continue;
    }
    out[member] = readMember(field, kind, `${path}.${member}`);
  }
  return out;
}

/**
 * Parses `{"<Collection>":[…]}` (or a single entity, which Xero also accepts) into normalised
 * entities. Throws the Xero 400 for anything unreadable.
 */
export function readBatch(raw: Buffer | undefined, collection: string, schema: string): JsonObject[] {
  const text = raw && raw.length > 0 ? raw.toString('utf8') : '';
  if (text.trim() === '') throw postDataInvalid('No data was supplied');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw postDataInvalid(`Unexpected character encountered while parsing value: ${error instanceof Error ? error.message : 'invalid JSON'}`);
  }
  if (!isJsonObject(parsed)) throw postDataInvalid(`Cannot deserialize the current JSON array into type '${collection}'. Path ''.`);
  const listKey = Object.keys(parsed).find((k) => k.toLowerCase() === collection.toLowerCase());
  if (listKey === undefined) return [readEntity(parsed, schema, '')];
  for (const key of Object.keys(parsed)) {
    if (key !== listKey && key !== 'pagination' && key !== 'Warnings') {
      throw postDataInvalid(`Could not find member '${key}' on object of type '${collection}'. Path '${key}'.`);
    }
  }
  const list = parsed[listKey];
  if (!Array.isArray(list)) throw convertError(list ?? null, `List<${schema}>`, listKey);
  return list.map((item, i) => readEntity(item, schema, `${listKey}[${i}]`));
}
