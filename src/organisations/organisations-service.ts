/**
 * Connecting, disconnecting and off-boarding organisations. Disconnecting keeps the CRM data
 * (read-only) until the user deletes it; the refresh token is revoked when a grant's last connection goes.
 */
import type { Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import { AppError, NotFoundError } from '../common/errors.js';
import { connectionsRepository, type XeroServices } from '../xero/index.js';
import { organisationsRepository } from './organisations-repository.js';
import { displayName, type Organisation } from '../common/tenancy.js';
import { tenantDb } from '../db/tenant-db.js';
import { recordOrganisationChange } from '../audit/index.js';

export function organisationsService(deps: { db: Database; xero: XeroServices; logger: Logger }) {
  const tenants = organisationsRepository(deps.db);
  const connections = connectionsRepository(deps.db);

  async function memberOrganisation(userId: string, organisationId: string): Promise<Organisation> {
    const organisation = await tenants.membershipOrganisation(userId, organisationId);
    if (!organisation) throw new NotFoundError('organisation');
    return organisation;
  }

  return {
    memberOrganisation,

    async disconnect(userId: string, organisationId: string): Promise<Organisation> {
      const organisation = await memberOrganisation(userId, organisationId);
      const now = new Date();
      for (const connection of await connections.ofOrganisation(organisation.id)) {
        if (connection.status !== 'active') continue;
        try {
          const tokenSet = await deps.xero.tokens.validTokenSet(connection.grantId);
          await deps.xero.connectionsApi.remove(tokenSet.access_token, connection.id);
        } catch (error) {
          // The organisation is disconnected in Ledgerside either way; Xero may already have dropped it.
          deps.logger.warn({ organisationId, err: error instanceof Error ? error.message : String(error) }, 'could not remove the Xero connection');
        }
        await connections.setStatus({ id: connection.id }, 'disconnected', now);
        if ((await connections.activeOfGrant(connection.grantId)).length === 0) await this.revokeGrant(connection.grantId);
      }
      await tenants.setStatus(organisation.id, 'disconnected');
      const user = await tenants.findUser(userId);
      await recordOrganisationChange(tenantDb(deps.db, organisation.id), {
        action: 'disconnected',
        userId,
        userName: user ? displayName(user) : 'A former user',
        detail: 'Disconnected from Xero on the Organisations page; its Ledgerside data is kept, read-only.',
      });
      return organisation;
    },

    async revokeGrant(grantId: string): Promise<void> {
      const grant = await deps.xero.tokenStore.find(grantId);
      if (!grant || grant.status === 'revoked') return;
      try {
        await deps.xero.identity.revoke(grant.tokenSet.refresh_token);
      } catch (error) {
        deps.logger.warn({ grantId, err: error instanceof Error ? error.message : String(error) }, 'could not revoke the Xero refresh token');
      }
      await deps.xero.tokenStore.setStatus(grantId, 'revoked', new Date());
    },

    /** Off-boarding: every record of the organisation goes (foreign keys cascade from organisations). */
    async deleteData(userId: string, organisationId: string, confirmName: string): Promise<Organisation> {
      const organisation = await memberOrganisation(userId, organisationId);
      if (organisation.status !== 'disconnected') {
        throw new AppError('organisation_connected', 409, 'Disconnect the organisation from Xero before deleting its data.');
      }
      if (confirmName.trim() !== organisation.name) {
        throw new AppError('confirmation_mismatch', 422, `Type the organisation's name exactly ("${organisation.name}") to confirm.`);
      }
      await tenants.deleteOrganisation(organisation.id);
      deps.logger.info({ organisationId: organisation.id }, 'organisation data deleted (off-boarding)');
      return organisation;
    },

    /** The daily light check: one GET /Organisation per connected organisation keeps statuses true. */
    async checkAll(): Promise<{ checked: number; disconnected: number; failed: number }> {
      const rows = await tenants.connectedOrganisations();
      let disconnected = 0;
      let failed = 0;
      for (const organisation of rows) {
        try {
          await deps.xero.gateway.forOrganisation(organisation).getOrganisation();
        } catch (error) {
          const after = await tenants.findOrganisation(organisation.id);
          if (after?.status !== 'connected') disconnected++;
          else failed++;
          deps.logger.warn({ organisationId: organisation.id, err: error instanceof Error ? error.message : String(error) }, 'daily Xero check failed');
        }
        await tenants.recordChecked(organisation.id);
      }
      return { checked: rows.length, disconnected, failed };
    },
  };
}

export type OrganisationsService = ReturnType<typeof organisationsService>;
