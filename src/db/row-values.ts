/**
 * The app's one row reader: database values read without trusting their shape, the same way on both
 * dialects. SQLite returns 0/1 for booleans and text or numbers for timestamps; PostgreSQL returns
 * booleans, Dates, and bigints and sums as strings. Each conversion is written once (`to*`); the
 * `(row, key)` readers are what repositories call.
 *
 * Timestamps are written one way on both dialects: `dbTime(date)`, ISO 8601 text in UTC, so they sort
 * and compare the same everywhere (a Date bound by the SQLite driver would be stored as an integer).
 */
export type DbRow = Record<string, unknown>;

/** null/undefined stay null; anything else as text. */
export function toStrOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

/** Text, '' for null/undefined. */
export function toStr(value: unknown): string {
  return toStrOrNull(value) ?? '';
}

/** A finite number, 0 when missing or not numeric (counters, versions). */
export function toNum(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** null/undefined/'' are null; anything else must be a safe integer (bigints come back as text). */
export function toIntOrNull(value: unknown, what = 'value'): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`row ${what} is not a safe integer`);
  return n;
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/**
 * A timestamp: PostgreSQL gives Dates; SQLite gives ISO text (what `dbTime` writes), epoch milliseconds
 * (what its driver makes of a bound Date), or 'YYYY-MM-DD HH:MM:SS' in UTC without a zone marker (its
 * CURRENT_TIMESTAMP defaults). null when missing or unreadable.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value);
  else {
    const s = String(value);
    if (/^\d+$/.test(s)) date = new Date(Number(s));
    else date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
  }
  return Number.isNaN(date.getTime()) ? null : date;
}

export function text(row: DbRow, key: string): string | null {
  return toStrOrNull(row[key]);
}

export function requiredText(row: DbRow, key: string): string {
  const v = text(row, key);
  if (v === null) throw new Error(`row has no ${key}`);
  return v;
}

export function bool(row: DbRow, key: string): boolean {
  return toBool(row[key]);
}

export function int(row: DbRow, key: string): number | null {
  return toIntOrNull(row[key], key);
}

export function requiredInt(row: DbRow, key: string): number {
  const v = int(row, key);
  if (v === null) throw new Error(`row has no ${key}`);
  return v;
}

export function date(row: DbRow, key: string): Date | null {
  return toDate(row[key]);
}

export function requiredDate(row: DbRow, key: string): Date {
  const v = date(row, key);
  if (!v) throw new Error(`row has no valid ${key}`);
  return v;
}

/** How every timestamp is written, on both dialects: ISO text in UTC. */
export const dbTime = (d: Date): string => d.toISOString();
