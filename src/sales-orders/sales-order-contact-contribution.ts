/** Sales orders on a contact's page (src/contacts/contact-contributions.ts): the latest few, with status, total and Xero invoice state. */
import type { ContactContribution } from '../contacts/index.js';
import { documentStore, latestOfContact } from '../documents/index.js';
import { SALES_ORDER_STORE } from './sales-order-repository.js';
import { salesOrderRowView } from './sales-order-view-model.js';

export const salesOrderContactContribution: ContactContribution = {
  async section(tdb, contact, limit) {
    const { rows, total } = await latestOfContact(documentStore(tdb, SALES_ORDER_STORE), contact.id, limit);
    if (total === 0 && !contact.isCustomer) return null;
    const id = encodeURIComponent(contact.id);
    return {
      heading: 'Sales orders',
      rows: rows.map(salesOrderRowView).map((o) => ({
        href: o.href,
        number: o.number,
        date: o.date,
        status: o.status,
        statusClass: o.statusClass,
        amount: o.total,
      })),
      total,
      allHref: `/sales-orders?contactId=${id}`,
      amountHeading: 'Total',
      ...(contact.archived ? {} : { newLink: { href: `/sales-orders/new?contactId=${id}`, label: 'New sales order' } }),
      emptyText: 'No sales orders yet.',
    };
  },
};
