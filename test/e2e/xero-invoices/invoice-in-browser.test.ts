/**
 * Issue 12 in a real browser, in the demo (`npm start`'s app and sandbox, the sandbox's webhooks wired
 * to the app): quote → accepted → sales order → Send to Xero → the invoice awaits payment; the
 * accountant records the payment on the sandbox's own invoice page (reached by the order's Open in
 * Xero), and the order's page, left alone, shows Paid by itself (views/assets/document-state.js).
 * Screenshots: test-results/xero-invoice-awaiting-payment.png and xero-invoice-paid.png (copied into
 * src/xero-invoices/docs/ for the README).
 */
import { expect } from 'chai';
import path from 'node:path';
import { SHOTS, signInToDemo, startDemo, type Demo } from '../demo-server.js';

describe('sales order → Xero invoice in a real browser', function () {
  this.timeout(240000);
  let demo: Demo | undefined;
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });

  it('when a sales order made from a quote is sent to Xero and paid there, then its page shows Paid without a manual reload', async () => {
    const { base, browser } = demo!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInToDemo(page, base, ['Demo Company (AU)']);

    // The organisation's settings, and new invoices approved (awaiting payment) rather than drafts.
    await page.goto(`${base}/settings/xero`);
    await page.getByRole('button', { name: 'Refresh from Xero' }).click();
    await page.waitForLoadState();
    await page.getByLabel('Status of new invoices').selectOption({ label: 'Awaiting payment' });
    await page.getByLabel('Default sales account').selectOption({ value: '200' });
    await page.getByLabel('Default sales tax rate').selectOption({ value: 'OUTPUT' });
    await page.getByRole('button', { name: 'Save defaults' }).click();
    await page.getByText('Saved your Xero defaults.').waitFor();

    await page.goto(`${base}/contacts/new`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Harbour Cafe');
    await page.getByLabel('Customer (you sell to them)').check();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);

    // A quote, accepted, then one click to a sales order.
    await page.goto(`${base}/quotes/new`);
    await page.getByLabel('Contact').selectOption({ label: 'Harbour Cafe' });
    await page.getByLabel('Reference').fill('Kitchen refit');
    await page.getByLabel('Line 1 description').fill('Commercial dishwasher, installed');
    await page.getByLabel('Line 1 quantity').fill('1');
    await page.getByLabel('Line 1 unit price').fill('4,850.00');
    await page.getByLabel('Line 1 account').selectOption({ value: '200' });
    await page.getByLabel('Line 1 tax rate').selectOption({ value: 'OUTPUT' });
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('Line 2 description').fill('Plumbing labour');
    await page.getByLabel('Line 2 quantity').fill('6.5');
    await page.getByLabel('Line 2 unit price').fill('95.00');
    await page.getByLabel('Line 2 account').selectOption({ value: '200' });
    await page.getByLabel('Line 2 tax rate').selectOption({ value: 'OUTPUT' });
    await page.getByRole('button', { name: 'Save quote' }).click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Mark as accepted' }).click();
    await page.getByRole('button', { name: 'Create sales order' }).click();
    await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    const orderUrl = page.url();
    // 4,850.00 + 6.5 × 95.00 = 5,467.50, GST 546.75: 6,014.25.
    expect(await page.locator('dl.totals').textContent()).to.match(/Total AUD\s*6,014\.25/);

    // Send to Xero: the page follows the send by itself and then shows the invoice awaiting payment.
    await page.getByRole('button', { name: 'Send to Xero' }).click();
    const heading = page.locator('#xero-document-heading');
    await heading.filter({ hasText: /^Xero invoice INV-\d{4}$/ }).waitFor({ timeout: 30000 });
    const status = page.locator('[data-xero-status]');
    expect(await status.textContent()).to.equal('Awaiting payment');
    const panel = page.locator('#xero-panel');
    const details = async () => (await panel.locator('dt, dd').allTextContents()).map((t) => t.trim().replace(/\s+/g, ' '));
    expect(await details()).to.include.members(['Total', 'AUD 6,014.25', 'Amount due', 'Amount paid', 'AUD 0.00']);
    expect(await panel.getByText('No payments yet.').count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'xero-invoice-awaiting-payment.png'), fullPage: true });

    // The accountant pays it in "Xero": the order's Open in Xero link, in another tab of the same browser.
    const xeroHref = await panel.getByRole('link', { name: 'Open in Xero' }).first().getAttribute('href');
    expect(xeroHref).to.be.a('string');
    const xero = await context.newPage();
    await xero.goto(xeroHref!);
    await xero
      .locator('h1')
      .filter({ hasText: /^Sales invoice INV-\d{4}$/ })
      .waitFor();
    expect(await xero.getByLabel('Amount paid').inputValue()).to.equal('6014.25');
    await xero.getByLabel('Paid to').selectOption({ label: '090 Business Bank Account' });
    await xero.getByLabel('Reference', { exact: true }).fill('EFT 88412');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    const paidAt = Date.now();
    await xero.getByRole('button', { name: 'Record payment' }).click();
    await xero.getByText('Payment recorded.').waitFor();

    // Back on the order's tab, untouched: the webhook reaches the app, and the page reloads itself.
    await status.filter({ hasText: /^Paid$/ }).waitFor({ timeout: 20000 });
    const seconds = (Date.now() - paidAt) / 1000;
    expect(navigations.every((url) => url === orderUrl)).to.equal(true);
    expect(await details()).to.include.members(['Amount paid', 'AUD 6,014.25', 'Amount due', 'AUD 0.00', 'Fully paid on']);
    const payments = (await panel.locator('table').first().locator('tbody td').allTextContents()).map((t) => t.trim());
    expect(payments.slice(1)).to.deep.equal(['AUD 6,014.25', 'EFT 88412']);
    await page.screenshot({ path: path.join(SHOTS, 'xero-invoice-paid.png'), fullPage: true });
    console.log(`      paid in the sandbox → Paid on the order page: ${seconds.toFixed(1)} s`);

    // The sales orders list says so too.
    await page.goto(`${base}/sales-orders?invoice=paid`);
    expect(await page.locator('tbody tr').count()).to.equal(1);
    await context.close();
  });
});
