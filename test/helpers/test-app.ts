import { loadConfig, type AppConfig, type Env } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/common/logger.js';
import type { Database } from '../../src/db/database.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const TEST_SECRETS = {
  SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
  TOKEN_ENCRYPTION_KEY: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
};

export function testConfig(env: Env = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ledgerside-data-')),
    ...TEST_SECRETS,
    ...env,
  });
}

export function testApp(db: Database, env: Env = {}) {
  const config = testConfig(env);
  return createApp({ config, db, logger: createLogger('silent'), sessionCleanupIntervalMs: 0 });
}
