/**
 * Plumbing for every server-side form of the app: the submitted values kept as text (so a form
 * re-renders exactly what the user typed), zod issues turned into one message per field, and the
 * field schemas forms share (text, dates, ids).
 */
import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { hasBidiControl } from './input-boundary.js';

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

/** The banner over a form that came back with field messages. */
export const FORM_ERROR_MESSAGE = 'Please correct the fields marked below; nothing was saved.';

export type FormResult<T> = { ok: true; input: T; values: FormValues } | { ok: false; fieldErrors: FieldErrors; values: FormValues };

/** The named fields of a urlencoded body as text; anything else (arrays, objects) reads as ''. */
export function formValues(body: unknown, fields: readonly string[]): FormValues {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const field of fields) {
    const value = source[field];
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** First message per field, keyed by the issue's top-level path. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** The message for text holding a right-to-left override or another bidi control (they make a name read differently than it sorts). */
export const bidiMessage = (label: string) => `${label} can't contain right-to-left override or other text-direction control characters.`;

/** Any text field: trimmed, at most `max` characters, no bidi controls (control characters are already stripped at the boundary). */
export const boundedText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer.`)
    .refine((v) => !hasBidiControl(v), bidiMessage(label));

/** Optional text: trimmed, '' becomes null, at most `max` characters. */
export const optionalText = (label: string, max: number) => boundedText(label, max).transform((v) => (v === '' ? null : v));

export const requiredText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}.`)
    .max(max, `${label} must be ${max} characters or fewer.`)
    .refine((v) => !hasBidiControl(v), bidiMessage(label));

export const requiredDate = (label: string) =>
  z.string().trim().min(1, `Enter the ${label.toLowerCase()}.`).refine(isIsoDate, `${label} must be a date like 2026-11-30.`);

export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isIsoDate(v), `${label} must be a date like 2026-11-30.`)
    .transform((v) => (v === '' ? null : v));

/** An id field: '' is none; anything not id-shaped is refused here rather than queried. */
export const optionalId = (label: string) =>
  z
    .string()
    .trim()
    .max(36, `Choose a ${label.toLowerCase()} from the list.`)
    .transform((v) => (v === '' ? null : v));

export const requiredId = (label: string) =>
  z.string().trim().min(1, `Choose a ${label.toLowerCase()}.`).max(36, `Choose a ${label.toLowerCase()} from the list.`);

/** A checkbox: present with any value means true. */
export const checkbox = z.string().transform((v) => v !== '');

/** Runs `schema` over the body's fields, keeping the typed values for a re-render. */
export function parseForm<T>(body: unknown, fields: readonly string[], schema: z.ZodType<T>): FormResult<T> {
  const values = formValues(body, fields);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data, values };
  return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
}

/** ISO 4217 codes known to the runtime (full ICU), used when an organisation's currencies are not cached yet. */
export const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
