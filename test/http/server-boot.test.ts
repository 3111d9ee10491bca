import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/free-port.js';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

function runServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(url: string, deadlineMs: number): Promise<Response> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('server boot', function () {
  this.timeout(60000);

  it('when production mode lacks SESSION_SECRET, then boot stops with one line naming it', async () => {
    const run = runServer({
      NODE_ENV: 'production', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ls-boot-')),
      XERO_CLIENT_ID: 'id', XERO_CLIENT_SECRET: 'secret', XERO_REDIRECT_URI: 'https://crm.example/auth/xero/callback',
      XERO_WEBHOOK_KEY: 'key', TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32),
    });
    const code = await run.exited;
    expect(code).to.equal(1);
    expect(run.output().trim()).to.equal('Configuration error: SESSION_SECRET is required when NODE_ENV=production');
  });

  it('when started with no settings at all, then it migrates its SQLite database and serves the sign-in page and /healthz', async () => {
    const port = await freePort();
    const sandboxPort = await freePort();
    const run = runServer({ PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ls-boot-')), LOG_LEVEL: 'warn' });
    try {
      const health = await waitFor(`http://127.0.0.1:${port}/healthz`, 30000);
      expect(health.status).to.equal(200);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).to.equal(200);
      expect(await home.text()).to.contain('Sign in with Xero');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });
});
