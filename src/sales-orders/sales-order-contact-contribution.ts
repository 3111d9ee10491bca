/** Sales orders on a contact's page (src/contacts/contact-contributions.ts): the latest few, with status and total. */
import { documentContactContribution } from '../documents/index.js';
import { SALES_ORDER_STORE } from './sales-order-repository.js';
import { salesOrderRowView } from './sales-order-view-model.js';

export const salesOrderContactContribution = documentContactContribution({
  store: SALES_ORDER_STORE,
  heading: 'Sales orders',
  newLabel: 'New sales order',
  for: 'customer',
  amountHeading: 'Total',
  row: (summary) => {
    const o = salesOrderRowView(summary);
    return { href: o.href, number: o.number, date: o.date, status: o.status, statusClass: o.statusClass, amount: o.total, currency: o.currency };
  },
});
