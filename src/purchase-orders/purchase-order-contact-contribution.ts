/** Purchase orders on a supplier's page (src/contacts/contact-contributions.ts): the latest few, with status and total. */
import type { ContactContribution } from '../contacts/index.js';
import { documentStore, latestOfContact } from '../documents/index.js';
import { PURCHASE_ORDER_STORE } from './purchase-order-repository.js';
import { purchaseOrderRowView } from './purchase-order-view-model.js';

export const purchaseOrderContactContribution: ContactContribution = {
  async section(tdb, contact, limit) {
    const { rows, total } = await latestOfContact(documentStore(tdb, PURCHASE_ORDER_STORE), contact.id, limit);
    if (total === 0 && !contact.isSupplier) return null;
    const id = encodeURIComponent(contact.id);
    return {
      heading: 'Purchase orders',
      rows: rows.map(purchaseOrderRowView).map((o) => ({
        href: o.href,
        number: o.number,
        date: o.date,
        status: o.status,
        statusClass: o.statusClass,
        amount: o.total,
      })),
      total,
      allHref: `/purchase-orders?contactId=${id}`,
      amountHeading: 'Total',
      ...(contact.archived || !contact.isSupplier ? {} : { newLink: { href: `/purchase-orders/new?contactId=${id}`, label: 'New purchase order' } }),
      emptyText: 'No purchase orders yet.',
    };
  },
};
