/**
 * The demo as `npm start` runs it (app + sandbox, fresh SQLite data folder, free ports) and Debian's
 * Chromium driven by playwright-core, for browser tests. Screenshots go to test-results/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '../helpers/free-port.js';

export const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
export const SHOTS = path.join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';

export interface Demo {
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

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

export async function startDemo(): Promise<Demo> {
  if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium); .ci/run installs it.`);
  const port = await freePort();
  const sandboxPort = await freePort();
  const base = `http://localhost:${port}`;
  let out = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ls-e2e-')), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  await waitForHealth(`${base}/healthz`, server, () => out);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    base,
    browser,
    async stop() {
      await browser.close();
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    },
  };
}

/** Signs in through the sandbox's pages, ticking the given demo organisations. */
export async function signInToDemo(page: Page, base: string, organisations: string[], who = { email: 'dana@example.com', first: 'Dana', last: 'Demo' }): Promise<void> {
  await page.goto(base);
  await page.getByRole('button', { name: 'Sign in with Xero' }).click();
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('First name').fill(who.first);
  await page.getByLabel('Last name').fill(who.last);
  await page.getByRole('button', { name: /sign in/i }).first().click();
  for (const name of organisations) await page.getByLabel(name).check();
  await page.getByRole('button', { name: /allow/i }).click();
  await page.waitForURL(`${base}/dashboard`);
}
