/**
 * `npm run bench:bulk`: bulk sending against the sandbox with Xero's limits on (60 calls a minute,
 * 5 in flight, per organisation), the sandbox's minute compressed by SANDBOX_TIME_SCALE (figures are
 * in sandbox minutes). Sales orders cannot be sent to Xero yet (the invoice send is not on main), so
 * the records are contacts new to Xero: each batch of 50 is one lookup and one create call.
 *
 * Scenarios (BENCH_BULK_SCENARIOS, default all): base, faults (20% of the sandbox's answers fail:
 * 500s, dropped connections, and answers dropped after saving), kill (the app process SIGKILLed twice
 * and restarted), two (two organisations at once). The app process is bench/bulk-worker.ts on a
 * PostgreSQL database (BENCH_DATABASE_URL or TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * Size: BENCH_BULK_SIZE records per organisation (default 10,000). Read-back checks: every record is in
 * Xero exactly once and linked, every send done; the worker's RSS is tracked throughout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import request from 'supertest';
import { openDatabase, migrateLatest, type Database } from '../src/db/database.js';
import { tenantDb } from '../src/db/tenant-db.js';
import { createLogger } from '../src/common/logger.js';
import { createApp } from '../src/app.js';
import { createXeroServices } from '../src/xero/xero-services.js';
import { xeroIdentity } from '../src/xero/xero-identity.js';
import { organisationXeroStatus } from '../src/organisations/index.js';
import { createXeroSync } from '../src/xero-sync/index.js';
import { startSandboxHarness, type SandboxHarness } from '../test/helpers/sandbox-harness.js';
import { sandboxAppConfig, signInThroughApp } from '../test/helpers/app-on-sandbox.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCALE = Number(process.env.SANDBOX_TIME_SCALE ?? 10);
const SIZE = Number(process.env.BENCH_BULK_SIZE ?? 10_000);
const SCENARIOS = (process.env.BENCH_BULK_SCENARIOS ?? 'base,faults,kill,two').split(',').map((s) => s.trim());
const PG = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MINUTE_MS = 60_000 / SCALE;
const CEILING = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pgUrl = (name: string) => {
  const url = new URL(PG);
  url.pathname = `/${name}`;
  return url.toString();
};

interface Org {
  id: string;
  tenantId: string;
  name: string;
}

interface Figures {
  scenario: string;
  organisation: string;
  records: number;
  calls: number;
  wallSeconds: number;
  sandboxMinutes: number;
  perMinute: number;
  efficiency: number;
  done: number;
  failed: number;
  inXero: number;
  duplicates: number;
  lost: number;
}

async function withDatabase<T>(work: (db: Database, url: string) => Promise<T>): Promise<T> {
  const name = `ledgerside_bulk_${randomBytes(5).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: PG, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = pgUrl(name);
  const db = openDatabase({ kind: 'pg', url });
  try {
    await migrateLatest(db);
    return await work(db, url);
  } finally {
    await db.destroy();
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  }
}

class Worker {
  child: ChildProcess | null = null;
  maxRss = 0;
  starts = 0;
  constructor(
    private readonly settings: { url: string; config: unknown; scale: number },
    private readonly name: string,
  ) {}
  start(): void {
    this.starts += 1;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/bulk-worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, BENCH_BULK_WORKER: JSON.stringify({ ...this.settings, owner: `${this.name}-${this.starts}` }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        const m = /^rss (\d+)/.exec(line);
        if (m) this.maxRss = Math.max(this.maxRss, Number(m[1]));
      }
    });
    this.child = child;
  }
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

async function readBack(h: SandboxHarness, db: Database, xero: ReturnType<typeof createXeroServices>, org: Org, prefix: string) {
  const grant = await db('xero_grants').first();
  const tokenSet = (await xero.tokenStore.find(String(grant.id)))!.tokenSet;
  const client = h.xeroClient();
  client.setTokenSet(tokenSet);
  const names = new Map<string, number>();
  for (let page = 1; ; page++) {
    const { body } = await client.accountingApi.getContacts(org.tenantId, undefined, undefined, 'Name ASC', undefined, page, true, false, undefined, 1000);
    const contacts = body.contacts ?? [];
    for (const c of contacts) if (c.name?.startsWith(prefix)) names.set(c.name, (names.get(c.name) ?? 0) + 1);
    if (contacts.length < 1000) break;
  }
  return { inXero: names.size, duplicates: [...names.values()].filter((n) => n > 1).length };
}

async function seed(db: Database, org: Org, prefix: string, count: number): Promise<string[]> {
  const tdb = tenantDb(db, org.id);
  const at = new Date().toISOString();
  const ids: string[] = [];
  const rows = [];
  for (let i = 1; i <= count; i++) {
    const name = `${prefix} ${String(i).padStart(5, '0')} Ltd`;
    const id = `${prefix.toLowerCase()}-${String(i).padStart(6, '0')}`;
    ids.push(id);
    rows.push({
      id,
      kind: 'company',
      name,
      name_key: name.toLowerCase(),
      email: `${prefix.toLowerCase()}${i}@example.com`,
      is_customer: true,
      is_supplier: false,
      created_at: at,
      updated_at: at,
    });
  }
  await tdb.insert('contacts', rows);
  return ids;
}

async function scenario(name: string): Promise<{ figures: Figures[]; maxRssMb: number; restarts: number }> {
  const h = await startSandboxHarness({ env: { SANDBOX_TIME_SCALE: String(SCALE) } });
  // The sandbox's rate limits follow real time (its minute shortened by the scale).
  Object.defineProperty(h.clock, 'now', { value: () => Date.now() });
  try {
    return await withDatabase(async (db, url) => {
      const config = sandboxAppConfig(h);
      const logger = createLogger('silent');
      const xero = createXeroServices(config, db, logger, {
        organisationStatus: organisationXeroStatus(db),
        identity: xeroIdentity(config.xero, { clockToleranceSeconds: 3600 }),
      });
      const sync = createXeroSync(db, xero.gateway, logger, { webUrl: config.xero.webUrl });
      const app = createApp({ config, db, logger, xero, xeroSync: sync, sessionCleanupIntervalMs: 0, refreshXeroSettingsOnConnect: false });
      const orgNames = name === 'two' ? ['Demo Company (AU)', 'Demo Company (NZ)'] : ['Demo Company (AU)'];
      await signInThroughApp(request.agent(app), h, { email: 'bench@example.com', firstName: 'Bench', lastName: 'Mark', organisations: orgNames });
      const orgs: Org[] = [];
      for (const orgName of orgNames) {
        const row = await db('organisations').where({ name: orgName }).first();
        orgs.push({ id: String(row.id), tenantId: String(row.xero_tenant_id), name: orgName });
      }
      if (name === 'faults') {
        const grant = await db('xero_grants').first();
        const token = (await xero.tokenStore.find(String(grant.id)))!.tokenSet.access_token;
        const res = await fetch(`${h.apiBasePath}/sandbox-admin/faults`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': orgs[0]!.tenantId, accept: 'application/json', 'content-type': 'application/json' },
          // About 20% of answers fail: 10% 500s, 5% dropped without saving, 5% saved and then dropped.
          body: JSON.stringify({ failureRate: 0.1, failureStatus: 500, dropRate: 0.05, afterSave: [{ mode: 'drop', rate: 0.05 }] }),
        });
        if (res.status >= 300) throw new Error(`faults: ${res.status} ${await res.text()}`);
      }
      const prefixes = orgs.map((_, i) => `Bulk${i + 1}`);
      const runs: Array<{ org: Org; runId: string; prefix: string }> = [];
      for (const [i, org] of orgs.entries()) {
        const ids = await seed(db, org, prefixes[i]!, SIZE);
        const run = await sync.bulk.forOrganisation(tenantDb(db, org.id)).start('contact', { ids }, { userId: null, name: 'Bench' });
        runs.push({ org, runId: run.id, prefix: prefixes[i]! });
      }
      const worker = new Worker({ url, config, scale: SCALE }, name);
      const started = Date.now();
      const finishedAt = new Map<string, number>();
      worker.start();
      const kills = name === 'kill' ? [SIZE / 3, (2 * SIZE) / 3] : [];
      try {
        for (;;) {
          let open = 0;
          for (const r of runs) {
            const p = await sync.bulk.forOrganisation(tenantDb(db, r.org.id)).progress(r.runId);
            const finished = p.counts.done + p.counts.failed;
            if (p.run.status === 'done' && !finishedAt.has(r.runId)) finishedAt.set(r.runId, Date.now());
            if (p.run.status !== 'done') open += 1;
            if (kills.length && finished >= kills[0]!) {
              kills.shift();
              await worker.kill('SIGKILL');
              console.log(`    ${name}: app SIGKILLed at ${finished} finished; restarting`);
              worker.start();
            }
          }
          if (open === 0) break;
          await sleep(200);
        }
      } finally {
        await worker.kill('SIGTERM');
      }
      const figures: Figures[] = [];
      for (const r of runs) {
        const p = await sync.bulk.forOrganisation(tenantDb(db, r.org.id)).progress(r.runId);
        const wall = (finishedAt.get(r.runId)! - started) / 1000;
        const sandboxMinutes = (wall * 1000) / MINUTE_MS;
        const back = await readBack(h, db, xero, r.org, `${r.prefix} `);
        const linked = await db('contacts').where({ organisation_id: r.org.id }).whereNotNull('xero_contact_id').count({ n: '*' }).first();
        figures.push({
          scenario: name,
          organisation: r.org.name,
          records: SIZE,
          calls: p.run.calls,
          wallSeconds: Number(wall.toFixed(1)),
          sandboxMinutes: Number(sandboxMinutes.toFixed(2)),
          perMinute: Math.round(SIZE / sandboxMinutes),
          efficiency: Number((SIZE / sandboxMinutes / CEILING).toFixed(3)),
          done: p.counts.done,
          failed: p.counts.failed,
          inXero: back.inXero,
          duplicates: back.duplicates,
          lost: SIZE - Math.min(back.inXero, Number(linked?.n ?? 0)),
        });
      }
      return { figures, maxRssMb: Math.round(worker.maxRss / 1024 / 1024), restarts: worker.starts - 1 };
    });
  } finally {
    await h.close();
  }
}

console.log(
  `Bulk send benchmark: ${SIZE.toLocaleString('en')} contacts new to Xero per organisation, SANDBOX_TIME_SCALE=${SCALE} (a sandbox minute = ${MINUTE_MS / 1000} s)`,
);
let failed = false;
for (const name of SCENARIOS) {
  try {
    const { figures, maxRssMb, restarts } = await scenario(name);
    for (const f of figures) {
      console.log(
        `  ${f.scenario.padEnd(6)} ${f.organisation}: ${f.calls} calls, ${f.wallSeconds} s wall = ${f.sandboxMinutes} sandbox min, ${f.perMinute} records/min, efficiency ${f.efficiency}; done ${f.done}, failed ${f.failed}, in Xero ${f.inXero}, duplicates ${f.duplicates}, lost ${f.lost}`,
      );
    }
    console.log(`  ${name.padEnd(6)} app max RSS ${maxRssMb} MB${restarts ? `, ${restarts} restarts` : ''}`);
  } catch (error) {
    failed = true;
    console.error(`  ${name}: failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
