/**
 * The in-process app on a real loopback port against a fresh sandbox and SQLite database, with Alice
 * signed in to Demo Company (AU) through the sandbox's pages and her session handed to Debian's
 * Chromium: the setup the sync-log, bulk-send and import browser tests share (the demo-based ones use
 * demo-server.ts). Call `inProcessAppInBrowser()` inside a describe: it registers the hooks that make a
 * fresh sandbox and database before each test and close everything after it. Screenshots go to RESULTS.
 */
import { expect } from 'chai';
import { createServer, type RequestListener, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../helpers/sandbox-harness.js';
import { signInThroughApp } from '../helpers/app-on-sandbox.js';
import { freePort } from '../helpers/free-port.js';

const CHROMIUM = '/usr/bin/chromium';
export const RESULTS = path.resolve(new URL('../..', import.meta.url).pathname, 'test-results');
const ALICE = { email: 'alice@example.com', firstName: 'Alice', lastName: 'Accountant', organisations: ['Demo Company (AU)'] };

export interface SignedInApp {
  base: string;
  /** Alice's signed-in agent (supertest) for what the test does outside the browser. */
  agent: ReturnType<typeof request.agent>;
  /** Demo Company (AU)'s organisations row. */
  org: { id: string; xeroTenantId: string };
  /** A page in Chromium (one browser per test) carrying Alice's session. */
  openPage(viewport?: { width: number; height: number }): Promise<Page>;
}

export interface InProcessAppInBrowser {
  /** This test's sandbox and database (fresh before each test). */
  readonly h: SandboxHarness;
  readonly t: TestDatabase;
  /** Serves `app`, signs Alice in; `stop` (e.g. a worker's) runs first when the test ends. */
  start(app: RequestListener, stop?: () => Promise<void>): Promise<SignedInApp>;
}

export function inProcessAppInBrowser(): InProcessAppInBrowser {
  let h: SandboxHarness | undefined;
  let t: TestDatabase | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let stopApp: (() => Promise<void>) | undefined;

  before(() => {
    if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium); .ci/run installs it.`);
    mkdirSync(RESULTS, { recursive: true });
  });

  beforeEach(async () => {
    h = await startSandboxHarness();
    t = await createTestDatabase('sqlite');
  });

  afterEach(async () => {
    await browser?.close();
    await stopApp?.();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await h?.close();
    await t?.destroy();
    [server, browser, stopApp, h, t] = [undefined, undefined, undefined, undefined, undefined];
  });

  const current = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is made before each test: use it inside a test`);
    return value;
  };

  return {
    get h() {
      return current(h, 'The sandbox');
    },
    get t() {
      return current(t, 'The database');
    },
    async start(app, stop) {
      stopApp = stop;
      const port = await freePort();
      server = createServer(app);
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      const base = `http://localhost:${port}`;
      const agent = request.agent(base);
      const { done } = await signInThroughApp(agent, current(h, 'The sandbox'), ALICE);
      const sid = (done.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]!).find((c) => c.startsWith('ledgerside'));
      expect(sid, 'session cookie after sign-in').to.be.a('string');
      const row = await current(t, 'The database').db('organisations').where({ name: 'Demo Company (AU)' }).first();
      return {
        base,
        agent,
        org: { id: String(row.id), xeroTenantId: String(row.xero_tenant_id) },
        async openPage(viewport = { width: 1280, height: 1000 }) {
          browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless'] });
          const context = await browser.newContext({ viewport });
          await context.addCookies([{ name: sid!.slice(0, sid!.indexOf('=')), value: sid!.slice(sid!.indexOf('=') + 1), domain: 'localhost', path: '/' }]);
          return context.newPage();
        },
      };
    },
  };
}
