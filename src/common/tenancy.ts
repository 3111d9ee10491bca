/** Users, organisations (Xero tenants) and memberships: the tenancy itself, not tenant-scoped data. */
export type OrganisationStatus = 'connected' | 'disconnected' | 'needs_reconnect';

/**
 * A user's role in an organisation (memberships.role). The admin is the member who connected the
 * organisation first; admins read the audit trail. Everyone else is a member.
 */
export type MembershipRole = 'admin' | 'member';
export const membershipRole = (value: unknown): MembershipRole => (value === 'admin' ? 'admin' : 'member');

export interface User {
  id: string;
  xeroUserId: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface Organisation {
  id: string;
  xeroTenantId: string;
  name: string;
  shortCode: string | null;
  baseCurrency: string | null;
  countryCode: string | null;
  /** Its own address as Xero has it (lines), and its tax number: the contract document's supplier party. */
  addressLines?: string[];
  taxNumber?: string | null;
  status: OrganisationStatus;
  lastXeroSuccessAt: Date | null;
}

export const displayName = (user: Pick<User, 'firstName' | 'lastName' | 'email'>): string => `${user.firstName} ${user.lastName}`.trim() || user.email;
