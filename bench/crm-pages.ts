/**
 * CRM pages under load (issue 5, Speed): seeds organisations × contacts and sales orders with lines
 * in SQLite, runs the real app in this process behind a real signed-in session, and measures list,
 * deep-page, search and record pages with autocannon (in a child process) beside a trivial page of the
 * same app. Prints figures; never fails on time.
 *
 * Scale: BENCH_ORGS (100), BENCH_CONTACTS per organisation (10000), BENCH_ORDERS per organisation
 * (5000), BENCH_SECONDS per route (10), BENCH_CONNECTIONS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_CACHE=0 to seed a throw-away file instead of reusing data/bench/, BENCH_SEED_ONLY=1 to stop
 * after seeding (prepares the cached file).
 */
import { readdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { z } from 'zod';
import { MIGRATIONS_DIR, migrateLatest, openDatabase, type Database } from '../src/db/database.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/common/logger.js';
import { benchDatabase } from './bench-db.js';
import { benchSession } from './bench-session.js';
import { runLoadInChild } from './load.js';
import { captureQueries, describeQuery, explain } from './query-plans.js';
import { figuresTable, mb, statusSummary, type RouteFigures } from './report.js';
import { queryTimings } from './query-timings.js';
import { routeSpecs, type RouteSpec } from './routes.js';

const TARGET_RATIO = 3;

const envSchema = z.object({
  BENCH_ORGS: z.coerce.number().int().positive().default(100),
  BENCH_CONTACTS: z.coerce.number().int().positive().default(10_000),
  BENCH_ORDERS: z.coerce.number().int().min(0).default(5_000),
  BENCH_SECONDS: z.coerce.number().positive().default(10),
  BENCH_CONNECTIONS: z.coerce.number().int().positive().default(10),
  BENCH_WARMUP_SECONDS: z.coerce.number().min(0).default(2),
  BENCH_CACHE: z.enum(['0', '1']).default('1'),
  BENCH_SEED_ONLY: z.enum(['0', '1']).default('0'),
});

const log = (line = '') => console.log(line);

async function probe(base: string, cookie: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

/** Prints each statement a page runs and its plan once; returns the plan steps that scan. */
async function showPlans(db: Database, base: string, cookie: string, spec: RouteSpec, seen: Set<string>): Promise<string[]> {
  let bytes = 0;
  const queries = await captureQueries(db, async () => {
    bytes = Buffer.byteLength((await probe(base, cookie, spec.paths[0] ?? '/')).body);
  });
  const explained = await explain(db, queries);
  const scans: string[] = [];
  log(`\n### ${spec.label}: ${spec.paths[0]} (${(bytes / 1024).toFixed(1)} KB of HTML, ${queries.length} statements)`);
  for (const query of explained) {
    if (seen.has(query.sql)) {
      log(`- (as above) ${describeQuery(query).slice(0, 100)}`);
      continue;
    }
    seen.add(query.sql);
    log(`- ${describeQuery(query)}`);
    for (const step of query.plan) log(`    ${query.scans.includes(step) ? '!! ' : ''}${step}`);
    scans.push(...query.scans);
  }
  return scans;
}

export async function crmPagesBenchmark(rawEnv: Record<string, string | undefined> = process.env): Promise<void> {
  const env = envSchema.parse(rawEnv);
  const params = { organisations: env.BENCH_ORGS, contactsPerOrganisation: env.BENCH_CONTACTS, ordersPerOrganisation: env.BENCH_ORDERS };
  const ordersExpected = readdirSync(MIGRATIONS_DIR).some((f) => f.includes('create-sales-orders'));
  log(`# CRM pages benchmark\n`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
  log(`Load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2) ?? '?'}`);
  log(`Sizes: ${params.organisations} organisations × ${params.contactsPerOrganisation} contacts and ${params.ordersPerOrganisation} sales orders each`);

  const file = await benchDatabase(params, { cache: env.BENCH_CACHE === '1', ordersExpected }, log);
  log(
    `Seed: ${file.seed.contacts} contacts, ${file.seed.orders} sales orders, ${file.seed.lines} lines in ${file.seed.seconds.toFixed(1)} s${file.reused ? ' (earlier run, reused)' : ''}`,
  );
  if (env.BENCH_SEED_ONLY === '1') return;

  // As in production: Express caches compiled views only when NODE_ENV=production at app creation.
  process.env.NODE_ENV = 'production';
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: os.tmpdir(),
    APP_URL: 'http://127.0.0.1:3999',
    SESSION_SECRET: 'bench-session-secret-0123456789-0123456789',
    TOKEN_ENCRYPTION_KEY: '0'.repeat(64),
    XERO_CLIENT_ID: 'bench',
    XERO_CLIENT_SECRET: 'bench',
    XERO_REDIRECT_URI: 'http://127.0.0.1:3999/auth/xero/callback',
    XERO_WEBHOOK_KEY: 'bench',
  });
  const db = openDatabase({ kind: 'sqlite', filename: file.filename });
  let inFlight = 0;
  const server = await (async () => {
    const applied = await migrateLatest(db);
    if (applied.length) log(`Migrations applied to the seeded file: ${applied.join(', ')}`);
    const sqlite = (await db.raw('select sqlite_version() as v')) as Array<{ v: string }>;
    log(`SQLite ${sqlite[0]?.v ?? '?'}; app pool: the app's own settings (WAL, foreign keys, up to 4 connections)`);
    const { createApp } = await import('../src/app.js');
    const app = createApp({ config, db, logger: createLogger('silent'), sessionCleanupIntervalMs: 0 });
    return new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
      s.on('request', (_req, res: ServerResponse) => {
        inFlight += 1;
        res.once('close', () => {
          inFlight -= 1;
        });
      });
    });
  })();
  /**
   * When the load generator stops, requests it already sent may still be queued in the app: let them
   * finish so they neither count against the next route nor hit a closed pool.
   */
  const drain = async () => {
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
  };

  try {
    const ids = file.seed.organisationIds;
    const current = ids[Math.floor(ids.length / 2)] ?? ids[0];
    if (!current) throw new Error('no organisations seeded');
    const cookie = await benchSession(db, config.sessionSecret, current, ids.filter((id) => id !== current).slice(0, 2));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { specs, ids: recordIds, lastPages } = await routeSpecs(db, current, file.seed.withOrders);
    log(`Measured organisation: ${current}; the signed-in user is a member of ${Math.min(3, ids.length)} organisations.`);
    log(
      `Load: autocannon in a child process, ${env.BENCH_CONNECTIONS} connections, ${env.BENCH_WARMUP_SECONDS} s warm-up then ${env.BENCH_SECONDS} s per route.`,
    );

    log('\n## Query plans (every statement one request runs; "!!" marks a scan)');
    const seen = new Set<string>();
    const scans: string[] = [];
    const figures: RouteFigures[] = [];
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 200);
    for (const spec of specs) {
      const first = await probe(base, cookie, spec.paths[0] ?? '/');
      if (first.status !== spec.expect) {
        figures.push({
          label: spec.label,
          example: spec.paths[0] ?? '',
          result: null,
          note: first.status === 404 ? 'page not there yet (404)' : `unexpected status ${first.status}`,
        });
        continue;
      }
      scans.push(...(await showPlans(db, base, cookie, spec, seen)));
      const job = { url: base, cookie, paths: spec.paths, connections: env.BENCH_CONNECTIONS };
      if (env.BENCH_WARMUP_SECONDS > 0) await runLoadInChild({ ...job, seconds: env.BENCH_WARMUP_SECONDS });
      await drain();
      // The app's own CPU per request (all its threads, SQLite's included): steadier than latency when
      // other work shares the machine.
      const cpuBefore = process.cpuUsage();
      const result = await runLoadInChild({ ...job, seconds: env.BENCH_SECONDS });
      await drain();
      const cpu = process.cpuUsage(cpuBefore);
      result.cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests);
      log(
        `    load: ${result.requests} requests in ${result.seconds.toFixed(1)} s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, app CPU ${result.cpuMsPerRequest.toFixed(2)} ms/request, statuses ${statusSummary(result)}`,
      );
      figures.push({ label: spec.label, example: spec.paths[0] ?? '', result, baseline: spec.baseline === true });
    }
    clearInterval(sampler);
    const rssAfter = process.memoryUsage().rss;

    const baselines = figures.filter((f) => f.baseline && f.result).map((f) => f.result?.p50 ?? 0);
    log('\n## Figures');
    log(
      'Baseline: a signed-in 404 page — the same middleware (session store read and touch, CSRF, user, memberships, organisation) and layout as every page, no page query; measured first and last, ratios against the mean of its two p50s.',
    );
    if (baselines.length === 0) {
      log('The baseline could not be measured; no ratios.');
      return;
    }
    const baselineP50 = baselines.reduce((a, b) => a + b, 0) / baselines.length;
    log(`Baseline p50 used for ratios: ${baselineP50.toFixed(2)} ms`);
    log(figuresTable(figures, baselineP50, TARGET_RATIO));
    log(
      `\nLoad average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2) ?? '?'} on ${os.cpus().length} cores (other work on the machine skews latencies; ratios less so).`,
    );
    log(`\nApp process RSS: ${mb(rssBefore)} before the load, ${mb(rssPeak)} peak, ${mb(rssAfter)} after.`);
    log(scans.length ? `Plan steps that scan: ${[...new Set(scans)].join(' | ')}` : 'No plan step scans a table.');

    log('\n## The database part of each page alone (repository calls, one at a time, no HTTP or rendering)');
    log('| Repository call | ms wall | ms CPU |');
    log('|---|---:|---:|');
    for (const t of await queryTimings(db, current, recordIds, lastPages)) log(`| ${t.label} | ${t.wallMs.toFixed(2)} | ${t.cpuMs.toFixed(2)} |`);
  } finally {
    await drain();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.destroy();
    file.cleanup();
  }
}
