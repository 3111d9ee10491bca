/**
 * The extension point of the start page: each capability reports its own figures (open work, its
 * latest records, which first steps it has seen done) instead of the dashboard counting its tables.
 * The composition root hands the list to `dashboardRoutes`; the dashboard imports none of them.
 */
import type { TenantDb } from '../db/tenant-db.js';

/** One card of "open work": how many, and their value per currency (cents). */
export interface DashboardStat {
  label: string;
  count: number;
  values: { currency: string; total: number }[];
  href: string;
}

/** A record in a "latest" card, formatted for reading. */
export interface DashboardRecentRow {
  href: string;
  number: string;
  contactName: string;
  status: string;
  statusClass: string;
  /** The amount alone ("1,234.50"); the card shows the currency once, or per row when they differ. */
  total: string;
  currency: string;
}

export interface DashboardRecent {
  /** 'Latest quotes'. */
  heading: string;
  rows: DashboardRecentRow[];
  /** Said when there are none, with an optional link after it. */
  empty: { text: string; link?: { href: string; label: string } };
}

/** The first steps of a new organisation; each is answered by the capability that owns it. */
export const FIRST_STEPS = ['settingsRefreshed', 'hasContacts', 'hasQuotes', 'hasSalesOrders', 'hasProjects'] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];

export interface DashboardSource {
  stats?(tdb: TenantDb): Promise<DashboardStat[]>;
  recent?(tdb: TenantDb, limit: number): Promise<DashboardRecent>;
  /** The first steps this capability owns, done or not. */
  steps?(tdb: TenantDb): Promise<Partial<Record<FirstStep, boolean>>>;
}
