import type { Database } from '../db/database.js';
import { dbTime, toDate as dateOrNull, toStr as str, toStrOrNull as strOrNull } from '../db/row-values.js';
import { displayName, membershipRole, type MembershipRole, type Organisation, type OrganisationStatus, type User } from '../common/tenancy.js';

const STATUSES: readonly OrganisationStatus[] = ['connected', 'disconnected', 'needs_reconnect'];

export function toUser(row: Record<string, unknown>): User {
  return { id: str(row.id), xeroUserId: str(row.xero_user_id), email: str(row.email), firstName: str(row.first_name), lastName: str(row.last_name) };
}

/** The stored address lines (a JSON array of strings); anything else reads as none. */
function linesOf(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === 'string') : [];
  } catch {
    return [];
  }
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
    addressLines: linesOf(row.address_lines),
    taxNumber: strOrNull(row.tax_number),
    status,
    lastXeroSuccessAt: dateOrNull(row.last_xero_success_at),
  };
}

/** Reads of the tenancy tables. Membership is the gate: an organisation is only ever read through a user's membership. */
export function organisationsRepository(db: Database) {
  return {
    async findUser(id: string): Promise<User | undefined> {
      const row: Record<string, unknown> | undefined = await db('users').where({ id }).first();
      return row ? toUser(row) : undefined;
    },
    async findOrganisation(id: string): Promise<Organisation | undefined> {
      const row: Record<string, unknown> | undefined = await db('organisations').where({ id }).first();
      return row ? toOrganisation(row) : undefined;
    },
    async connectedOrganisations(): Promise<Organisation[]> {
      const rows: Record<string, unknown>[] = await db('organisations').where({ status: 'connected' });
      return rows.map(toOrganisation);
    },
    async setStatus(id: string, status: OrganisationStatus, lastXeroError?: string): Promise<void> {
      await db('organisations')
        .where({ id })
        .update({ status, updated_at: dbTime(new Date()), ...(lastXeroError !== undefined ? { last_xero_error: lastXeroError } : {}) });
    },
    /** Sets an organisation disconnected with Xero's message; true when it was not disconnected before. */
    async markDisconnected(id: string, lastXeroError: string): Promise<boolean> {
      const changed = await db('organisations')
        .where({ id })
        .whereNot({ status: 'disconnected' })
        .update({ status: 'disconnected', last_xero_error: lastXeroError, updated_at: dbTime(new Date()) });
      if (changed === 0) await db('organisations').where({ id }).update({ last_xero_error: lastXeroError });
      return changed > 0;
    },
    async recordXeroSuccess(id: string): Promise<void> {
      await db('organisations')
        .where({ id })
        .update({ last_xero_success_at: dbTime(new Date()), last_xero_error: null });
    },
    async recordChecked(id: string): Promise<void> {
      await db('organisations')
        .where({ id })
        .update({ last_checked_at: dbTime(new Date()) });
    },
    async saveXeroDetails(
      id: string,
      details: {
        name: string;
        shortCode: string | null;
        baseCurrency: string | null;
        countryCode: string | null;
        addressLines?: string[];
        taxNumber?: string | null;
      },
    ): Promise<void> {
      await db('organisations')
        .where({ id })
        .update({
          name: details.name,
          short_code: details.shortCode,
          base_currency: details.baseCurrency,
          country_code: details.countryCode,
          ...(details.addressLines ? { address_lines: JSON.stringify(details.addressLines) } : {}),
          ...(details.taxNumber !== undefined ? { tax_number: details.taxNumber } : {}),
          last_checked_at: dbTime(new Date()),
        });
    },
    /** Off-boarding: foreign keys cascade from organisations to every tenant table. */
    async deleteOrganisation(id: string): Promise<void> {
      await db('organisations').where({ id }).delete();
    },
    async organisationsOf(userId: string): Promise<Organisation[]> {
      return (await this.membershipsOf(userId)).map((m) => m.organisation);
    },
    /** The user's organisations, by name, each with the user's role in it. */
    async membershipsOf(userId: string): Promise<{ organisation: Organisation; role: MembershipRole }[]> {
      const rows: Record<string, unknown>[] = await db('organisations')
        .join('memberships', 'memberships.organisation_id', 'organisations.id')
        .where('memberships.user_id', userId)
        .select('organisations.*', 'memberships.role as membership_role')
        .orderBy('organisations.name');
      return rows.map((row) => ({ organisation: toOrganisation(row), role: membershipRole(row.membership_role) }));
    },
    /** The names of an organisation's admins (for the page that tells a member whom to ask). */
    async adminNamesOf(organisationId: string): Promise<string[]> {
      const rows: Record<string, unknown>[] = await db('memberships')
        .join('users', 'users.id', 'memberships.user_id')
        .where({ 'memberships.organisation_id': organisationId, 'memberships.role': 'admin' })
        .select('users.*')
        .orderBy(['users.first_name', 'users.last_name', 'users.email']);
      return rows.map((row) => displayName(toUser(row)));
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

export type OrganisationsRepository = ReturnType<typeof organisationsRepository>;
