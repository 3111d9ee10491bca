/**
 * Xero's clock for repeating invoices: it runs the schedules by itself, generating each template's
 * invoices once the organisation's date passes its NextScheduledDate (as Xero does overnight). The
 * schedule date runs `timeScale` times faster than the sandbox clock from the router's start (86400 =
 * a day a second), plus a per-organisation offset that tests move forward by whole days.
 */
import type { Knex } from 'knex';
import type { SandboxClock } from '../identity-accounting-seam.js';
import { ElementRejected } from './batch.js';
import type { ChangeEvent, ChangeSink } from './http.js';
import { getOrganisationRow } from './organisations.js';
import { runRepeatingInvoice } from './repeating-invoices-service.js';
import { TABLES } from './schema.js';
import { TenantStore } from './store.js';
import type { JsonObject } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFSET_COUNTER = 'clock:offset-days';

export interface ScheduleClockDeps {
  db: Knex;
  clock: SandboxClock;
  timeScale: number;
  changes: ChangeSink;
  /** Public API base for the events' resourceUrl, when known. */
  apiBase: () => string | undefined;
}

export interface ScheduleRun {
  tenantId: string;
  invoices: JsonObject[];
}

export class ScheduleClock {
  private readonly epochMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ScheduleRun[]> | undefined;
  /** Templates that could not run on a date (e.g. their contact is archived), reported once. */
  private readonly reported = new Set<string>();

  constructor(private readonly deps: ScheduleClockDeps) {
    this.epochMs = deps.clock.now();
  }

  /** The organisation's schedule time: the sandbox clock sped up by timeScale, plus its offset. */
  async nowMs(tenantId: string): Promise<number> {
    const offsetDays = await new TenantStore(this.deps.db, tenantId).counter(OFFSET_COUNTER);
    return this.epochMs + (this.deps.clock.now() - this.epochMs) * this.deps.timeScale + offsetDays * DAY_MS;
  }

  /** `YYYY-MM-DD` of the organisation's schedule time. */
  async today(tenantId: string): Promise<string> {
    return new Date(await this.nowMs(tenantId)).toISOString().slice(0, 10);
  }

  async status(tenantId: string): Promise<{ date: string; offsetDays: number; timeScale: number }> {
    return {
      date: await this.today(tenantId),
      offsetDays: await new TenantStore(this.deps.db, tenantId).counter(OFFSET_COUNTER),
      timeScale: this.deps.timeScale,
    };
  }

  /** Moves the organisation's schedule date on by `days` and runs what has fallen due. */
  async advance(tenantId: string, days: number): Promise<{ date: string; offsetDays: number; invoices: JsonObject[] }> {
    const store = new TenantStore(this.deps.db, tenantId);
    const offsetDays = (await store.counter(OFFSET_COUNTER)) + days;
    await store.setCounter(OFFSET_COUNTER, offsetDays);
    const runs = await this.runDue(tenantId);
    return { date: await this.today(tenantId), offsetDays, invoices: runs.flatMap((r) => r.invoices) };
  }

  /** Runs every template whose NextScheduledDate has come, for one organisation or all. */
  async runDue(tenantId?: string): Promise<ScheduleRun[]> {
    // One run at a time: the timer and an admin call must not generate the same invoice twice.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.runAll(tenantId);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  start(tickMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runDue().catch((error: unknown) => console.error('sandbox schedules: run failed', error));
    }, tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async runAll(onlyTenant: string | undefined): Promise<ScheduleRun[]> {
    const query = this.deps.db(TABLES.records).where({ collection: 'RepeatingInvoices' }).whereIn('status', ['DRAFT', 'AUTHORISED']);
    if (onlyTenant) query.andWhere('tenant_id', onlyTenant.toLowerCase());
    const rows: { tenant_id: string; id: string; data: string }[] = await query.select('tenant_id', 'id', 'data').orderBy('seq');
    const byTenant = new Map<string, { id: string; next: string }[]>();
    for (const row of rows) {
      const data: unknown = JSON.parse(row.data);
      const schedule = typeof data === 'object' && data !== null && 'Schedule' in data ? data.Schedule : undefined;
      const next = typeof schedule === 'object' && schedule !== null && 'NextScheduledDate' in schedule ? schedule.NextScheduledDate : undefined;
      if (typeof next !== 'string') continue;
      byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), { id: row.id, next: next.slice(0, 10) }]);
    }
    const runs: ScheduleRun[] = [];
    for (const [tenantId, templates] of byTenant) {
      const org = await getOrganisationRow(this.deps.db, tenantId);
      if (!org) continue;
      const today = await this.today(tenantId);
      const invoices: JsonObject[] = [];
      const events: ChangeEvent[] = [];
      for (const template of templates.filter((t) => t.next <= today)) {
        const templateEvents: ChangeEvent[] = [];
        try {
          invoices.push(
            ...(await new TenantStore(this.deps.db, tenantId).transaction((store) =>
              runRepeatingInvoice(store, template.id, {
                nowMs: this.deps.clock.now(),
                baseCurrency: org.base_currency,
                events: templateEvents,
                until: today,
              }),
            )),
          );
          events.push(...templateEvents);
        } catch (error) {
          if (!(error instanceof ElementRejected)) throw error;
          const key = `${template.id}@${template.next}`;
          if (!this.reported.has(key)) console.warn(`sandbox schedules: repeating invoice ${template.id} could not run on ${template.next}: ${error.message}`);
          this.reported.add(key);
        }
      }
      if (events.length > 0) this.deps.changes.publish(tenantId, events, this.deps.apiBase());
      if (invoices.length > 0) runs.push({ tenantId, invoices });
    }
    return runs;
  }
}
