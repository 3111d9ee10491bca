/**
 * What the organisation's start page shows, asked of the capabilities (dashboard-sources.ts): open
 * work, their latest records, and how far a new organisation has come through its first steps.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { FIRST_STEPS, type DashboardRecent, type DashboardSource, type DashboardStat, type FirstStep } from './dashboard-sources.js';

export type FirstSteps = Record<FirstStep, boolean>;

export interface DashboardData {
  stats: DashboardStat[];
  recent: DashboardRecent[];
  steps: FirstSteps;
}

const RECENT = 5;

export async function dashboardData(tdb: TenantDb, sources: readonly DashboardSource[]): Promise<DashboardData> {
  const [stats, recent, steps] = await Promise.all([
    Promise.all(sources.map((s) => s.stats?.(tdb) ?? Promise.resolve([]))),
    Promise.all(sources.flatMap((s) => (s.recent ? [s.recent(tdb, RECENT)] : []))),
    Promise.all(sources.map((s): Promise<Partial<FirstSteps>> => s.steps?.(tdb) ?? Promise.resolve({}))),
  ]);
  const done: FirstSteps = { settingsRefreshed: false, hasContacts: false, hasQuotes: false, hasSalesOrders: false, hasProjects: false };
  for (const part of steps) for (const step of FIRST_STEPS) if (part[step]) done[step] = true;
  return { stats: stats.flat(), recent, steps: done };
}
