/**
 * One app process of the benchmark (forked by app-processes.ts): the real app (`createApp`) on the
 * benchmark's database, listening on a free loopback port, `NODE_ENV=production` (Express caches
 * compiled views), logs silenced, no background workers (as `createApp` alone starts none).
 *
 * It answers the orchestrator over IPC: its port when ready; its CPU time, RSS and garbage-collection
 * pauses so far (`stats`); when every request it has accepted has finished (`drain`); and the
 * statements one request runs with their plans (`plans`: knex's `query` event while it fetches the page
 * from itself, then EXPLAIN on the same connection pool).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import type { AppConfig } from '../src/config.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/common/logger.js';
import { openDatabase } from '../src/db/database.js';
import { captureQueries, explain, type ExplainedQuery } from './query-plans.js';

export type AppRequest =
  | { type: 'start'; settings: AppConfig['database'] }
  | { type: 'stats'; id: number }
  | { type: 'drain'; id: number }
  | { type: 'plans'; id: number; path: string; cookie: string }
  | { type: 'stop' };

export interface AppStats {
  /** Cumulative since the process started. */
  cpuMs: number;
  rss: number;
  gcMs: number;
  gcCount: number;
  /** Longest pause since the last `stats`. */
  gcMaxMs: number;
}

export type AppReply =
  | { type: 'ready'; port: number }
  | { type: 'stats'; id: number; stats: AppStats }
  | { type: 'drained'; id: number }
  | { type: 'plans'; id: number; status: number; bytes: number; queries: ExplainedQuery[] }
  | { type: 'failed'; error: string };

export const BENCH_SESSION_SECRET = 'bench-session-secret-0123456789-0123456789';

export function benchConfig(): AppConfig {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: os.tmpdir(),
    APP_URL: 'http://127.0.0.1:3999',
    SESSION_SECRET: BENCH_SESSION_SECRET,
    TOKEN_ENCRYPTION_KEY: '0'.repeat(64),
    XERO_CLIENT_ID: 'bench',
    XERO_CLIENT_SECRET: 'bench',
    XERO_REDIRECT_URI: 'http://127.0.0.1:3999/auth/xero/callback',
    XERO_WEBHOOK_KEY: 'bench',
  });
}

async function serve(settings: AppConfig['database']): Promise<void> {
  const send = (reply: AppReply) => process.send?.(reply);
  const gc = { ms: 0, count: 0, max: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.ms += entry.duration;
      gc.count += 1;
      gc.max = Math.max(gc.max, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });

  const db = openDatabase(settings);
  const { createApp } = await import('../src/app.js');
  const app = createApp({ config: benchConfig(), db, logger: createLogger('silent'), sessionCleanupIntervalMs: 0 });
  let inFlight = 0;
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  process.on('message', (raw: unknown) => {
    const message = raw as AppRequest;
    void (async () => {
      if (message.type === 'stats') {
        const cpu = process.cpuUsage();
        send({
          type: 'stats',
          id: message.id,
          stats: { cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss, gcMs: gc.ms, gcCount: gc.count, gcMaxMs: gc.max },
        });
        gc.max = 0;
      } else if (message.type === 'drain') {
        while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        send({ type: 'drained', id: message.id });
      } else if (message.type === 'plans') {
        let status = 0;
        let bytes = 0;
        const queries = await captureQueries(db, async () => {
          const response = await fetch(`${base}${message.path}`, { headers: { cookie: message.cookie, accept: 'text/html' }, redirect: 'manual' });
          status = response.status;
          bytes = Buffer.byteLength(await response.text());
        });
        send({ type: 'plans', id: message.id, status, bytes, queries: await explain(db, queries) });
      } else if (message.type === 'stop') {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        // Work the app left behind after its last response (a session touch) may still hold the pool.
        await db.destroy().catch(() => undefined);
        process.exit(0);
      }
    })().catch((error: unknown) => send({ type: 'failed', error: error instanceof Error ? error.message : String(error) }));
  });
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

if (process.send) {
  process.once('message', (raw: unknown) => {
    const message = raw as AppRequest;
    if (message.type !== 'start') return;
    serve(message.settings).catch((error: unknown) => {
      process.send?.({ type: 'failed', error: error instanceof Error ? error.message : String(error) } satisfies AppReply);
      process.exitCode = 1;
    });
  });
}
