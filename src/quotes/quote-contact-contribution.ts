/** Quotes on a contact's page (src/contacts/contact-contributions.ts): the latest few, with status and total. */
import type { ContactContribution } from '../contacts/index.js';
import { documentStore, latestOfContact } from '../documents/index.js';
import { QUOTE_STORE } from './quote-repository.js';
import { quoteRowView } from './quote-view-model.js';

export const quoteContactContribution: ContactContribution = {
  async section(tdb, contact, limit) {
    const { rows, total } = await latestOfContact(documentStore(tdb, QUOTE_STORE), contact.id, limit);
    if (total === 0 && !contact.isCustomer) return null;
    const id = encodeURIComponent(contact.id);
    return {
      heading: 'Quotes',
      rows: rows
        .map(quoteRowView)
        .map((q) => ({ href: q.href, number: q.number, date: q.date, status: q.status, statusClass: q.statusClass, amount: q.total })),
      total,
      allHref: `/quotes?contactId=${id}`,
      amountHeading: 'Total',
      ...(contact.archived ? {} : { newLink: { href: `/quotes/new?contactId=${id}`, label: 'New quote' } }),
      emptyText: 'No quotes yet.',
    };
  },
};
