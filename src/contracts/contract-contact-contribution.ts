/** Contracts on a contact's page (src/contacts/contact-contributions.ts): the latest few, with status and price per billing period. */
import { documentContactContribution } from '../documents/index.js';
import { CONTRACT_STORE } from './contract-repository.js';
import { contractRowView } from './contract-view-model.js';

export const contractContactContribution = documentContactContribution({
  store: CONTRACT_STORE,
  heading: 'Contracts',
  newLabel: 'New contract',
  for: 'customer',
  amountHeading: 'Per period',
  row: (summary) => {
    const c = contractRowView(summary);
    return {
      href: c.href,
      number: c.number,
      title: `${c.title} · ${c.frequency}`,
      date: c.start,
      status: c.status,
      statusClass: c.statusClass,
      amount: c.perPeriod,
      currency: c.currency,
    };
  },
});
