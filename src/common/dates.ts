/** Calendar dates as ISO text (YYYY-MM-DD, what <input type="date"> sends), computed in UTC so they never shift. */
import { AsyncLocalStorage } from 'node:async_hooks';

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
 * Dates as people read them, in the organisation's own way: one format everywhere (lists, records,
 * the dashboard, PDFs, the sync log), never 2026-12-01 in one place and 12/01/2026 in another. An
 * AU, NZ or GB organisation reads "1 Dec 2026", a US one "Dec 1, 2026" (Intl's formats for English
 * in the organisation's country, the way Xero shows them); month names make the day and month
 * unambiguous. Without an organisation (sign-in, background work): en-GB.
 *
 * The style is the request's (`withDateStyle`, set once where the organisation is loaded) rather than
 * a parameter of every view-model: some sixty places format a date and none of them should be able to
 * pick another format. Formatter objects are built once per locale: building an Intl.DateTimeFormat
 * per call was the largest single cost of a 25-row list page (bench/README.md).
 */
export interface DateStyle {
  /** BCP 47 locale, e.g. "en-AU" (also the page's lang and what the browser's script formats with). */
  locale: string;
  /** "2026-11-26" → "26 Nov 2026". */
  calendarDate(iso: string): string;
  /** A moment's day (UTC). */
  day(moment: Date): string;
  /** A moment with its time (UTC). */
  moment(moment: Date): string;
}

const DEFAULT_LOCALE = 'en-GB';
const styles = new Map<string, DateStyle>();

/** "AU" → "en-AU"; a country Intl does not know (or none) → en-GB. */
export function localeOfCountry(countryCode: string | null | undefined): string {
  const code = (countryCode ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return DEFAULT_LOCALE;
  const locale = `en-${code}`;
  return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] === locale ? locale : DEFAULT_LOCALE;
}

/** The organisation's date style, by its Xero country code (built once per locale). */
export function dateStyleFor(countryCode: string | null | undefined): DateStyle {
  const locale = localeOfCountry(countryCode);
  const known = styles.get(locale);
  if (known) return known;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const withTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const style: DateStyle = {
    locale,
    calendarDate: (iso) => {
      const parsed = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) ? iso : date.format(parsed);
    },
    day: (moment) => date.format(moment),
    moment: (moment) => `${withTime.format(moment)} UTC`,
  };
  styles.set(locale, style);
  return style;
}

const requestStyle = new AsyncLocalStorage<DateStyle>();

/** Runs `work` (a request's handling) with dates formatted in `style`. */
export function withDateStyle<T>(style: DateStyle, work: () => T): T {
  return requestStyle.run(style, work);
}

/** The style dates are formatted in now: the request's organisation's, else en-GB. */
export const currentDateStyle = (): DateStyle => requestStyle.getStore() ?? dateStyleFor(null);

/** "2026-11-26" → "26 Nov 2026" (calendar dates are shown in UTC so they never shift); '' for none. */
export function formatCalendarDate(iso: string | null | undefined): string {
  return iso ? currentDateStyle().calendarDate(iso) : '';
}

/** A moment's day, "26 Nov 2026" (UTC). */
export const formatDay = (moment: Date): string => currentDateStyle().day(moment);

/** A moment, "26 Nov 2026, 14:05 UTC". */
export const formatMoment = (moment: Date): string => currentDateStyle().moment(moment);
