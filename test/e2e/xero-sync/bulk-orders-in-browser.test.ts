/**
 * Bulk sends of sales orders and purchase orders as a user sees them in Chromium: the list searched so
 * that only some match, "Select all N matching" → the confirmation (how many, the contacts created on
 * the way, roughly how long) → "Send N to Xero" → the progress page updating by itself (bulk-progress.js)
 * to Finished → the list showing each sent order's Xero status, the others still Not sent. The app (its
 * worker started) runs on a real port against the sandbox; each batch call is slowed so the page is
 * seen mid-run. Screenshots: test-results/bulk-orders-*.png.
 */
import { expect } from 'chai';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { csrfFrom } from '../../helpers/app-on-sandbox.js';
import type { OrganisationGateway } from '../../../src/xero/xero-gateway.js';
import { press, syncApp, type SyncApp } from '../../http/xero-sync/sync-app.js';
import { seedOrders } from '../../http/xero-invoices/bulk-orders.js';
import { seedPurchaseOrders } from '../../http/xero-sync/bulk-seed.js';
import { inProcessAppInBrowser, RESULTS } from '../in-process-app.js';

const slow = <T>(work: () => Promise<T>) => new Promise((resolve) => setTimeout(resolve, 1_500)).then(work);

describe('Bulk send of sales orders and purchase orders in a real browser', function () {
  this.timeout(180_000);
  const e2e = inProcessAppInBrowser();
  let sa: SyncApp | undefined;

  /** The app on a real port with its worker running (batch calls slowed by `wrap`), Alice signed in, the settings read from Xero. */
  async function start(wrap: (g: OrganisationGateway) => OrganisationGateway) {
    const app = syncApp(e2e.h, e2e.t.db, { concurrency: 1, wrap });
    sa = app;
    const signedIn = await e2e.start(app.app, () => app.sync.engine.worker.stop());
    await press(signedIn.agent, '/settings/xero', '/settings/xero/refresh');
    return signedIn;
  }

  async function openBrowser(openPage: (viewport: { width: number; height: number }) => Promise<Page>, width = 1366): Promise<Page> {
    const page = await openPage({ width, height: 1000 });
    sa!.sync.engine.worker.start();
    return page;
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
    const { base, agent, openPage, org } = await start((g) => ({ ...g, saveInvoices: (m, i, k) => slow(() => g.saveInvoices(m, i, k)) }));
    const target = { db: e2e.t.db, agent, csrf: async () => csrfFrom((await agent.get('/dashboard')).text), org };
    const north = await seedOrders(target, 'North', 70, 7);
    await seedOrders(target, 'South', 5, 1);
    const page = await openBrowser(openPage);

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
    const stored = await e2e.t.db('sales_orders').where({ organisation_id: org.id }).whereIn('id', north).whereNotNull('xero_invoice_id');
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
    const { base, agent, openPage, org } = await start((g) => ({ ...g, savePurchaseOrders: (m, p, k) => slow(() => g.savePurchaseOrders(m, p, k)) }));
    const mine = await seedPurchaseOrders(agent, e2e.t.db, org.id, { prefix: 'Harbour', count: 55, suppliers: 3 });
    await seedPurchaseOrders(agent, e2e.t.db, org.id, { prefix: 'Inland', count: 4, suppliers: 1 });
    const page = await openBrowser(openPage);

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
    expect(await e2e.t.db('purchase_orders').where({ organisation_id: org.id }).whereIn('id', mine).whereNotNull('xero_purchase_order_id')).to.have.length(55);
    await page.goto(`${base}/purchase-orders?q=inland`);
    expect((await rows(page, 6)).map((r) => r.xero)).to.deep.equal(Array(4).fill('Not sent'));
  });
});
