/** Quotes on the start page: open quotes (draft or sent) per currency, the latest, the "first quote" step. */
import type { DashboardSource } from '../dashboard/index.js';
import { quoteRepository } from './quote-repository.js';
import { quoteRowView } from './quote-view-model.js';

export const quoteDashboard: DashboardSource = {
  async stats(tdb) {
    const open = await quoteRepository(tdb).openTotals();
    return [{ label: 'Open quotes', count: open.reduce((n, r) => n + r.count, 0), values: open, href: '/quotes' }];
  },
  async recent(tdb, limit) {
    return {
      heading: 'Latest quotes', rows: (await quoteRepository(tdb).latest(limit)).map(quoteRowView),
      empty: { text: 'No quotes yet.', link: { href: '/quotes/new', label: 'Create your first quote' } },
    };
  },
  steps: async (tdb) => ({ hasQuotes: (await quoteRepository(tdb).count()) > 0 }),
};
