/**
 * Import from Xero as a user sees it in Chromium: the page refreshing itself while a run is on page 2,
 * finishing on its own, a 503 from Xero with Resume, and the contacts list afterwards. The app runs
 * in-process on a real port against the sandbox; sign-in goes through the sandbox's pages and the
 * session cookie is handed to the browser. Screenshots go to test-results/.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { chromium, type Browser } from 'playwright-core';
import type { XeroGateway } from '../../../src/xero/xero-gateway.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { signInThroughApp } from '../../helpers/app-on-sandbox.js';
import { freePort } from '../../helpers/free-port.js';
import { alice, importApp, sandboxApi, type ImportApp } from '../../http/xero-import/import-app.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(new URL('../../..', import.meta.url).pathname, 'test-results');

describe('import from Xero in a real browser', function () {
  this.timeout(120000);
  let h: SandboxHarness;
  let t: TestDatabase;
  let server: Server | undefined;
  let browser: Browser | undefined;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM}`);
    mkdirSync(SHOTS, { recursive: true });
  });

  beforeEach(async () => {
    h = await startSandboxHarness();
    t = await createTestDatabase('sqlite');
  });

  afterEach(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await h.close();
    await t.destroy();
  });

  it('when a user imports 150 contacts and page 2 is slow, then the page shows progress, refreshes itself to Finished, the contacts list fills, and products import the same way', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let failNext = false;
    let setFaults: (f: Record<string, unknown>) => Promise<void> = async () => {};
    const wrap = (real: XeroGateway): XeroGateway => ({
      forOrganisation(o) {
        const org = real.forOrganisation(o);
        return {
          ...org,
          async getContactsPage(page, since) {
            if (page !== 2) return org.getContactsPage(page, since);
            if (failNext) {
              failNext = false;
              await setFaults({ failureRate: 1, failureStatus: 503 });
              return org.getContactsPage(page, since).finally(() => setFaults({}));
            }
            await gate;
            return org.getContactsPage(page, since);
          },
        };
      },
    });
    const ia: ImportApp = importApp(h, t.db, wrap);
    const port = await freePort();
    server = createServer(ia.app);
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    const base = `http://localhost:${port}`;

    const agent = request.agent(base);
    const { done } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)'] });
    const sid = (done.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]!).find((c) => c.startsWith('ledgerside'));
    expect(sid, 'session cookie after sign-in').to.be.a('string');
    const org = await t.db('organisations').where({ name: 'Demo Company (AU)' }).first();
    setFaults = (f) => sandboxApi(ia, h, t.db, org.xero_tenant_id, 'PUT', '/sandbox-admin/faults', f).then(() => undefined);
    await sandboxApi(ia, h, t.db, org.xero_tenant_id, 'PUT', '/Contacts', {
      Contacts: Array.from({ length: 138 }, (_, i) => ({ Name: `Browser Customer ${String(i + 1).padStart(3, '0')}` })),
    });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [name, value] = [sid!.slice(0, sid!.indexOf('=')), sid!.slice(sid!.indexOf('=') + 1)];
    await context.addCookies([{ name, value, domain: 'localhost', path: '/' }]);
    const page = await context.newPage();

    await page.goto(`${base}/contacts`);
    await page.screenshot({ path: path.join(SHOTS, 'xero-import-contacts-empty.png'), fullPage: true });
    await page.getByRole('link', { name: 'Import contacts from Xero' }).click();
    await page.waitForURL(`${base}/import/xero`);
    await page.getByRole('button', { name: 'Import contacts from Xero' }).click();
    await page.getByText('Reading page 2 from Xero').waitFor({ timeout: 10000 });
    expect(await page.locator('#import-contacts dd').first().textContent()).to.equal('100');
    await page.screenshot({ path: path.join(SHOTS, 'xero-import-running.png'), fullPage: true });

    release();
    // No click: the page's own meta refresh brings the finished state.
    await page.getByText('Read 2 pages from Xero').waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(SHOTS, 'xero-import-finished.png'), fullPage: true });

    failNext = true;
    await page.getByRole('button', { name: 'Import contacts from Xero' }).click();
    await page.getByText('Stopped with an error').waitFor({ timeout: 10000 });
    expect(await page.getByRole('alert').textContent()).to.contain('The Xero API is currently offline for maintenance');
    await page.screenshot({ path: path.join(SHOTS, 'xero-import-failed.png'), fullPage: true });
    await page.getByRole('button', { name: 'Resume import' }).click();
    await page.getByText('Read 2 pages from Xero').waitFor({ timeout: 10000 });

    await page.goto(`${base}/contacts`);
    expect(await page.getByText('ABC Furniture').count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'xero-import-contacts-list.png'), fullPage: true });
    expect(await t.db('contacts').where({ organisation_id: org.id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 150);

    await page.goto(`${base}/products`);
    await page.getByRole('link', { name: 'Import products from Xero' }).click();
    await page.getByRole('button', { name: 'Import products from Xero' }).click();
    await page.locator('#import-items').getByText('Read 1 page from Xero').waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(SHOTS, 'xero-import-both-finished.png'), fullPage: true });
    await page.locator('#import-items').getByRole('link', { name: 'Open products' }).click();
    expect(await page.getByText('Development work - developer onsite per day').count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'xero-import-products-list.png'), fullPage: true });
    await page.goto(`${base}/dashboard`);
    expect(await page.getByRole('link', { name: 'Import from Xero' }).count()).to.equal(1);
  });
});
