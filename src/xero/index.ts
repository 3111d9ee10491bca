/**
 * Xero: the public surface. The gateway is the only code that calls xero-node; the identity client
 * signs users in; the token service keeps token sets fresh; connections link organisations to grants.
 * It imports nothing of the organisations capability: what it learns about an organisation's
 * connection goes out through the injected OrganisationXeroStatus.
 */
export { appManifest, XERO_SCOPES, type AppManifest } from './app-manifest.js';
export { connectionsRepository, type ConnectionRow, type ConnectionsRepository } from './connections-repository.js';
export { toStoredTokenSet, type StoredTokenSet, type TokenStore } from './token-store.js';
export { accessTokenClaims, xeroIdentity, type XeroIdentity } from './xero-identity.js';
export { createXeroServices, type XeroServices, type XeroServicesOptions } from './xero-services.js';
export type { BatchElement, GatewayOrganisation, InvoicesPageQuery, OrganisationGateway, OrganisationXeroStatus, XeroGateway } from './xero-gateway.js';
export { XERO_PAGE_SIZE } from './xero-gateway.js';
export { XeroApiError, XeroNotConnectedError, XeroReconsentRequiredError, XeroTenantDisconnectedError } from './xero-errors.js';
export { XeroCallsPausedError, XeroRateLimitedError } from './xero-errors.js';
export { XERO_LIMITS, type PacerLimits } from './call-pacer.js';

// Pure mappers (CRM record → Xero payload) and contact matching, for the sync engine (src/xero-sync).
export { contactFingerprint } from './mappers/contact-fingerprint.js';
export type { ContactForXero } from './mappers/contact-for-xero.js';
export { mapContactToXero, xeroContactProblems } from './mappers/contact-mapper.js';
export {
  decideContactMatch,
  exactLookups,
  exactNameKey,
  matchCandidates,
  normaliseContactName,
  probableLookup,
  type ContactMatchDecision,
  type MatchCandidate,
  type XeroContactLookup,
} from './mappers/contact-matching.js';
export {
  fromScaled4,
  lineItemFingerprint,
  lineItemProblems,
  lineItemToWire,
  mapLineItem,
  mapLineItems,
  matchLineItemIds,
  resolvedCodes,
  resolvedTracking,
  sentLineItems,
  type DocumentLineForXero,
  type LineItemProblem,
  type LineLedgerSide,
  type LineMappingContext,
  type LineProductForXero,
  type SentLineItem,
  type TrackingOptionForXero,
  type XeroLineAmountTypes,
} from './mappers/line-items.js';
export { dueDateFromTerms, invoiceDueDate, type DueDateRuleSetting, type PaymentTermsSetting } from './mappers/invoice-due-date.js';
export {
  invoiceReference,
  invoiceToWire,
  orderNumberOfReference,
  salesInvoicePayload,
  type InvoiceContactForXero,
  type InvoiceDefaultsForXero,
  type InvoicePayload,
  type SalesOrderForXero,
} from './mappers/invoice-mapper.js';
export {
  purchaseOrderPayload,
  purchaseOrderReference,
  purchaseOrderToWire,
  statusFromXero,
  type PurchaseOrderDefaultsForXero,
  type PurchaseOrderForXero,
  type PurchaseOrderPayload,
} from './mappers/purchase-order-mapper.js';
export {
  repeatingInvoicePayload,
  repeatingInvoiceStatus,
  repeatingInvoiceToWire,
  type ContractForXero,
  type RepeatingInvoiceDefaultsForXero,
  type RepeatingInvoicePayload,
} from './mappers/repeating-invoice-mapper.js';
export { organisationDetailsFromXero, type OrganisationDetails } from './mappers/organisation-details.js';
