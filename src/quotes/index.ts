/** Quotes: the public surface for other capabilities (sales orders, dashboard) and the app. */
export { quoteRoutes, type QuoteRoutesDeps } from './quote-routes.js';
export { quoteService, type QuoteService } from './quote-service.js';
export { quoteRepository } from './quote-repository.js';
export { quoteRowView } from './quote-view-model.js';
export { QUOTE_KIND } from './quote-kind.js';
export { QUOTE_STATUSES, QUOTE_STATUS_LABELS, type Quote, type QuoteStatus, type QuoteSummary, type SalesOrderOfQuote } from './quote.js';
export { quoteDashboard } from './quote-dashboard.js';
export { quoteSearch } from './quote-search.js';
export { quoteContactContribution } from './quote-contact-contribution.js';
export { quoteProjectContribution } from './quote-project-contribution.js';
