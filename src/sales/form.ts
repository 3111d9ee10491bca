/**
 * Form fields for quotes, sales orders and projects: dates and ids, on top of the app's form plumbing
 * (values kept as typed, zod issues as one message per field) from src/contacts/form-input.ts.
 */
import { z } from 'zod';

// The same form plumbing as contacts: one implementation for every form of the app.
export { fieldErrorsOf, formValues, optionalText, type FieldErrors, type FormValues } from '../contacts/form-input.js';

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
