/**
 * One app worker process for tests that need real OS processes on one PostgreSQL database: the sync
 * engine composed as server.ts composes it (the call pacer, the sales invoices' handler and bulk source,
 * finished sends to the audit trail), its config read from the environment as server.ts reads it, but
 * no web server. `SYNC_WORKER_OWNER` names its leases, `SYNC_WORKER_PER_ORGANISATION` its share of one
 * organisation's batches. Prints "ready" once its worker runs, and its log lines (LOG_LEVEL) on stdout;
 * stops on SIGTERM.
 */
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/common/logger.js';
import { createXeroServices } from '../../src/xero/index.js';
import { callPacer } from '../../src/xero/call-pacer.js';
import { organisationXeroStatus } from '../../src/organisations/index.js';
import { createXeroSync } from '../../src/xero-sync/index.js';
import { salesInvoiceHandler, salesOrderBulkSource } from '../../src/xero-invoices/index.js';
import { recordCompletedSends } from '../../src/audit/index.js';

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const db = openDatabase(config.database);
const xero = createXeroServices(config, db, logger, { organisationStatus: organisationXeroStatus(db), limiter: callPacer({ db, logger }) });
const sync = createXeroSync(db, xero.gateway, logger, {
  webUrl: config.xero.webUrl,
  handlers: [salesInvoiceHandler({ appUrl: config.appUrl })],
  onFinished: recordCompletedSends,
  sources: [salesOrderBulkSource],
  owner: process.env.SYNC_WORKER_OWNER ?? `worker-${process.pid}`,
  perOrganisation: Number(process.env.SYNC_WORKER_PER_ORGANISATION ?? 5),
  pollMs: 100,
});
sync.engine.worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void sync.engine.worker
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
