/**
 * One app process for `npm run bench:bulk`: the sync engine's worker with the call pacer on the
 * benchmark's PostgreSQL database, against the sandbox, with Xero's limits compressed by the time
 * scale. Prints `rss <bytes>` every 250 ms on stdout for the parent to track. Killed (SIGKILL) by the
 * parent in the crash scenario and started again.
 */
import path from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/common/logger.js';
import { createXeroServices } from '../src/xero/xero-services.js';
import { callPacer } from '../src/xero/call-pacer.js';
import { xeroIdentity } from '../src/xero/xero-identity.js';
import { organisationXeroStatus } from '../src/organisations/index.js';
import { createXeroSync } from '../src/xero-sync/index.js';
import { salesInvoiceHandler, salesOrderBulkSource } from '../src/xero-invoices/index.js';
import type { AppConfig } from '../src/config.js';

interface WorkerSettings {
  url: string;
  config: AppConfig;
  scale: number;
  owner: string;
}

// BENCH_V8_FLAGS: V8 flags set at run time (e.g. --trace-gc, which NODE_OPTIONS does not take).
if (process.env.BENCH_V8_FLAGS) setFlagsFromString(process.env.BENCH_V8_FLAGS);
const settings = JSON.parse(process.env.BENCH_BULK_WORKER ?? '{}') as WorkerSettings;
// The token key is a Buffer, which JSON turns into { type, data }.
const key = settings.config.tokenEncryptionKey as unknown;
if (!Buffer.isBuffer(key) && typeof key === 'object' && key !== null && 'data' in key)
  settings.config = { ...settings.config, tokenEncryptionKey: Buffer.from((key as { data: number[] }).data) };
const minuteMs = 60_000 / settings.scale;
const db = openDatabase({ kind: 'pg', url: settings.url });
const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent');
const xero = createXeroServices(settings.config, db, logger, {
  organisationStatus: organisationXeroStatus(db),
  identity: xeroIdentity(settings.config.xero, { clockToleranceSeconds: 3600 }),
  // Xero's minute (and the slot a dead process holds) shortened like the sandbox's.
  limiter: callPacer({ db, logger, limits: { minuteMs }, slotMs: Math.max(3_000, 9_000 / settings.scale) }),
  // Not shortened with the time scale: the sandbox's answers take real time (a batch of 50 creates
  // takes 1–3 s on a loaded machine), and a 3 s timeout (30 s / 10) re-sent batches Xero had saved.
  timeoutMs: 30_000,
});
const sync = createXeroSync(db, xero.gateway, logger, {
  webUrl: settings.config.xero.webUrl,
  handlers: [salesInvoiceHandler({ appUrl: settings.config.appUrl })],
  sources: [salesOrderBulkSource],
  owner: settings.owner,
  pollMs: 100,
  // 30 s (the app's default is 2 min): a killed process's batches are taken again sooner; renewed every 10 s while they run.
  leaseMs: Math.max(5_000, 30_000 / settings.scale),
  backoff: { maxAttempts: 8, baseMs: Math.max(200, 5_000 / settings.scale), maxMs: Math.max(2_000, 600_000 / settings.scale) },
});
// BENCH_QUERY_PROFILE=1: the app's queries counted by their SQL (numbers masked) and printed at the end, to see where a batch's time goes.
const queries = new Map<string, number>();
if (process.env.BENCH_QUERY_PROFILE)
  db.on('query', (q: { sql: string }) => {
    const key = q.sql
      .replace(/\$\d+|\?/g, '?')
      .replace(/\(\?(, \?)*\)/g, '(…)')
      .slice(0, 160);
    queries.set(key, (queries.get(key) ?? 0) + 1);
  });
sync.engine.worker.start();
// BENCH_HEAP_SNAPSHOT=<dir>: a heap snapshot once ready and one when stopped (each after a full GC), to compare.
const snapshots = process.env.BENCH_HEAP_SNAPSHOT;
if (snapshots) writeHeapSnapshot(path.join(snapshots, `worker-${process.pid}-ready.heapsnapshot`));
// BENCH_ALLOCATIONS=<file>: where the run allocates (sampled, garbage included), written when stopped.
const allocations = process.env.BENCH_ALLOCATIONS ? new Session() : null;
if (allocations) {
  allocations.connect();
  allocations.post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
}
process.stdout.write('ready\n');
// BENCH_HEAP=1: the heap's figures too (to BENCH_LOG_FILE), to see what the RSS holds.
const report = setInterval(() => {
  const m = process.memoryUsage();
  process.stdout.write(`rss ${m.rss}\n`);
  if (process.env.BENCH_HEAP)
    process.stdout.write(
      `heap ${Date.now()} rss=${m.rss} heapUsed=${m.heapUsed} heapTotal=${m.heapTotal} external=${m.external} arrayBuffers=${m.arrayBuffers}\n`,
    );
}, 250);
process.on('SIGTERM', () => {
  clearInterval(report);
  if (snapshots) writeHeapSnapshot(path.join(snapshots, `worker-${process.pid}-stopped.heapsnapshot`));
  allocations?.post('HeapProfiler.stopSampling', (error, result) => {
    if (!error) writeFileSync(process.env.BENCH_ALLOCATIONS!, JSON.stringify(result.profile));
  });
  for (const [sql, n] of [...queries].sort((a, b) => b[1] - a[1]).slice(0, 60)) process.stdout.write(`query ${n} ${sql}\n`);
  void sync.engine.worker
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
