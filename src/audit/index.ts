/** The audit trail: who created, changed, archived, deleted or sent what, and when, per organisation (README.md). */
export { auditRecorder, auditedChange } from './audit-recorder.js';
export { auditRepository, AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditEntryInput } from './audit-repository.js';
export { auditRoutes, type AuditRouteDeps } from './audit-routes.js';
export { recordCompletedSends, recordOrganisationChange, type CompletedSend, type OrganisationChange } from './audit-sinks.js';
export { historyPanel, recordHistory, HISTORY_LIMIT, type RecordHistoryView } from './record-history.js';
