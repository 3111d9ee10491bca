/** Reading DB rows the same way on both dialects (PostgreSQL returns bigints as text and Dates). */
export type Row = Record<string, unknown>;

export const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
export const opt = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const int = (v: unknown): number => Number(v ?? 0);
export const optInt = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

/** PostgreSQL gives Dates; SQLite gives 'YYYY-MM-DD HH:MM:SS' (UTC) from defaults or the ISO text we wrote. */
export function dateOf(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  const text = str(v);
  return new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}

export const nowIso = (): string => new Date().toISOString();
