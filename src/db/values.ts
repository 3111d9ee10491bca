/** Reading values back the same way on both dialects (SQLite returns numbers/strings where PostgreSQL returns Dates). */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    // SQLite's CURRENT_TIMESTAMP is UTC without a zone: 'YYYY-MM-DD HH:MM:SS'.
    const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
    const date = new Date(/^\d+$/.test(iso) ? Number(iso) : iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

export function toStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return String(value);
}

export function toStrOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function toNum(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}
