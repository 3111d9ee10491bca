/**
 * The document kit: the one public surface of src/documents. Every line-item document (quotes and
 * sales orders now; purchase orders and contract services next) is a configuration of it: a
 * DocumentKind (tables, number prefix, ledger side, messages) plus its own fields, store spec, service
 * spec and pages. See README.md.
 */
export type { DocumentKind, LedgerSide } from './document-kind.js';

// Pages, use-cases and SQL a kind configures.
export { documentRoutes, type DocumentRoutesSpec } from './document-routes.js';
export { PANEL_PLACES, type PagePanel, type PanelPlace, type PanelView } from './page-panels.js';
export {
  documentService,
  type DocumentChange,
  type DocumentService,
  type DocumentServiceDeps,
  type DocumentServiceSpec,
  type StoredDocument,
} from './document-service.js';
export { documentContactContribution, type ContactSectionSpec } from './contact-records.js';
export { documentStore, type DocumentStore, type DocumentStoreSpec, type OpenTotal } from './document-store.js';
export { buildFormView, lookupsFor } from './document-page.js';
export { readDocumentForm, type DocumentForm } from './document-form.js';
export { DOCUMENT_FIELDS, documentHeaderShape, LINE_AMOUNT_TYPE_LABELS } from './document-schema.js';
export type { DocumentHeaderBase, ExtraCheck } from './document-validation.js';
export { peekNextNumber, takeNextNumber, formatNumber } from './numbering.js';

// Lines, lookups and Xero's arithmetic.
export type { DocumentAmounts, DocumentLine, LineDraft } from './lines.js';
export type { LineLabels, LineLookups, LineLookupsLoader } from './line-lookups.js';
export { lineFromRow } from './line-repository.js';
export { validateLines, type PricedLines } from './line-validation.js';
export { emptyLineDraft, lineFieldName } from './lines.js';
export { parseFormAction, type FormAction } from './line-form.js';
export { divRound, documentTotals, lineAmountTypesOf, LINE_AMOUNT_TYPES, type LineAmountTypes } from './totals.js';

// Lists and pages.
export { documentBulkView, type DocumentBulkView } from './document-bulk-view.js';
export {
  DOCUMENT_SORTS,
  documentPageIds,
  parseDocumentListQuery,
  type DocumentListFilter,
  type DocumentListQuery,
  type DocumentSort,
} from './document-list.js';
export {
  amountsView,
  formatDate,
  linesView,
  listFiltersView,
  listPagination,
  sortLinks,
  STATUS_BADGES,
  type AmountsView,
  type LineView,
  type ListFiltersView,
  type SortLink,
} from './document-view-model.js';
