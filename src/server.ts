/** config → database → createApp(deps) → listen. In demo mode the local Xero sandbox starts alongside. */
import { ConfigError, loadConfig } from './config.js';
import { migrateLatest, openDatabase } from './db/database.js';
import { createLogger } from './common/logger.js';
import { createApp } from './app.js';

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

const app = createApp({ config, db, logger });
const server = app.listen(config.port, () => {
  logger.info({ url: config.appUrl, demo: config.demo, xeroIssuer: config.xero.issuerUrl }, `Ledgerside is running on ${config.appUrl}`);
});

const shutdown = async (): Promise<void> => {
  server.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
