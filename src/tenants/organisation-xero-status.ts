/** The tenancy's side of what the Xero gateway and token service report about an organisation. */
import type { Database } from '../db/database.js';
import type { OrganisationXeroStatus } from '../xero/xero-gateway.js';
import { tenantsRepository } from './tenants-repository.js';

export function organisationXeroStatus(db: Database): OrganisationXeroStatus {
  const organisations = tenantsRepository(db);
  return {
    disconnected: (organisationId, message) => organisations.setStatus(organisationId, 'disconnected', message),
    needsReconnect: (organisationId) => organisations.setStatus(organisationId, 'needs_reconnect'),
    succeeded: (organisationId) => organisations.recordXeroSuccess(organisationId),
  };
}
