/** The tenancy's side of what the Xero gateway and token service report about an organisation. */
import type { Database } from '../db/database.js';
import type { OrganisationXeroStatus } from '../xero/index.js';
import { tenantDb } from '../db/tenant-db.js';
import { recordOrganisationChange } from '../audit/index.js';
import { organisationsRepository } from './organisations-repository.js';

export function organisationXeroStatus(db: Database): OrganisationXeroStatus {
  const organisations = organisationsRepository(db);
  return {
    async disconnected(organisationId, message) {
      // Recorded once, when the organisation goes from connected (or needing reconnection) to disconnected.
      if (await organisations.markDisconnected(organisationId, message)) {
        await recordOrganisationChange(tenantDb(db, organisationId), {
          action: 'disconnected',
          userId: null,
          userName: 'Xero',
          detail: `Xero answered that the organisation is no longer connected: ${message}`,
        });
      }
    },
    needsReconnect: (organisationId) => organisations.setStatus(organisationId, 'needs_reconnect'),
    succeeded: (organisationId) => organisations.recordXeroSuccess(organisationId),
  };
}
