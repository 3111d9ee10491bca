/** Calendar dates as ISO text (YYYY-MM-DD, what <input type="date"> sends), computed in UTC so they never shift. */

/** A real calendar date as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDaysIso(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Dates as people read them, one format everywhere ("1 Dec 2026", the way Xero shows them): never
 * 2026-12-01 in one place and 12/01/2026 in another. One formatter object, built once: building an
 * Intl.DateTimeFormat per call was the largest single cost of a 25-row list page (bench/README.md).
 */
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

/** "2026-11-26" → "26 Nov 2026" (calendar dates are shown in UTC so they never shift); '' for none. */
export function formatCalendarDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_FORMAT.format(date);
}

/** A moment's day, "26 Nov 2026" (UTC). */
export function formatDay(moment: Date): string {
  return DATE_FORMAT.format(moment);
}

/** A moment, "26 Nov 2026, 14:05 UTC". */
export function formatMoment(moment: Date): string {
  return `${DATE_FORMAT.format(moment)}, ${TIME_FORMAT.format(moment)} UTC`;
}
