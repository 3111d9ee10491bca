import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootOnFreePorts, runServer, stopServer } from '../helpers/boot-server.js';

describe('server boot', function () {
  this.timeout(60000);

  it('when production mode lacks SESSION_SECRET, then boot stops with one line naming it', async () => {
    const run = runServer({
      NODE_ENV: 'production',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ls-boot-')),
      XERO_CLIENT_ID: 'id',
      XERO_CLIENT_SECRET: 'secret',
      XERO_REDIRECT_URI: 'https://crm.example/auth/xero/callback',
      XERO_WEBHOOK_KEY: 'key',
      TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32),
    });
    const code = await run.exited;
    expect(code).to.equal(1);
    expect(run.output().trim()).to.equal('Configuration error: SESSION_SECRET is required when NODE_ENV=production');
  });

  it('when started with no settings at all, then it migrates its SQLite database and serves the sign-in page and /healthz', async () => {
    const { run, port } = await bootOnFreePorts({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ls-boot-')) });
    try {
      expect(run.output()).to.contain('database migrated');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).to.equal(200);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).to.equal(200);
      expect(await home.text()).to.contain('Sign in with Xero');
    } finally {
      await stopServer(run);
    }
  });
});
