/** Quote pages: the kit's document pages (list, new/edit with the no-JS line editor, record, status, delete). */
import type { Router } from 'express';
import { documentRoutes, formatDate, type PagePanel } from '../documents/index.js';
import { projectChoices } from '../projects/index.js';
import { QUOTE_KIND } from './quote-kind.js';
import { QUOTE_STATUSES } from './quote.js';
import { QUOTE_FIELDS } from './quote-schema.js';
import { quoteService } from './quote-service.js';
import type { SalesOrderOfQuote } from './quote.js';
import { quoteListView, quotePageView } from './quote-view-model.js';

export interface QuoteRoutesDeps {
  salesOrderOf: SalesOrderOfQuote;
  /** Other capabilities' parts of the quote page (its History), wired in app.ts. */
  pagePanels?: readonly PagePanel<{ id: string }>[];
}

export function quoteRoutes({ salesOrderOf, pagePanels = [] }: QuoteRoutesDeps): Router {
  return documentRoutes({
    kind: QUOTE_KIND,
    service: (ctx, lookups) => quoteService({ tdb: ctx.tdb, lookups, salesOrderOf }),
    statuses: QUOTE_STATUSES,
    formFields: QUOTE_FIELDS,
    presetFields: ['contactId', 'projectId'],
    formLocals: async (ctx, values) => ({ projects: await projectChoices(ctx.tdb, values.projectId || null) }),
    listView: quoteListView,
    pageView: quotePageView,
    pageLocal: 'quote',
    // "Create sales order" on an accepted quote, with the project the order goes in (the quote's by default).
    pagePanels: [
      async (ctx, quote) =>
        quote.status === 'accepted' && !quote.salesOrder
          ? {
              place: 'actions',
              partial: 'quotes/create-sales-order',
              locals: { quoteId: quote.id, projectId: quote.projectId ?? '', projects: await projectChoices(ctx.tdb, quote.projectId) },
            }
          : null,
      ...pagePanels,
    ],
    pdf: {
      heading: 'Quote',
      facts: (q) => [
        ['Date', formatDate(q.issueDate)],
        ...(q.expiryDate ? [['Valid until', formatDate(q.expiryDate)] as [string, string]] : []),
        ...(q.reference ? [['Reference', q.reference] as [string, string]] : []),
      ],
    },
  });
}
