/** A contact's notes timeline: written once, read newest first a page at a time (SQL through the organisation's handle). */
import { randomUUID } from 'node:crypto';
import { dbTime, requiredDate, requiredText, text, type DbRow } from '../db/row-values.js';
import type { TenantDb } from '../db/tenant-db.js';

export interface ContactNote {
  id: string;
  contactId: string;
  body: string;
  authorName: string;
  createdAt: Date;
}

export interface NewContactNote {
  contactId: string;
  body: string;
  authorId: string | null;
  authorName: string;
}

const TABLE = 'contact_notes';

const noteFromRow = (r: DbRow): ContactNote => ({
  id: requiredText(r, 'id'),
  contactId: requiredText(r, 'contact_id'),
  body: requiredText(r, 'body'),
  authorName: text(r, 'author_name') ?? '',
  createdAt: requiredDate(r, 'created_at'),
});

export function contactNotesRepository(tdb: TenantDb) {
  return {
    async add(note: NewContactNote, at: Date): Promise<string> {
      const id = randomUUID();
      await tdb.insert(TABLE, {
        id,
        contact_id: note.contactId,
        body: note.body,
        author_id: note.authorId,
        author_name: note.authorName,
        created_at: dbTime(at),
      });
      return id;
    },

    /** Page `page` (from 1) of the contact's notes, newest first, and how many it has. */
    async page(contactId: string, page: number, pageSize: number): Promise<{ notes: ContactNote[]; total: number }> {
      const offset = (page - 1) * pageSize;
      const rows: DbRow[] = await tdb
        .from(TABLE)
        .where({ contact_id: contactId })
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(pageSize)
        .offset(offset)
        .select('id', 'contact_id', 'body', 'author_name', 'created_at');
      // A short page is the last: its rows give the total (most contacts' notes, in one statement), as History does.
      const short = rows.length < pageSize && (rows.length > 0 || offset === 0);
      const total = short ? offset + rows.length : await tdb.count(TABLE, { contact_id: contactId });
      return { notes: rows.map(noteFromRow), total };
    },
  };
}
