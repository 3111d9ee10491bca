/** Quotes in global search: by number, contact or reference (the list's own search). */
import { documentStore, parseDocumentListQuery } from '../documents/index.js';
import type { SearchSource } from '../search/index.js';
import { QUOTE_STORE } from './quote-repository.js';
import { QUOTE_STATUSES } from './quote.js';
import { quoteRowView } from './quote-view-model.js';

export const quoteSearch: SearchSource = {
  heading: 'Quotes',
  listHref: (q) => `/quotes?q=${encodeURIComponent(q)}`,
  async search(tdb, q, limit) {
    const { rows, total } = await documentStore(tdb, QUOTE_STORE).list(parseDocumentListQuery({ q }, QUOTE_STATUSES));
    return {
      total,
      hits: rows.slice(0, limit).map((row) => {
        const view = quoteRowView(row);
        return {
          href: view.href,
          title: view.number,
          detail: [view.contactName, view.date].filter(Boolean).join(' · '),
          status: { label: view.status, className: view.statusClass },
          amount: `${view.currency} ${view.total}`,
        };
      }),
    };
  },
};
