/**
 * A contact's notes timeline: anyone in the organisation adds a note to one of its contacts (archived
 * ones too: what happened stays writable), signed with their name and the time; the page reads them
 * newest first, ten at a time.
 */
import { z } from 'zod';
import { parseForm, requiredText, type FormResult } from '../http/form-input.js';
import type { TenantDb } from '../db/tenant-db.js';
import { contactService } from './contact-service.js';
import { contactNotesRepository, type ContactNote } from './contact-notes-repository.js';

export const NOTE_MAX_LENGTH = 5000;
export const NOTES_PAGE_SIZE = 10;

const noteSchema = z.object({ note: requiredText('Note', NOTE_MAX_LENGTH) });

export const parseNoteForm = (body: unknown): FormResult<{ note: string }> => parseForm(body, ['note'], noteSchema);

export function contactNotesService(tdb: TenantDb, now: () => Date = () => new Date()) {
  const notes = contactNotesRepository(tdb);
  return {
    /** Adds the note; another organisation's contact id is a 404 (NotFoundError) before anything is written. */
    async add(contactId: string, body: string, author: { id: string; name: string }): Promise<string> {
      await contactService(tdb).get(contactId);
      return notes.add({ contactId, body, authorId: author.id, authorName: author.name }, now());
    },

    /** Page `page` of the contact's timeline (a page past the end reads as the last one). */
    async timeline(contactId: string, page: number): Promise<{ notes: ContactNote[]; total: number; page: number }> {
      const first = await notes.page(contactId, page, NOTES_PAGE_SIZE);
      const last = Math.max(1, Math.ceil(first.total / NOTES_PAGE_SIZE));
      if (page <= last) return { ...first, page };
      return { ...(await notes.page(contactId, last, NOTES_PAGE_SIZE)), page: last };
    },
  };
}
