/** Users, organisations (Xero tenants) and memberships: the tenancy itself, not tenant-scoped data. */
export type OrganisationStatus = 'connected' | 'disconnected' | 'needs_reconnect';

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
  status: OrganisationStatus;
  lastXeroSuccessAt: Date | null;
}

export const displayName = (user: Pick<User, 'firstName' | 'lastName' | 'email'>): string => `${user.firstName} ${user.lastName}`.trim() || user.email;
