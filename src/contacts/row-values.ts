/**
 * Reading database rows without trusting their shape: SQLite returns 0/1 for booleans and text or
 * numbers for timestamps, PostgreSQL returns booleans, Dates and bigints as strings.
 */
export type DbRow = Record<string, unknown>;

export function text(row: DbRow, key: string): string | null {
  const v = row[key];
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

export function requiredText(row: DbRow, key: string): string {
  const v = text(row, key);
  if (v === null) throw new Error(`row has no ${key}`);
  return v;
}

export function bool(row: DbRow, key: string): boolean {
  const v = row[key];
  return v === true || v === 1 || v === '1' || v === 't' || v === 'true';
}

export function int(row: DbRow, key: string): number | null {
  const v = row[key];
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`row ${key} is not a safe integer`);
  return n;
}

export function date(row: DbRow, key: string): Date | null {
  const v = row[key];
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  // SQLite's CURRENT_TIMESTAMP is UTC without a zone marker.
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

export function requiredDate(row: DbRow, key: string): Date {
  const v = date(row, key);
  if (!v || Number.isNaN(v.getTime())) throw new Error(`row has no valid ${key}`);
  return v;
}

/** Timestamps are written as ISO text on every dialect so they sort the same way everywhere. */
export const dbTime = (d: Date): string => d.toISOString();
