/** `npm run sandbox`: the only reader of process.env on the sandbox side. */
import { pino } from 'pino';
import { startSandbox } from './index.js';
import { loadSandboxConfig } from './sandbox-config.js';

const logger = pino({ base: { app: 'xero-sandbox' }, level: process.env.LOG_LEVEL ?? 'info' });

try {
  const sandbox = await startSandbox(loadSandboxConfig(process.env), { logger });
  logger.info({ url: sandbox.url }, `Xero sandbox listening at ${sandbox.url} (API ${sandbox.url}/api.xro/2.0)`);
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`Xero sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
