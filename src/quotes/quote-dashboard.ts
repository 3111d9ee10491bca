/** Quotes on the start page: open quotes (draft or sent) per currency, the latest, the "first quote" step. */
import type { DashboardSource } from '../dashboard/index.js';
import { documentStore } from '../documents/index.js';
import { QUOTE_STORE } from './quote-repository.js';
import { quoteRowView } from './quote-view-model.js';

export const quoteDashboard: DashboardSource = {
  async stats(tdb) {
    const open = await documentStore(tdb, QUOTE_STORE).openTotals();
    return [{ label: 'Open quotes', count: open.reduce((n, r) => n + r.count, 0), values: open, href: '/quotes' }];
  },
  async recent(tdb, limit) {
    return {
      heading: 'Latest quotes',
      rows: (await documentStore(tdb, QUOTE_STORE).latest(limit)).map(quoteRowView),
      empty: { text: 'No quotes yet.', link: { href: '/quotes/new', label: 'Create your first quote' } },
    };
  },
  steps: async (tdb) => ({ hasQuotes: await tdb.exists(QUOTE_STORE.kind.tables.documents) }),
};
