/**
 * A contact's latest documents of one kind, for the contact page's inline sections (see
 * src/contacts/contact-contributions.ts): the kind's own list query narrowed to the contact, newest
 * first, one short page, and how many there are in all.
 */
import type { DocumentStore } from './document-store.js';
import { parseDocumentListQuery } from './document-list.js';

export async function latestOfContact<H, S>(store: Pick<DocumentStore<H, S>, 'list'>, contactId: string, limit: number): Promise<{ rows: S[]; total: number }> {
  const query = { ...parseDocumentListQuery({ contactId, sort: 'date', dir: 'desc' }, []), pageSize: limit };
  return store.list(query);
}
