/** Which of a user's Xero grants reaches which organisation (and Xero's connection id, to disconnect it). */
import type { Database } from '../db/database.js';
import { dbTime, toStr } from '../db/row-values.js';

export interface ConnectionRow {
  id: string;
  organisationId: string;
  grantId: string;
  status: string;
}

const toRow = (row: Record<string, unknown>): ConnectionRow => ({
  id: toStr(row.id),
  organisationId: toStr(row.organisation_id),
  grantId: toStr(row.grant_id),
  status: toStr(row.status),
});

export function connectionsRepository(db: Database) {
  return {
    /** The newest active connection of the organisation whose grant is still usable. */
    async activeFor(organisationId: string): Promise<ConnectionRow | undefined> {
      const row: Record<string, unknown> | undefined = await db('xero_connections')
        .join('xero_grants', 'xero_grants.id', 'xero_connections.grant_id')
        .where({ 'xero_connections.organisation_id': organisationId, 'xero_connections.status': 'active', 'xero_grants.status': 'active' })
        .orderBy('xero_connections.updated_at', 'desc')
        .first('xero_connections.*');
      return row ? toRow(row) : undefined;
    },
    async ofOrganisationForUser(organisationId: string, userId: string): Promise<ConnectionRow[]> {
      const rows: Record<string, unknown>[] = await db('xero_connections')
        .join('xero_grants', 'xero_grants.id', 'xero_connections.grant_id')
        .where({ 'xero_connections.organisation_id': organisationId, 'xero_grants.user_id': userId })
        .select('xero_connections.*');
      return rows.map(toRow);
    },
    async ofOrganisation(organisationId: string): Promise<ConnectionRow[]> {
      const rows: Record<string, unknown>[] = await db('xero_connections').where({ organisation_id: organisationId });
      return rows.map(toRow);
    },
    async activeOfGrant(grantId: string): Promise<ConnectionRow[]> {
      const rows: Record<string, unknown>[] = await db('xero_connections').where({ grant_id: grantId, status: 'active' });
      return rows.map(toRow);
    },
    async upsert(connection: { id: string; organisationId: string; grantId: string }, now: Date): Promise<void> {
      const existing = await db('xero_connections').where({ id: connection.id }).first('id');
      const values = { organisation_id: connection.organisationId, grant_id: connection.grantId, status: 'active', updated_at: dbTime(now) };
      if (existing) await db('xero_connections').where({ id: connection.id }).update(values);
      else await db('xero_connections').insert({ id: connection.id, created_at: dbTime(now), ...values });
    },
    async setStatus(where: { id?: string; organisationId?: string; grantId?: string }, status: string, now: Date): Promise<void> {
      const criteria: Record<string, string> = {};
      if (where.id) criteria.id = where.id;
      if (where.organisationId) criteria.organisation_id = where.organisationId;
      if (where.grantId) criteria.grant_id = where.grantId;
      if (Object.keys(criteria).length === 0) throw new Error('setStatus needs a criterion');
      await db('xero_connections')
        .where(criteria)
        .update({ status, updated_at: dbTime(now) });
    },
  };
}

export type ConnectionsRepository = ReturnType<typeof connectionsRepository>;
