/**
 * The demo as a new user meets it: `npm start` with no settings (app + sandbox), then Sign in with Xero
 * in a real browser (Debian's Chromium driven by playwright-core). Screenshots go to test-results/.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../helpers/free-port.js';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results');

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const end = Date.now() + 45000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`server did not come up:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('demo in a real browser', function () {
  this.timeout(120000);
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let base = '';

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium); .ci/run installs it.`);
    const port = await freePort();
    const sandboxPort = await freePort();
    base = `http://localhost:${port}`;
    let out = '';
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ls-e2e-')), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    server.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    await waitForHealth(`${base}/healthz`, server, () => out);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server?.once('exit', r));
    }
  });

  it('when a new user signs in with Xero and picks two demo organisations, then they land on the dashboard and can switch between them', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base);
    await page.getByRole('button', { name: 'Sign in with Xero' }).click();
    await page.getByLabel('Email').fill('dana@example.com');
    await page.getByLabel('First name').fill('Dana');
    await page.getByLabel('Last name').fill('Demo');
    await page.getByRole('button', { name: /sign in/i }).first().click();
    await page.getByLabel('Demo Company (AU)').check();
    await page.getByLabel('Demo Company (UK)').check();
    await page.getByRole('button', { name: /allow/i }).click();
    await page.waitForURL(`${base}/dashboard`);
    expect(await page.locator('h1').textContent()).to.equal('Demo Company (AU)');
    expect(await page.getByText('Connected 2 organisations from Xero.').count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'demo-dashboard.png'), fullPage: true });

    await page.getByLabel('Organisation').selectOption({ label: 'Demo Company (UK)' });
    await page.getByRole('button', { name: 'Switch organisation' }).click();
    await page.waitForURL(`${base}/dashboard`);
    expect(await page.locator('h1').textContent()).to.equal('Demo Company (UK)');

    await page.getByRole('link', { name: 'Organisations' }).click();
    expect(await page.getByText('Connected', { exact: true }).count()).to.equal(2);
    await page.screenshot({ path: path.join(SHOTS, 'demo-organisations.png'), fullPage: true });
  });
});
