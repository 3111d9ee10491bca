/**
 * What the organisation's start page shows, asked of the capabilities (dashboard-sources.ts): open
 * work, their latest records, and how far a new organisation has come through its first steps.
 *
 * The first steps are a new organisation's: once every one is done the panel is gone for good, so the
 * organisation is remembered (`FirstStepsMemory`, one per app process, forgotten on restart) and its
 * later views ask no source about steps: five statements fewer on every view of an established
 * organisation's dashboard (issue 18).
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
/** Organisations this process remembers as past their first steps (the oldest forgotten first). */
const REMEMBERED = 10_000;

/** The organisations seen with every first step done. */
export class FirstStepsMemory {
  private readonly done = new Set<string>();

  has(organisationId: string): boolean {
    return this.done.has(organisationId);
  }

  add(organisationId: string): void {
    this.done.add(organisationId);
    if (this.done.size > REMEMBERED) {
      const oldest = this.done.values().next().value;
      if (oldest !== undefined) this.done.delete(oldest);
    }
  }
}

const ALL_DONE: FirstSteps = { settingsRefreshed: true, hasContacts: true, hasQuotes: true, hasSalesOrders: true, hasProjects: true };

export async function dashboardData(tdb: TenantDb, sources: readonly DashboardSource[], memory?: FirstStepsMemory): Promise<DashboardData> {
  const established = memory?.has(tdb.organisationId) === true;
  const [stats, recent, steps] = await Promise.all([
    Promise.all(sources.map((s) => s.stats?.(tdb) ?? Promise.resolve([]))),
    Promise.all(sources.flatMap((s) => (s.recent ? [s.recent(tdb, RECENT)] : []))),
    established ? Promise.resolve([ALL_DONE]) : Promise.all(sources.map((s): Promise<Partial<FirstSteps>> => s.steps?.(tdb) ?? Promise.resolve({}))),
  ]);
  const done: FirstSteps = { settingsRefreshed: false, hasContacts: false, hasQuotes: false, hasSalesOrders: false, hasProjects: false };
  for (const part of steps) for (const step of FIRST_STEPS) if (part[step]) done[step] = true;
  if (!established && FIRST_STEPS.every((step) => done[step])) memory?.add(tdb.organisationId);
  return { stats: stats.flat(), recent, steps: done };
}
