/** `npm run sandbox`: the only reader of process.env on the sandbox side. */
import { startSandbox } from './index.js';
import { loadSandboxConfig } from './sandbox-config.js';

try {
  const sandbox = await startSandbox(loadSandboxConfig(process.env));
  console.log(`Xero sandbox listening at ${sandbox.url} (issuer ${sandbox.url}, API ${sandbox.url}/api.xro/2.0)`);
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
