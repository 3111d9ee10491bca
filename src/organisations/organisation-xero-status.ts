/** The tenancy's side of what the Xero gateway and token service report about an organisation. */
import type { Database } from '../db/database.js';
import type { OrganisationXeroStatus } from '../xero/index.js';
import { organisationsRepository } from './organisations-repository.js';

export function organisationXeroStatus(db: Database): OrganisationXeroStatus {
  const organisations = organisationsRepository(db);
  return {
    disconnected: (organisationId, message) => organisations.setStatus(organisationId, 'disconnected', message),
    needsReconnect: (organisationId) => organisations.setStatus(organisationId, 'needs_reconnect'),
    succeeded: (organisationId) => organisations.recordXeroSuccess(organisationId),
  };
}
