/** Purchase orders on a supplier's page (src/contacts/contact-contributions.ts): the latest few, with status and total. */
import { documentContactContribution } from '../documents/index.js';
import { PURCHASE_ORDER_STORE } from './purchase-order-repository.js';
import { purchaseOrderRowView } from './purchase-order-view-model.js';

export const purchaseOrderContactContribution = documentContactContribution({
  store: PURCHASE_ORDER_STORE,
  heading: 'Purchase orders',
  newLabel: 'New purchase order',
  for: 'supplier',
  amountHeading: 'Total',
  row: (summary) => {
    const o = purchaseOrderRowView(summary);
    return { href: o.href, number: o.number, date: o.date, status: o.status, statusClass: o.statusClass, amount: o.total, currency: o.currency };
  },
});
