/** config → database → createApp(deps) → listen. In demo mode the local Xero sandbox starts alongside. */
import { ConfigError, loadConfig } from './config.js';
import { migrateLatest, openDatabase } from './db/database.js';
import { createLogger } from './common/logger.js';
import { createApp } from './app.js';
import { startDemoSandbox } from './demo/demo-sandbox.js';
import { createXeroServices } from './xero/index.js';
import { callPacer } from './xero/call-pacer.js';
import { organisationsService, organisationXeroStatus } from './organisations/index.js';
import { contactChangedVia, createXeroSync, purchaseOrdersPollKind, sentDocumentsPoll } from './xero-sync/index.js';
import { contactEventHandler, createXeroWebhooks } from './xero-webhooks/index.js';
import { salesInvoiceEventHandler, salesInvoiceHandler, salesInvoicesPollKind, salesOrderBulkSource } from './xero-invoices/index.js';
import { contractInvoiceOwner, contractRepeatingInvoiceHandler, contractsPollKind } from './xero-contracts/index.js';
import type { Organisation } from './common/tenancy.js';
import { recordCompletedSends } from './audit/index.js';

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
const db = openDatabase(config.database);
const applied = await migrateLatest(db);
if (applied.length) logger.info({ migrations: applied }, 'database migrated');

const sandbox = config.demo
  ? await startDemoSandbox(config, process.env).catch((error: unknown) => {
      console.error(`Could not start the demo Xero sandbox: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    })
  : undefined;
if (sandbox) logger.info({ url: sandbox.url }, `Demo mode: the local Xero sandbox is running on ${sandbox.url}`);

// Every call to Xero is paced within its limits, shared with any other app process on this database.
const xero = createXeroServices(config, db, logger, { organisationStatus: organisationXeroStatus(db), limiter: callPacer({ db, logger }) });
const gatewayFor = (organisation: Organisation) => xero.gateway.forOrganisation(organisation);
// Each send Xero has answered for good is an entry of the organisation's audit trail.
const xeroSync = createXeroSync(db, xero.gateway, logger, {
  webUrl: config.xero.webUrl,
  handlers: [salesInvoiceHandler({ appUrl: config.appUrl }), contractRepeatingInvoiceHandler],
  onFinished: recordCompletedSends,
  sources: [salesOrderBulkSource],
});
// Xero's webhook events: one handler per category (INVOICE for now); the others are recorded as ignored.
const xeroWebhooks = createXeroWebhooks({
  db,
  logger,
  key: config.xero.webhookKey,
  handlers: [
    salesInvoiceEventHandler({ gatewayFor, owners: [contractInvoiceOwner] }),
    contactEventHandler({ contactChanged: contactChangedVia(xero.gateway) }),
  ],
});
// The safety net under webhooks, and the only way back for purchase orders (Xero sends no webhooks for
// them): every 15 minutes per connected organisation, what Xero changed since.
const xeroPoll = sentDocumentsPoll({ db, logger, gatewayFor, kinds: [salesInvoicesPollKind, contractsPollKind, purchaseOrdersPollKind] });
const app = createApp({ config, db, logger, xero, xeroSync, xeroWebhooks });
// Sends to Xero run in this process; other processes on the same database share the work.
xeroSync.engine.worker.start();
xeroWebhooks.worker.start();
xeroPoll.start();
const server = app.listen(config.port, () => {
  logger.info({ url: config.appUrl, demo: config.demo, xeroIssuer: config.xero.issuerUrl }, `Ledgerside is running on ${config.appUrl}`);
});

// The daily light check keeps each organisation's connection status true (GET /Organisation each).
const DAY_MS = 24 * 60 * 60 * 1000;
const dailyCheck = setInterval(() => {
  organisationsService({ db, xero, logger })
    .checkAll()
    .then(
      (result) => logger.info(result, 'daily Xero connection check'),
      (error: unknown) => logger.error({ err: error }, 'daily Xero connection check failed'),
    );
}, DAY_MS);
dailyCheck.unref();

const shutdown = async (): Promise<void> => {
  server.close();
  await xeroSync.engine.worker.stop();
  await xeroWebhooks.worker.stop();
  await xeroPoll.stop();
  await sandbox?.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
