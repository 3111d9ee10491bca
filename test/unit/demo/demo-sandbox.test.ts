import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';
import { DEMO_WEBHOOKS_TO_APP, demoSandboxEnv } from '../../../src/demo/demo-sandbox.js';
import { loadSandboxConfig } from '../../../src/sandbox/sandbox-config.js';

describe('demo sandbox settings', () => {
  const config = () => loadConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'demo-sandbox-')), PORT: '4100', SANDBOX_PORT: '4101' });

  it("when the demo starts (the app has its webhook receiver), then the sandbox delivers to it signed with the app's key", () => {
    expect(DEMO_WEBHOOKS_TO_APP).to.equal(true);
    const app = config();
    expect(loadSandboxConfig(demoSandboxEnv(app, {})).webhooks).to.deep.equal({ url: 'http://localhost:4100/webhooks/xero', key: app.xero.webhookKey });
  });

  it('when the switch is off, then the sandbox sends no webhooks', () => {
    expect(loadSandboxConfig(demoSandboxEnv(config(), {}, false)).webhooks.url).to.equal(undefined);
  });

  it("when the switch is on, then deliveries go to the app's receiver signed with the app's webhook key", () => {
    const app = config();
    const sandbox = loadSandboxConfig(demoSandboxEnv(app, {}, true));
    expect(sandbox.webhooks).to.deep.equal({ url: 'http://localhost:4100/webhooks/xero', key: app.xero.webhookKey });
  });

  it('when SANDBOX_WEBHOOK_URL is given, then it wins over the switch', () => {
    expect(loadSandboxConfig(demoSandboxEnv(config(), { SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/hooks' }, true)).webhooks.url).to.equal(
      'http://127.0.0.1:9/hooks',
    );
  });
});
