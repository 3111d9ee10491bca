/**
 * Form plumbing shared by quotes, sales orders and projects: submitted values kept as text so a
 * re-render shows exactly what was typed, zod issues as one message per field, and small field rules.
 */
import { z } from 'zod';

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

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

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

export const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer.`).transform((v) => (v === '' ? null : v));

export const requiredText = (label: string, max: number) =>
  z.string().trim().min(1, `Enter the ${label.toLowerCase()}.`).max(max, `${label} must be ${max} characters or fewer.`);

/** A real calendar date as YYYY-MM-DD (what <input type="date"> sends). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const requiredDate = (label: string) =>
  z.string().trim().min(1, `Enter the ${label.toLowerCase()}.`).refine(isIsoDate, `${label} must be a date like 2026-11-30.`);

export const optionalDate = (label: string) =>
  z.string().trim().refine((v) => v === '' || isIsoDate(v), `${label} must be a date like 2026-11-30.`).transform((v) => (v === '' ? null : v));

/** An id field: '' is none; anything not id-shaped is refused here rather than queried. */
export const optionalId = (label: string) =>
  z.string().trim().max(36, `Choose a ${label.toLowerCase()} from the list.`).transform((v) => (v === '' ? null : v));

export const requiredId = (label: string) =>
  z.string().trim().min(1, `Choose a ${label.toLowerCase()}.`).max(36, `Choose a ${label.toLowerCase()} from the list.`);

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDaysIso(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
