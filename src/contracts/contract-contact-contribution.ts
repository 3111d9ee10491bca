/** Contracts on a contact's page (src/contacts/contact-contributions.ts): the latest few, with status and price per billing period. */
import type { ContactContribution } from '../contacts/index.js';
import { documentStore, latestOfContact } from '../documents/index.js';
import { CONTRACT_STORE } from './contract-repository.js';
import { contractRowView } from './contract-view-model.js';

export const contractContactContribution: ContactContribution = {
  async section(tdb, contact, limit) {
    const { rows, total } = await latestOfContact(documentStore(tdb, CONTRACT_STORE), contact.id, limit);
    if (total === 0 && !contact.isCustomer) return null;
    const id = encodeURIComponent(contact.id);
    return {
      heading: 'Contracts',
      rows: rows.map(contractRowView).map((c) => ({
        href: c.href,
        number: c.number,
        title: `${c.title} · ${c.frequency}`,
        date: c.start,
        status: c.status,
        statusClass: c.statusClass,
        amount: c.perPeriod,
      })),
      total,
      allHref: `/contracts?contactId=${id}`,
      amountHeading: 'Per period',
      ...(contact.archived ? {} : { newLink: { href: `/contracts/new?contactId=${id}`, label: 'New contract' } }),
      emptyText: 'No contracts yet.',
    };
  },
};
