/** The notes timeline on a contact's page: the form to add one, the notes newest first, Newer / Older links. */
import { formatMoment } from '../common/dates.js';
import type { ContactNote } from './contact-notes-repository.js';
import { NOTE_MAX_LENGTH, NOTES_PAGE_SIZE } from './contact-notes-service.js';

export interface NotesTimelineView {
  /** Where the form posts. */
  action: string;
  entries: { who: string; when: string; whenIso: string; body: string }[];
  total: number;
  /** "11–20 of 23" when there is more than one page. */
  range: string;
  newer: string | null;
  older: string | null;
  form: { value: string; error: string | null; maxLength: number };
}

export function notesTimelineView(
  contactId: string,
  timeline: { notes: ContactNote[]; total: number; page: number },
  form: { value: string; error: string | null } = { value: '', error: null },
): NotesTimelineView {
  const base = `/contacts/${encodeURIComponent(contactId)}`;
  const pageHref = (page: number) => (page === 1 ? `${base}#notes` : `${base}?notes=${page}#notes`);
  const { page, total } = timeline;
  const from = (page - 1) * NOTES_PAGE_SIZE + 1;
  const to = from + timeline.notes.length - 1;
  return {
    action: `${base}/notes`,
    entries: timeline.notes.map((n) => ({ who: n.authorName || 'Someone', when: formatMoment(n.createdAt), whenIso: n.createdAt.toISOString(), body: n.body })),
    total,
    range: total > NOTES_PAGE_SIZE ? `${from}–${to} of ${total}` : '',
    newer: page > 1 ? pageHref(page - 1) : null,
    older: to < total ? pageHref(page + 1) : null,
    form: { ...form, maxLength: NOTE_MAX_LENGTH },
  };
}

/** `?notes=` as a page number (1 when absent or not a positive whole number). */
export function notesPageOf(raw: unknown): number {
  const page = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return page >= 1 ? page : 1;
}
