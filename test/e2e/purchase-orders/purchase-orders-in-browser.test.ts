/**
 * Issue 13 in a real browser, in the demo: a sales order in a project with lines from two suppliers;
 * "Create purchase orders" makes one purchase order per supplier; the project's money panel then shows
 * revenue, committed cost (the purchase orders), estimated cost (lines not yet ordered), gross profit and
 * margin. Screenshots: test-results/purchase-orders-create.png and purchase-orders-project-panel.png
 * (copied into src/purchase-orders/docs/ for the README).
 */
import { expect } from 'chai';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, signInToDemo, startDemo, type Demo } from '../demo-server.js';

async function addContact(page: Page, base: string, name: string, supplier: boolean): Promise<void> {
  await page.goto(`${base}/contacts/new`);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByLabel(supplier ? 'Supplier (you buy from them)' : 'Customer (you sell to them)').check();
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
}

async function addProduct(page: Page, base: string, code: string, salePrice: string, costPrice: string, supplier: string | null): Promise<void> {
  await page.goto(`${base}/products/new`);
  await page.getByRole('textbox', { name: 'Code' }).fill(code);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`${code} kit`);
  await page.getByLabel('Sale price (unit price)').fill(salePrice);
  await page.getByLabel('Sales account').selectOption({ value: '200' });
  await page.getByLabel('Sales tax rate').selectOption({ value: 'OUTPUT' });
  await page.getByLabel('Cost price (unit price)').fill(costPrice);
  await page.getByLabel('Purchases account').selectOption({ value: '310' });
  await page.getByLabel('Purchases tax rate').selectOption({ value: 'INPUT' });
  if (supplier) await page.getByLabel('Default supplier').selectOption({ label: supplier });
  await page.getByRole('button', { name: 'Add product' }).click();
  await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
}

describe('purchase orders in a real browser', function () {
  this.timeout(240000);
  let demo: Demo | undefined;
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });

  it('when purchase orders are created from a sales order, then the project panel shows committed and estimated cost, gross profit and margin', async () => {
    const { base, browser } = demo!;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInToDemo(page, base, ['Demo Company (AU)']);
    await page.goto(`${base}/settings/xero`);
    await page.getByRole('button', { name: 'Refresh from Xero' }).click();
    await page.waitForLoadState();

    await addContact(page, base, 'Harbour Cafe', false);
    await addContact(page, base, 'Pipe Supply Co', true);
    await addContact(page, base, 'Tap World', true);
    await addProduct(page, base, 'PIPE', '100', '15', 'Pipe Supply Co');
    await addProduct(page, base, 'TAP', '250', '120', 'Tap World');
    await addProduct(page, base, 'LABOUR', '90', '40', null);

    await page.goto(`${base}/projects/new`);
    await page.getByRole('textbox', { name: 'Name' }).fill('Cafe kitchen refit');
    await page.getByLabel('Customer').selectOption({ label: 'Harbour Cafe' });
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectUrl = page.url();

    // A sales order in the project: pipes and taps to buy in, and labour.
    await page.goto(`${base}/sales-orders/new`);
    await page.getByLabel('Contact').selectOption({ label: 'Harbour Cafe' });
    await page.getByLabel('Project').selectOption({ label: 'Cafe kitchen refit' });
    await page.getByLabel('Delivery address').fill('1 Harbour St, Sydney NSW 2000');
    const lines: [string, string][] = [
      ['PIPE – PIPE kit', '10'],
      ['TAP – TAP kit', '2'],
      ['LABOUR – LABOUR kit', '8'],
    ];
    for (let i = 0; i < lines.length; i += 1) {
      if (i > 0) await page.getByRole('button', { name: 'Add line' }).click();
      await page.getByLabel(`Line ${i + 1} product`).selectOption({ label: lines[i]![0] });
      await page.getByLabel(`Line ${i + 1} quantity`).fill(lines[i]![1]);
    }
    await page.getByRole('button', { name: 'Save sales order' }).click();
    await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}$/);

    // Create purchase orders: the labour line has no supplier, so it is unticked; the others keep their defaults.
    await page.getByRole('link', { name: 'Create purchase orders' }).click();
    await page.waitForURL(/\/purchase-orders\/new$/);
    expect(await page.getByLabel('Supplier for line 1').inputValue()).to.not.equal('');
    await page.getByLabel('Order line 3').uncheck();
    await page.getByLabel('Unit cost for line 2').fill('115.00');
    await page.screenshot({ path: path.join(SHOTS, 'purchase-orders-create.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create purchase orders' }).last().click();
    await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}#purchase-orders$/);
    const orderText = await page.textContent('body');
    expect(orderText).to.contain('2 purchase orders created: PO-0001 (Pipe Supply Co, 1 line), PO-0002 (Tap World, 1 line).');

    // The project: revenue 10 × 100 + 2 × 250 + 8 × 90 = 2,220.00; committed 10 × 15 + 2 × 115 = 380.00;
    // estimated (labour, not ordered) 8 × 40 = 320.00; gross profit 1,520.00; margin 68.5%.
    await page.goto(projectUrl);
    const panel = page.locator('section[aria-labelledby="project-totals-heading"]');
    const cells = (await panel.locator('td, th').allTextContents()).map((cell) => cell.trim());
    const from = cells.indexOf('2,220.00');
    expect(cells.slice(from - 1, from + 5)).to.deep.equal(['AUD', '2,220.00', '380.00', '320.00', '1,520.00', '68.5%']);
    expect(await page.getByRole('link', { name: 'PO-0002' }).count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'purchase-orders-project-panel.png'), fullPage: true });
  });
});
