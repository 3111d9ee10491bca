/** Reading the sandbox pages' url-encoded forms, and their CSRF check. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Reads one string field of a form body; repeated or missing fields are undefined. */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a field that may repeat (checkboxes sharing a name). */
export function formFields(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value: unknown = (body as Record<string, unknown>)[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** The form's `csrf` field equals the session's token (compared in constant time). */
export function csrfMatches(body: unknown, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const sent = formField(body, 'csrf');
  return sent !== undefined && expected !== '' && timingSafeEqual(digest(sent), digest(expected));
}

export const CSRF_REFUSED = 'This form has expired: reload the page and try again.';
