/** Contacts in global search: active contacts by name or email (the list's own search). */
import type { SearchSource } from '../search/index.js';
import { contactRepository } from './contact-repository.js';

export const contactSearch: SearchSource = {
  heading: 'Contacts',
  listHref: (q) => `/contacts?q=${encodeURIComponent(q)}`,
  async search(tdb, q, limit) {
    const { contacts, total } = await contactRepository(tdb).list({
      q,
      role: null,
      kind: null,
      archived: 'active',
      sort: 'name',
      dir: 'asc',
      page: 1,
      pageSize: limit,
    });
    return {
      total,
      hits: contacts.map((c) => ({
        href: `/contacts/${c.id}`,
        title: c.name,
        detail: [c.kind === 'person' && c.companyName ? c.companyName : '', c.email ?? ''].filter(Boolean).join(' · '),
        status: { label: c.kind === 'person' ? 'Person' : 'Company', className: 'badge' },
      })),
    };
  },
};
