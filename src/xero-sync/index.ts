/** Xero sync engine: the public surface (see README.md). */
export { syncEngine, type SyncEngine, type SyncEngineDeps, type EnqueueInput, type FinishedSend } from './sync-engine.js';
export { contactHandler, ensureContact } from './contact-send.js';
export type { RecordHandler, SendContext, SendResult } from './send-context.js';
export type { SyncOperation, OperationStatus, Requester, Candidate } from './sync-operation.js';
export { SyncStop, classify, type BackoffPolicy } from './failure.js';
export { batchFingerprint, ensureBatchContacts, saveEach } from './document-batch.js';
export { xeroDeepLink } from './deep-link.js';
export { syncRoutes, type SyncRouteDeps } from './sync-routes.js';
export { contactPanels, contactXeroRecordPanel, type ContactPanels } from './contact-panel.js';
export { createXeroSync, type XeroSync } from './xero-sync.js';
export {
  checkMapping,
  mappingProblems,
  mappingStop,
  mappingStops,
  type MappingUses,
  type MappingUse,
  type TrackingUse,
  type MappingProblem,
} from './mapping-check.js';
export { bulkRuns, type BulkRuns, type BulkSource, type BulkPlan, type RunProgress } from './bulk-runs.js';
export { documentBulkSource, type DocumentBulkSpec } from './document-bulk-source.js';
export { ensureContacts, contactBatch, type EnsureOutcome, type EnsureContactsContext } from './contact-batch.js';
export type { BatchContext, BatchHandler, BatchOutcome } from './send-context.js';
export { contactChanges, contactChangedInXero, contactChangedVia } from './contact-changes.js';
export {
  sentDocumentsPoll,
  SENT_DOCUMENTS_POLL_INTERVAL_MS,
  type SentDocumentsKind,
  type SentDocumentsPoll,
  type SentDocumentsPollContext,
  type SentDocumentsPollResult,
} from './sent-documents-poll.js';
export { operationView, pollIdsOf, timeText, type OperationView } from './sync-log-view-model.js';
export type { SentDocumentPanel } from './document-panel.js';
export { sentLines } from './sent-lines.js';
export { createOnce, CONFIRMED_AFTER_LOST_ANSWER } from './create-once.js';
export { purchaseOrderHandler, purchaseOrderXeroPath } from './purchase-order-send.js';
export { purchaseOrdersPollKind, refreshPurchaseOrder } from './purchase-order-status.js';
export { purchaseOrderXeroPanel, purchaseOrderXeroRoutes } from './purchase-order-routes.js';
export { pdfFileName, sentDocumentRoutes, type SentDocumentRoutesDeps, type SentDocumentRoutesSpec } from './sent-document-routes.js';
export { lineProductsForXero, trackingOptionsForXero, type LineProduct } from './line-lookups.js';
export { CONTACT_INDEX_FROM } from './contact-index.js';
