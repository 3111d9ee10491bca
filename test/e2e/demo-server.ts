/**
 * The demo as `npm start` runs it (app + sandbox, fresh SQLite data folder, free ports) and Debian's
 * Chromium driven by playwright-core, for browser tests. Screenshots go to test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bootOnFreePorts, ROOT as REPO_ROOT, stopServer } from '../helpers/boot-server.js';

export const ROOT = REPO_ROOT;
export const SHOTS = path.join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';

export interface Demo {
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium); .ci/run installs it.`);
  const { run, port } = await bootOnFreePorts({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ls-e2e-')) });
  const base = `http://localhost:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    base,
    browser,
    async stop() {
      await browser.close();
      await stopServer(run);
    },
  };
}

/** Signs in through the sandbox's pages, ticking the given demo organisations. */
export async function signInToDemo(
  page: Page,
  base: string,
  organisations: string[],
  who = { email: 'dana@example.com', first: 'Dana', last: 'Demo' },
): Promise<void> {
  await page.goto(base);
  await page.getByRole('button', { name: 'Sign in with Xero' }).click();
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('First name').fill(who.first);
  await page.getByLabel('Last name').fill(who.last);
  await page
    .getByRole('button', { name: /sign in/i })
    .first()
    .click();
  // The consent page ticks the first organisation to begin with, as Xero does: leave exactly the given ones ticked.
  for (const box of await page.locator('input[type="checkbox"][name="tenantId"]').all()) {
    const label = (await page.locator(`label[for="${await box.getAttribute('id')}"]`).textContent())?.trim() ?? '';
    if (organisations.includes(label)) await box.check();
    else await box.uncheck();
  }
  await page.getByRole('button', { name: /allow/i }).click();
  await page.waitForURL(`${base}/dashboard`);
}
