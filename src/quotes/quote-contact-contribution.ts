/** Quotes on a contact's page (src/contacts/contact-contributions.ts): the latest few, with status and total. */
import { documentContactContribution } from '../documents/index.js';
import { QUOTE_STORE } from './quote-repository.js';
import { quoteRowView } from './quote-view-model.js';

export const quoteContactContribution = documentContactContribution({
  store: QUOTE_STORE,
  heading: 'Quotes',
  newLabel: 'New quote',
  for: 'customer',
  amountHeading: 'Total',
  row: (summary) => {
    const q = quoteRowView(summary);
    return { href: q.href, number: q.number, date: q.date, status: q.status, statusClass: q.statusClass, amount: q.total, currency: q.currency };
  },
});
