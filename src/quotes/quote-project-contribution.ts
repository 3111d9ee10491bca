/**
 * Quotes' part in projects (src/projects/project-contributions.ts): the project page's section of its
 * quotes and the counts. Quotes are offers, not sales: they add nothing to the project's revenue or cost
 * (its sales orders do once a quote is accepted and made one).
 */
import { formatAmount } from '../common/money.js';
import { requiredInt, requiredText, type DbRow } from '../db/row-values.js';
import { documentStore } from '../documents/index.js';
import type { ProjectContribution } from '../projects/index.js';
import { QUOTE_STORE } from './quote-repository.js';
import { quoteRowView } from './quote-view-model.js';

export const quoteProjectContribution: ProjectContribution = {
  noun: { one: 'quote', many: 'quotes', heading: 'Quotes' },

  async counts(tdb, projectIds) {
    const counts = new Map<string, number>();
    if (projectIds.length === 0) return counts;
    const rows: DbRow[] = await tdb.from('quotes').whereIn('project_id', projectIds).groupBy('project_id').select('project_id').count({ n: '*' });
    for (const r of rows) counts.set(requiredText(r, 'project_id'), requiredInt(r, 'n'));
    return counts;
  },

  async section(tdb, project) {
    const quotes = await documentStore(tdb, QUOTE_STORE).where((b) => b.where('quotes.project_id', project.id));
    const presets = `projectId=${encodeURIComponent(project.id)}${project.contactId ? `&contactId=${encodeURIComponent(project.contactId)}` : ''}`;
    return {
      section: {
        heading: 'Quotes',
        newLink: { href: `/quotes/new?${presets}`, label: 'New quote in this project' },
        emptyText: 'No quotes in this project yet. Create one here, or choose this project on an existing quote.',
        rows: quotes.map((q) => ({ ...quoteRowView(q), subTotal: formatAmount(q.subTotal) })),
      },
      figures: { byCurrency: [], linesWithoutCost: 0 },
    };
  },
};
