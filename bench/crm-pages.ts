/**
 * CRM pages under load (issues 5 and 18, Speed): seeds organisations × contacts and sales orders with
 * lines (and the measured organisations' sync log) in SQLite and/or PostgreSQL, runs the real app in
 * child processes behind a real signed-in session, and measures list, deep-page, search and record pages
 * with autocannon (in another child process) beside a trivial page of the same app. On PostgreSQL the
 * same routes run with 1 and with 2 app processes on the same database (the load split across their
 * ports). Prints figures; never fails on time.
 *
 * Settings: bench/README.md (BENCH_SIZE=small for a quick run while developing).
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { MIGRATIONS_DIR, migrateLatest, openDatabase, type Database } from '../src/db/database.js';
import { benchDatabase, type BenchDialect } from './bench-db.js';
import { benchSession } from './bench-session.js';
import { BENCH_SESSION_SECRET } from './app-process.js';
import { startApps, type AppProcesses } from './app-processes.js';
import { runLoadInChild } from './load.js';
import { describeQuery } from './query-plans.js';
import { baselineOf, figuresTable, mb, statusSummary, throughputTable, type RouteFigures } from './report.js';
import { queryTimings } from './query-timings.js';
import { routeSpecs, type RouteSpec } from './routes.js';
import { organisationId } from './seed.js';
import { seedExtras } from './seed-extras.js';

const TARGET_RATIO = 3;

/** Full size is the default; `small` is for developing on a shared machine (seconds, not minutes). */
const SIZES = {
  full: { orgs: 100, contacts: 10_000, orders: 5_000, syncLog: 50_000, purchaseOrders: 2_000, contracts: 500, seconds: 10, warmup: 2 },
  small: { orgs: 3, contacts: 1_000, orders: 500, syncLog: 2_000, purchaseOrders: 200, contracts: 100, seconds: 2, warmup: 1 },
};

const optionalInt = z.coerce.number().int().min(0).optional();
const envSchema = z.object({
  BENCH_SIZE: z.enum(['full', 'small']).default('full'),
  BENCH_ORGS: z.coerce.number().int().positive().optional(),
  BENCH_CONTACTS: z.coerce.number().int().positive().optional(),
  BENCH_ORDERS: optionalInt,
  BENCH_SYNC_LOG: optionalInt,
  BENCH_PURCHASE_ORDERS: optionalInt,
  BENCH_CONTRACTS: optionalInt,
  BENCH_SECONDS: z.coerce.number().positive().optional(),
  BENCH_WARMUP_SECONDS: z.coerce.number().min(0).optional(),
  BENCH_CONNECTIONS: z.coerce.number().int().positive().default(10),
  BENCH_CACHE: z.enum(['0', '1']).default('1'),
  BENCH_SEED_ONLY: z.enum(['0', '1']).default('0'),
  BENCH_DIALECTS: z.string().optional(),
  BENCH_PROCESSES: z.string().default('1,2'),
  BENCH_ROUTES: z.string().optional(),
  BENCH_DATABASE_URL: z.string().optional(),
  DATABASE_URL: z.string().optional(),
});

const log = (line = '') => console.log(line);
const loadAverage = () => os.loadavg()[0]?.toFixed(2) ?? '?';

/** Prints each statement a page runs and its plan once; returns the plan steps that scan. */
async function showPlans(apps: AppProcesses, cookie: string, spec: RouteSpec, seen: Set<string>): Promise<string[]> {
  const { bytes, queries } = await apps.plans(spec.paths[0] ?? '/', cookie);
  const scans: string[] = [];
  log(`\n### ${spec.label}: ${spec.paths[0]} (${(bytes / 1024).toFixed(1)} KB of HTML, ${queries.length} statements)`);
  for (const query of queries) {
    if (seen.has(query.sql)) {
      log(`- (as above) ${describeQuery(query).slice(0, 100)}`);
      continue;
    }
    seen.add(query.sql);
    log(`- ${describeQuery(query)}`);
    for (const step of query.plan) log(`    ${query.scans.includes(step.trim()) || query.scans.includes(step) ? '!! ' : ''}${step}`);
    scans.push(...query.scans);
  }
  return scans;
}

interface RunOptions {
  seconds: number;
  warmup: number;
  connections: number;
  plans: boolean;
}

/** Every route under load against `apps`; returns the figures in route order. */
async function measureRoutes(
  apps: AppProcesses,
  cookie: string,
  specs: RouteSpec[],
  options: RunOptions,
): Promise<{ figures: RouteFigures[]; scans: string[]; rssPeak: number }> {
  const seen = new Set<string>();
  const scans: string[] = [];
  const figures: RouteFigures[] = [];
  let rssPeak = 0;
  const probeUrl = apps.urls[0] ?? '';
  for (const spec of specs) {
    const first = await fetch(`${probeUrl}${spec.paths[0] ?? '/'}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
    await first.text();
    if (first.status !== spec.expect) {
      figures.push({
        label: spec.label,
        example: spec.paths[0] ?? '',
        result: null,
        note: first.status === 404 ? 'page not there yet (404)' : `unexpected status ${first.status}`,
      });
      continue;
    }
    if (options.plans) scans.push(...(await showPlans(apps, cookie, spec, seen)));
    const job = { urls: apps.urls, cookie, paths: spec.paths, connections: options.connections };
    if (options.warmup > 0) await runLoadInChild({ ...job, seconds: options.warmup });
    await apps.drain();
    // The app's own CPU per request (all its threads, SQLite's included): steadier than latency when
    // other work shares the machine. The database server's CPU (PostgreSQL) is not in it.
    const before = await apps.stats();
    const result = await runLoadInChild({ ...job, seconds: options.seconds });
    // No responses at all (an overloaded machine): NaN percentiles arrive as null over IPC.
    for (const key of ['p50', 'p99', 'mean'] as const) if (typeof result[key] !== 'number') result[key] = Number.NaN;
    await apps.drain();
    const after = await apps.stats();
    rssPeak = Math.max(rssPeak, after.rss);
    result.cpuMsPerRequest = (after.cpuMs - before.cpuMs) / Math.max(1, result.requests);
    const gcMs = after.gcMs - before.gcMs;
    log(
      `    ${spec.label}: ${result.requests} requests in ${result.seconds.toFixed(1)} s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, app CPU ${result.cpuMsPerRequest.toFixed(2)} ms/request, GC ${gcMs.toFixed(0)} ms in ${after.gcCount - before.gcCount} pauses (longest ${after.gcMaxMs.toFixed(1)} ms), statuses ${statusSummary(result)}`,
    );
    figures.push({ label: spec.label, example: spec.paths[0] ?? '', result, baseline: spec.baseline === true, gcMaxMs: after.gcMaxMs });
  }
  return { figures, scans, rssPeak };
}

function printFigures(title: string, figures: RouteFigures[], scans: string[] | null): void {
  log(`\n## Figures: ${title}`);
  const baseline = baselineOf(figures);
  if (!baseline) {
    log('The baseline could not be measured; no ratios.');
    return;
  }
  log(
    `Baseline: a signed-in 404 page (the same middleware and layout as every page, no page query), measured first and last; ratios against the mean of the two: p50 ${baseline.p50.toFixed(2)} ms, p99 ${baseline.p99.toFixed(2)} ms.`,
  );
  log(figuresTable(figures, baseline, TARGET_RATIO));
  if (scans) log(scans.length ? `Plan steps that scan: ${[...new Set(scans)].join(' | ')}` : 'No plan step scans a table.');
}

export async function crmPagesBenchmark(rawEnv: Record<string, string | undefined> = process.env): Promise<void> {
  const env = envSchema.parse(rawEnv);
  const size = SIZES[env.BENCH_SIZE];
  const params = {
    organisations: env.BENCH_ORGS ?? size.orgs,
    contactsPerOrganisation: env.BENCH_CONTACTS ?? size.contacts,
    ordersPerOrganisation: env.BENCH_ORDERS ?? size.orders,
  };
  const syncLog = env.BENCH_SYNC_LOG ?? size.syncLog;
  const purchaseOrders = env.BENCH_PURCHASE_ORDERS ?? size.purchaseOrders;
  const contracts = env.BENCH_CONTRACTS ?? size.contracts;
  const run: Omit<RunOptions, 'plans'> = {
    seconds: env.BENCH_SECONDS ?? size.seconds,
    warmup: env.BENCH_WARMUP_SECONDS ?? size.warmup,
    connections: env.BENCH_CONNECTIONS,
  };
  const pgUrl = env.BENCH_DATABASE_URL ?? env.DATABASE_URL;
  const dialects = (env.BENCH_DIALECTS ?? (pgUrl ? 'sqlite,pg' : 'sqlite')).split(',').map((d) => d.trim()) as BenchDialect[];
  const processCounts = env.BENCH_PROCESSES.split(',').map((n) => Math.max(1, Number(n) || 1));
  const routeFilter = env.BENCH_ROUTES?.toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const ordersExpected = readdirSync(MIGRATIONS_DIR).some((f) => f.includes('create-sales-orders'));

  log(`# CRM pages benchmark\n`);
  log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} (nproc ${os.availableParallelism()}), ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  log(`Load average (1 min) at start: ${loadAverage()}`);
  log(
    `Sizes: ${params.organisations} organisations × ${params.contactsPerOrganisation} contacts and ${params.ordersPerOrganisation} sales orders each; ${syncLog} sync-log entries and ${purchaseOrders} purchase orders and ${contracts} contracts for the measured organisation. Dialects: ${dialects.join(', ')}.`,
  );

  const pgRuns: Array<{ processes: number; figures: RouteFigures[] }> = [];
  for (const dialect of dialects) {
    log(`\n# ${dialect === 'pg' ? 'PostgreSQL' : 'SQLite'}\n`);
    const file = await benchDatabase(dialect, params, { cache: env.BENCH_CACHE === '1', ordersExpected, pgUrl }, log);
    log(
      `Seed: ${file.seed.contacts} contacts, ${file.seed.orders} sales orders, ${file.seed.lines} lines in ${file.seed.seconds.toFixed(1)} s${file.reused ? ' (earlier run, reused)' : ''}`,
    );
    const db: Database = openDatabase(file.settings);
    try {
      const applied = await migrateLatest(db);
      if (applied.length) log(`Migrations applied to the seeded database: ${applied.join(', ')}`);
      const ids = file.seed.organisationIds;
      const middle = Math.floor(ids.length / 2);
      const current = ids[middle] ?? organisationId(0);
      const others = ids.filter((id) => id !== current).slice(0, 2);
      const extrasStarted = Date.now();
      const added = await seedExtras(db, [{ id: current, index: middle }], {
        syncLogPerOrganisation: syncLog,
        purchaseOrdersPerOrganisation: purchaseOrders,
        contractsPerOrganisation: contracts,
      });
      if (added.length) log(`Added: ${added.join('; ')} (${((Date.now() - extrasStarted) / 1000).toFixed(1)} s)`);
      if (env.BENCH_SEED_ONLY === '1') continue;

      const version =
        dialect === 'pg'
          ? `PostgreSQL ${String(((await db.raw('show server_version')) as { rows: Array<{ server_version: string }> }).rows[0]?.server_version)}`
          : `SQLite ${((await db.raw('select sqlite_version() as v')) as Array<{ v: string }>)[0]?.v ?? '?'}`;
      log(`${version}; the app's own pool settings (${dialect === 'pg' ? 'up to 10 connections a process' : 'WAL, foreign keys, one connection'})`);
      const cookie = await benchSession(db, BENCH_SESSION_SECRET, current, others);
      const routes = await routeSpecs(db, current, file.seed.withOrders);
      const specs = routeFilter ? routes.specs.filter((s) => s.baseline || routeFilter.some((f) => s.label.toLowerCase().includes(f))) : routes.specs;
      log(`Measured organisation: ${current}; the signed-in user is a member of ${1 + others.length} organisations.`);
      log(`Load: autocannon in a child process, ${run.connections} connections, ${run.warmup} s warm-up then ${run.seconds} s per route.`);

      // SQLite: one app process (one writer per file; the app runs one process on SQLite).
      const counts = dialect === 'pg' ? processCounts : [1];
      for (const [i, processes] of counts.entries()) {
        const apps = await startApps(processes, file.settings);
        try {
          const title = `${dialect === 'pg' ? 'PostgreSQL' : 'SQLite'}, ${processes} app process${processes > 1 ? 'es' : ''}`;
          log(`\n## ${title}${i === 0 ? ': query plans (every statement one request runs; "!!" marks a scan)' : ''}`);
          const rssBefore = (await apps.stats()).rss;
          const measured = await measureRoutes(apps, cookie, specs, { ...run, plans: i === 0 });
          printFigures(title, measured.figures, i === 0 ? measured.scans : null);
          log(`Load average (1 min) now: ${loadAverage()} on ${os.cpus().length} cores (other work on the machine skews latencies; ratios less so).`);
          log(`App process RSS (all processes): ${mb(rssBefore)} before the load, ${mb(measured.rssPeak)} at most after a route.`);
          if (dialect === 'pg') pgRuns.push({ processes, figures: measured.figures });
        } finally {
          await apps.stop();
        }
      }

      log(`\n## ${dialect === 'pg' ? 'PostgreSQL' : 'SQLite'}: the database part of each page alone (repository calls, one at a time, no HTTP or rendering)`);
      log('| Repository call | ms wall | ms CPU (this process) |');
      log('|---|---:|---:|');
      for (const t of await queryTimings(db, current, routes.ids, routes.lastPages)) log(`| ${t.label} | ${t.wallMs.toFixed(2)} | ${t.cpuMs.toFixed(2)} |`);
    } finally {
      await db.destroy();
      await file.cleanup();
    }
  }

  if (pgRuns.length > 1) {
    log('\n# PostgreSQL: throughput with 1 and 2 app processes on the same database');
    log(`(${os.cpus().length} cores shared by the app processes, PostgreSQL and the load generator.)`);
    log(throughputTable(pgRuns));
  }
  log(`\nLoad average (1 min) at the end: ${loadAverage()}`);
}
