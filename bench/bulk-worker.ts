/**
 * One app process for `npm run bench:bulk`: the sync engine's worker with the call pacer on the
 * benchmark's PostgreSQL database, against the sandbox, with Xero's limits compressed by the time
 * scale. Prints `rss <bytes>` every 250 ms on stdout for the parent to track. Killed (SIGKILL) by the
 * parent in the crash scenario and started again.
 */
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/common/logger.js';
import { createXeroServices } from '../src/xero/xero-services.js';
import { callPacer } from '../src/xero/call-pacer.js';
import { xeroIdentity } from '../src/xero/xero-identity.js';
import { organisationXeroStatus } from '../src/organisations/index.js';
import { createXeroSync } from '../src/xero-sync/index.js';
import type { AppConfig } from '../src/config.js';

interface WorkerSettings {
  url: string;
  config: AppConfig;
  scale: number;
  owner: string;
}

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
  limiter: callPacer({ db, logger, limits: { minuteMs }, slotMs: Math.max(3_000, 45_000 / settings.scale) }),
  timeoutMs: Math.max(2_000, 30_000 / settings.scale),
});
const sync = createXeroSync(db, xero.gateway, logger, {
  webUrl: settings.config.xero.webUrl,
  owner: settings.owner,
  pollMs: 100,
  leaseMs: Math.max(5_000, 120_000 / settings.scale),
  backoff: { maxAttempts: 8, baseMs: Math.max(200, 5_000 / settings.scale), maxMs: Math.max(2_000, 600_000 / settings.scale) },
});
sync.engine.worker.start();
const report = setInterval(() => process.stdout.write(`rss ${process.memoryUsage().rss}\n`), 250);
process.on('SIGTERM', () => {
  clearInterval(report);
  void sync.engine.worker
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
