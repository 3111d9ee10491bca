import type { Database } from '../db/database.js';
import type { Organisation, OrganisationStatus, User } from './tenants.js';

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}
function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
function dateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}
const STATUSES: readonly OrganisationStatus[] = ['connected', 'disconnected', 'needs_reconnect'];

export function toUser(row: Record<string, unknown>): User {
  return { id: str(row.id), xeroUserId: str(row.xero_user_id), email: str(row.email), firstName: str(row.first_name), lastName: str(row.last_name) };
}

export function toOrganisation(row: Record<string, unknown>): Organisation {
  const status = STATUSES.find((s) => s === row.status) ?? 'disconnected';
  return {
    id: str(row.id),
    xeroTenantId: str(row.xero_tenant_id),
    name: str(row.name),
    shortCode: strOrNull(row.short_code),
    baseCurrency: strOrNull(row.base_currency),
    countryCode: strOrNull(row.country_code),
    status,
    lastXeroSuccessAt: dateOrNull(row.last_xero_success_at),
  };
}

/** Reads of the tenancy tables. Membership is the gate: an organisation is only ever read through a user's membership. */
export function tenantsRepository(db: Database) {
  return {
    async findUser(id: string): Promise<User | undefined> {
      const row: Record<string, unknown> | undefined = await db('users').where({ id }).first();
      return row ? toUser(row) : undefined;
    },
    async findOrganisation(id: string): Promise<Organisation | undefined> {
      const row: Record<string, unknown> | undefined = await db('organisations').where({ id }).first();
      return row ? toOrganisation(row) : undefined;
    },
    async organisationsOf(userId: string): Promise<Organisation[]> {
      const rows: Record<string, unknown>[] = await db('organisations')
        .join('memberships', 'memberships.organisation_id', 'organisations.id')
        .where('memberships.user_id', userId)
        .select('organisations.*')
        .orderBy('organisations.name');
      return rows.map(toOrganisation);
    },
    async membershipOrganisation(userId: string, organisationId: string): Promise<Organisation | undefined> {
      const row: Record<string, unknown> | undefined = await db('organisations')
        .join('memberships', 'memberships.organisation_id', 'organisations.id')
        .where({ 'memberships.user_id': userId, 'organisations.id': organisationId })
        .select('organisations.*')
        .first();
      return row ? toOrganisation(row) : undefined;
    },
  };
}

export type TenantsRepository = ReturnType<typeof tenantsRepository>;
