/**
 * Issue 5's whole sales cycle, in the demo, in a real browser: Xero settings and contacts come in from
 * "Xero" (the sandbox), then a project, a quote with a line priced from the organisation's own
 * accounts and tax rates, accepted, turned into a sales order in the project, whose totals show.
 */
import { expect } from 'chai';
import path from 'node:path';
import { SHOTS, signInToDemo, startDemo, type Demo } from './demo-server.js';

describe('the sales cycle in a real browser', function () {
  this.timeout(180000);
  let demo: Demo | undefined;
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });

  it('when a user imports from Xero, quotes a customer, accepts it and makes a sales order in a project, then the project shows the revenue', async () => {
    const { base, browser } = demo!;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInToDemo(page, base, ['Demo Company (AU)']);

    // Xero settings, so line forms offer the organisation's own accounts and tax rates.
    await page.goto(`${base}/settings/xero`);
    await page.getByRole('button', { name: 'Refresh from Xero' }).click();
    await page.waitForLoadState();
    expect(await page.textContent('body')).to.contain('Accounts');

    // Contacts from Xero.
    await page.goto(`${base}/import/xero`);
    await page.getByRole('button', { name: 'Import contacts from Xero' }).click();
    await page
      .locator('#import-contacts')
      .getByText(/Read 1 page from Xero/)
      .waitFor({ timeout: 30000 });
    await page.goto(`${base}/contacts`);
    expect(await page.getByText('ABC Furniture').count()).to.equal(1);

    // A project for the customer.
    await page.goto(`${base}/projects/new`);
    await page.getByRole('textbox', { name: 'Name' }).fill('Showroom fit-out');
    await page.getByLabel('Customer').selectOption({ label: 'ABC Furniture' });
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectUrl = page.url();

    // A quote with one line, using the organisation's Sales account and GST.
    await page.goto(`${base}/quotes/new`);
    await page.getByLabel('Contact').selectOption({ label: 'ABC Furniture' });
    await page.getByLabel('Line 1 description').fill('Display shelving, installed');
    await page.getByLabel('Line 1 quantity').fill('3');
    await page.getByLabel('Line 1 unit price').fill('1,250.00');
    await page.getByLabel('Line 1 account').selectOption({ value: '200' });
    await page.getByLabel('Line 1 tax rate').selectOption({ value: 'OUTPUT' });
    await page.screenshot({ path: path.join(SHOTS, 'sales-cycle-quote-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save quote' }).click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    const quoteText = await page.textContent('body');
    expect(quoteText).to.contain('3,750.00');
    expect(quoteText).to.contain('4,125.00');

    // Accepted, then one click to a sales order.
    await page.getByRole('button', { name: 'Mark as accepted' }).click();
    await page.getByRole('button', { name: 'Create sales order' }).click();
    await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    expect(await page.textContent('body')).to.contain('Display shelving, installed');

    // Into the project.
    await page.getByRole('link', { name: 'Edit' }).first().click();
    await page.getByLabel('Project').selectOption({ label: 'Showroom fit-out' });
    await page.getByRole('button', { name: 'Save sales order' }).click();
    await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    await page.screenshot({ path: path.join(SHOTS, 'sales-cycle-sales-order.png'), fullPage: true });

    await page.goto(projectUrl);
    const projectText = await page.textContent('body');
    expect(projectText).to.match(/SO-\d{4}/);
    expect(projectText).to.contain('3,750.00');
    await page.screenshot({ path: path.join(SHOTS, 'sales-cycle-project.png'), fullPage: true });
  });
});
