/** `npm run db:migrate`: applies migrations/ to the configured database and exits. */
import { loadConfig, ConfigError } from '../config.js';
import { migrateLatest, openDatabase } from './database.js';

try {
  const config = loadConfig(process.env);
  const db = openDatabase(config.database);
  const applied = await migrateLatest(db);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
  await db.destroy();
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exitCode = 1;
}
