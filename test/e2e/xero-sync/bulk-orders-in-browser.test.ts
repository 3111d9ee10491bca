/**
 * Bulk sends of sales orders and purchase orders as a user sees them in Chromium: the list searched so
 * that only some match, "Select all N matching" → the confirmation (how many, the contacts created on
 * the way, roughly how long) → "Send N to Xero" → the progress page updating by itself (bulk-progress.js)
 * to Finished → the list showing each sent order's Xero status, the others still Not sent. The app (its
 * worker started) runs on a real port against the sandbox; each batch call is slowed so the page is
 * seen mid-run. Screenshots: test-results/bulk-orders-*.png.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { csrfFrom, signInThroughApp } from '../../helpers/app-on-sandbox.js';
import { freePort } from '../../helpers/free-port.js';
import type { OrganisationGateway } from '../../../src/xero/xero-gateway.js';
import { alice, press, syncApp, type SyncApp } from '../../http/xero-sync/sync-app.js';
import { seedOrders } from '../../http/xero-invoices/bulk-orders.js';
import { seedPurchaseOrders } from '../../http/xero-sync/bulk-seed.js';

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = path.resolve(new URL('../../..', import.meta.url).pathname, 'test-results');
const slow = <T>(work: () => Promise<T>) => new Promise((resolve) => setTimeout(resolve, 1_500)).then(work);

describe('Bulk send of sales orders and purchase orders in a real browser', function () {
  this.timeout(180_000);
  let h: SandboxHarness;
  let t: TestDatabase;
  let sa: SyncApp | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;

  before(() => {
    if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM}`);
    mkdirSync(RESULTS, { recursive: true });
  });

  beforeEach(async () => {
    h = await startSandboxHarness();
    t = await createTestDatabase('sqlite');
  });

  afterEach(async () => {
    await browser?.close();
    await sa?.sync.engine.worker.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await h.close();
    await t.destroy();
  });

  /** The app on a real port with its worker running (batch calls slowed by `wrap`), Alice signed in, the settings read from Xero. */
  async function start(wrap: (g: OrganisationGateway) => OrganisationGateway) {
    sa = syncApp(h, t.db, { concurrency: 1, wrap });
    const port = await freePort();
    server = createServer(sa.app);
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    const base = `http://localhost:${port}`;
    const agent = request.agent(base);
    const { done } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)'] });
    const sid = (done.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]!).find((c) => c.startsWith('ledgerside'));
    expect(sid, 'session cookie after sign-in').to.be.a('string');
    await press(agent, '/settings/xero', '/settings/xero/refresh');
    const org = await t.db('organisations').where({ name: 'Demo Company (AU)' }).first();
    return { base, agent, sid: sid!, org: { id: String(org.id) } };
  }

  async function openBrowser(base: string, sid: string, width = 1366): Promise<Page> {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless'] });
    const context = await browser.newContext({ viewport: { width, height: 1000 } });
    await context.addCookies([{ name: sid.slice(0, sid.indexOf('=')), value: sid.slice(sid.indexOf('=') + 1), domain: 'localhost', path: '/' }]);
    sa!.sync.engine.worker.start();
    return context.newPage();
  }

  /** On the progress page: waits until the done count moves by itself, then until Finished. */
  async function watchToFinished(page: Page, shot: string): Promise<void> {
    for (let tries = 0; Number((await page.locator('[data-bulk="done"]').textContent())?.replace(/,/g, '')) === 0; tries++) {
      expect(tries, 'the page shows progress by itself').to.be.lessThan(150);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The percentage beside the bar moves with it.
    expect(await page.locator('[data-bulk="percentText"]').textContent()).to.match(/^[1-9]\d*% of \d+$/);
    await page.screenshot({ path: path.join(RESULTS, `${shot}-progress.png`), fullPage: true });
    await page.getByText('Finished', { exact: true }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(RESULTS, `${shot}-done.png`), fullPage: true });
  }

  /** The list's rows as { number, xero } (the Xero status column). */
  async function rows(page: Page, xeroColumn: number): Promise<Array<{ number: string; xero: string }>> {
    return page
      .locator('table tbody tr')
      .evaluateAll(
        (trs, col) => trs.map((tr) => ({ number: tr.children[1]?.textContent?.trim() ?? '', xero: tr.children[col as number]?.textContent?.trim() ?? '' })),
        xeroColumn,
      );
  }

  it('when the user searches the sales orders, selects all matching and sends them, then the progress page goes by itself to Finished and the list shows those orders’ invoices, the others Not sent', async () => {
    const { base, agent, sid, org } = await start((g) => ({ ...g, saveInvoices: (m, i, k) => slow(() => g.saveInvoices(m, i, k)) }));
    const target = { db: t.db, agent, csrf: async () => csrfFrom((await agent.get('/dashboard')).text), org };
    const north = await seedOrders(target, 'North', 70, 7);
    await seedOrders(target, 'South', 5, 1);
    const page = await openBrowser(base, sid);

    await page.goto(`${base}/sales-orders`);
    await page.getByLabel('Search sales orders').fill('north');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('link', { name: 'Select all 70 matching' }).click();
    await page.getByRole('heading', { name: 'Send 70 sales orders to Xero' }).waitFor({ timeout: 5000 });
    const confirmation = await page.locator('main').textContent();
    expect(confirmation).to.contain('70 sales orders will be sent to Xero').and.contain('7 created in Xero');
    await page.screenshot({ path: path.join(RESULTS, 'bulk-orders-confirm.png'), fullPage: true });
    await page.getByRole('button', { name: 'Send 70 to Xero' }).click();
    await page.waitForURL(/\/bulk-sends\/[0-9a-f-]{36}$/);
    await watchToFinished(page, 'bulk-orders');
    expect(await page.locator('[data-bulk="done"]').textContent()).to.equal('70');
    expect(await page.locator('[data-bulk="remaining"]').textContent()).to.equal('0');
    expect(await page.getByText('Nothing has failed.').count()).to.equal(1);

    await page.getByRole('link', { name: 'Back to sales orders' }).click();
    await page.waitForURL(`${base}/sales-orders`);
    await page.goto(`${base}/sales-orders?q=north&pageSize=100`);
    const sent = await rows(page, 6);
    expect(sent).to.have.length(70);
    const stored = await t.db('sales_orders').where({ organisation_id: org.id }).whereIn('id', north).whereNotNull('xero_invoice_id');
    expect(stored).to.have.length(70);
    expect(
      sent.filter((r) => r.xero === 'Not sent'),
      'every North order shows its invoice',
    ).to.deep.equal([]);
    await page.goto(`${base}/sales-orders?q=south`);
    expect((await rows(page, 6)).map((r) => r.xero)).to.deep.equal(Array(5).fill('Not sent'));
    await page.goto(`${base}/sales-orders/${north[0]}`);
    expect(await page.locator('main').textContent()).to.contain(String(stored.find((o) => o.id === north[0]).xero_invoice_number));
  });

  it('when the user filters the purchase orders by search, selects all matching and sends them, then the progress page goes by itself to Finished and the list shows them sent, the others Not sent', async () => {
    const { base, agent, sid, org } = await start((g) => ({ ...g, savePurchaseOrders: (m, p, k) => slow(() => g.savePurchaseOrders(m, p, k)) }));
    const mine = await seedPurchaseOrders(agent, t.db, org.id, { prefix: 'Harbour', count: 55, suppliers: 3 });
    await seedPurchaseOrders(agent, t.db, org.id, { prefix: 'Inland', count: 4, suppliers: 1 });
    const page = await openBrowser(base, sid);

    await page.goto(`${base}/purchase-orders`);
    await page.getByLabel('Search purchase orders').fill('harbour');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('link', { name: 'Select all 55 matching' }).click();
    await page.getByRole('heading', { name: 'Send 55 purchase orders to Xero' }).waitFor({ timeout: 5000 });
    expect(await page.locator('main').textContent()).to.contain('3 created in Xero');
    await page.getByRole('button', { name: 'Send 55 to Xero' }).click();
    await page.waitForURL(/\/bulk-sends\/[0-9a-f-]{36}$/);
    await watchToFinished(page, 'bulk-purchase-orders');
    expect(await page.locator('[data-bulk="done"]').textContent()).to.equal('55');

    await page.goto(`${base}/purchase-orders?q=harbour&pageSize=100`);
    const sent = await rows(page, 6);
    expect(sent).to.have.length(55);
    expect(
      sent.filter((r) => !r.xero.startsWith('Sent')),
      'every Harbour order shows it was sent',
    ).to.deep.equal([]);
    expect(await t.db('purchase_orders').where({ organisation_id: org.id }).whereIn('id', mine).whereNotNull('xero_purchase_order_id')).to.have.length(55);
    await page.goto(`${base}/purchase-orders?q=inland`);
    expect((await rows(page, 6)).map((r) => r.xero)).to.deep.equal(Array(4).fill('Not sent'));
  });
});
