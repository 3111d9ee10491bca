/**
 * The input boundary: every text that arrives in a form body or a query string passes through here
 * before any route sees it. Control characters (NUL and the other C0 controls but tab, line feed and
 * carriage return, and DEL) are stripped, so both dialects store the same text and PostgreSQL never
 * sees a NUL (`invalid byte sequence for encoding "UTF8": 0x00`). Bidi embedding, override and
 * isolate controls are refused by the text field schemas (form-input.ts), not stripped: the user is
 * told, since they change how a name reads.
 */
import { parse as parseQueryString } from 'node:querystring';
import type { RequestHandler } from 'express';

// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Right-to-left/left-to-right embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export const stripControlCharacters = (text: string): string => text.replace(CONTROL_CHARACTERS, '');

export const hasBidiControl = (text: string): boolean => BIDI_CONTROLS.test(text);

/** Strings anywhere in a parsed body or query (flat with urlencoded `extended: false`, arrays for repeats). */
export function cleanInput(value: unknown): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (Array.isArray(value)) return value.map(cleanInput);
  if (typeof value === 'object' && value !== null) {
    const cleaned: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, inner] of Object.entries(value)) cleaned[stripControlCharacters(key)] = cleanInput(inner);
    return cleaned;
  }
  return value;
}

/** Express's `query parser` (the same simple parser as its default) with control characters stripped. */
export function cleanQueryParser(query: string): Record<string, unknown> {
  return cleanInput(parseQueryString(query)) as Record<string, unknown>;
}

/** After the body parser: the parsed form body, cleaned in place of the original. */
export const cleanBody: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined) req.body = cleanInput(req.body);
  next();
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs everywhere in the app; anything else can be answered without a query. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
