/** Projects on a contact's page (src/contacts/contact-contributions.ts): the latest started few, with status and dates. */
import type { ContactContribution } from '../contacts/index.js';
import { STATUS_BADGES } from '../documents/index.js';
import { PROJECT_STATUS_LABELS } from './project.js';
import { projectRepository } from './project-repository.js';
import { dateRange } from './project-view-model.js';

export const projectContactContribution: ContactContribution = {
  list: (tdb, contactId) => projectRepository(tdb).contactList(contactId),

  async section(tdb, contact, { ids, total }) {
    const rows = await projectRepository(tdb).summaries(ids);
    if (total === 0 && !contact.isCustomer) return null;
    const id = encodeURIComponent(contact.id);
    return {
      heading: 'Projects',
      rows: rows.map((p) => ({
        href: `/projects/${p.id}`,
        number: p.name,
        date: dateRange(p.startDate, p.endDate),
        status: PROJECT_STATUS_LABELS[p.status],
        statusClass: STATUS_BADGES[p.status] ?? 'badge',
        amount: '',
        currency: '',
      })),
      total,
      allHref: `/projects?contactId=${id}`,
      amountHeading: '',
      money: { shared: null, perRow: false },
      ...(contact.archived ? {} : { newLink: { href: `/projects/new?contactId=${id}`, label: 'New project' } }),
      emptyText: 'No projects yet.',
    };
  },
};
