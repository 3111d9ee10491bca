/**
 * Issue 16's "Done when", in a real browser (Debian's Chromium through playwright-core) on the demo:
 * at 1366 px and at 390 px every main page fits its width (no sideways scroll) and no table cell is
 * wider than its column (scrollWidth against clientWidth); axe-core finds no serious or critical
 * accessibility violation on any of them; the line editor's amounts and totals follow the quantity
 * with JavaScript on, and the same form saves with JavaScript off. The pages include an accepted quote
 * with its project picker, a sales order's Cancel order confirmation and a contact with notes in its
 * timeline. Screenshots for the README go to test-results/look-*.png (copied into src/http/docs/ by hand).
 */
import { expect } from 'chai';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, signInToDemo, startDemo, type Demo } from '../demo-server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WIDTHS = [1366, 390] as const;

interface Fit {
  scrollWidth: number;
  clientWidth: number;
  overflowingCells: string[];
}

/** The page's width against the viewport's, and every table cell whose content is wider than the cell. */
async function measureFit(page: Page): Promise<Fit> {
  // A string: the test project has no DOM types, the browser runs it.
  return (await page.evaluate(`(() => {
    const doc = document.documentElement;
    const overflowingCells = [...document.querySelectorAll('td, th')]
      .filter((cell) => cell.offsetParent !== null && cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.tagName + ' "' + (cell.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '" ' + cell.scrollWidth + '>' + cell.clientWidth);
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, overflowingCells };
  })()`)) as Fit;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })()`)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('look and feel in a real browser (1366 px and 390 px, axe-core)', function () {
  this.timeout(600000);
  let demo: Demo | undefined;
  let browser: Browser;
  let base: string;
  let page: Page;
  const pages: string[] = [];

  before(async () => {
    demo = await startDemo();
    ({ base, browser } = demo);
    // bypassCSP lets the test inject axe-core; the app's own pages never run inline script.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    await signInToDemo(page, base, ['Demo Company (AU)']);

    // Contacts and products from "Xero", so lists and forms have real rows.
    await page.goto(`${base}/import/xero`);
    await page.getByRole('button', { name: 'Import contacts from Xero' }).click();
    await page
      .locator('#import-contacts')
      .getByText(/Read 1 page from Xero/)
      .waitFor({ timeout: 60000 });
    // The organisation's accounts and tax rates load by themselves after connecting.
    for (let i = 0; i < 60; i++) {
      await page.goto(`${base}/quotes/new`);
      if ((await page.locator('select[name="lines[0][accountCode]"] option[value="200"]').count()) > 0) break;
      await page.waitForTimeout(500);
    }
  });
  after(async () => {
    await demo?.stop();
  });

  it('when quantities change with JavaScript on, then the line amount and totals follow, and the saved quote has the same figures', async () => {
    await page.goto(`${base}/quotes/new`);
    await page.locator('select[name="contactId"]').selectOption({ label: 'ABC Furniture' });
    await page.getByLabel('Line 1 description').fill('Oak desk, assembled');
    await page.getByLabel('Line 1 unit price').fill('412.3333');
    await page.getByLabel('Line 1 account').selectOption({ value: '200' });
    await page.getByLabel('Line 1 tax rate').selectOption({ value: 'OUTPUT' });
    await page.getByLabel('Line 1 quantity').fill('3');
    const amount = page.locator('[data-line-amount]').first();
    expect(await amount.textContent()).to.equal('1,237.00');
    expect(await page.locator('[data-subtotal]').textContent()).to.equal('1,237.00');
    expect(await page.locator('[data-total-tax]').textContent()).to.equal('123.70');
    expect(await page.locator('[data-total]').textContent()).to.equal('1,360.70');
    await page.getByLabel('Line 1 quantity').fill('2');
    expect(await amount.textContent()).to.equal('824.67');
    expect(await page.locator('[data-total]').textContent()).to.equal('907.14');
    await page.getByLabel('Line 1 discount %').fill('10');
    expect(await amount.textContent()).to.equal('742.20');
    await page.screenshot({ path: path.join(SHOTS, 'look-quote-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save quote' }).click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    const text = await page.textContent('main');
    expect(text).to.contain('742.20');
    expect(text).to.contain('816.42');
    pages.push(new URL(page.url()).pathname);
  });

  it('when JavaScript is off, then Add line, Move line and Save still work and the quote is saved with the server’s totals', async () => {
    const state = await page.context().storageState();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, javaScriptEnabled: false, storageState: state });
    const noJs = await context.newPage();
    await noJs.goto(`${base}/quotes/new`);
    await noJs.locator('select[name="contactId"]').selectOption({ label: 'ABC Furniture' });
    await noJs.getByLabel('Line 1 description').fill('Site visit');
    await noJs.getByLabel('Line 1 quantity').fill('2');
    await noJs.getByLabel('Line 1 unit price').fill('95.55');
    await noJs.getByLabel('Line 1 account').selectOption({ value: '200' });
    await noJs.getByLabel('Line 1 tax rate').selectOption({ value: 'OUTPUT' });
    await noJs.getByRole('button', { name: 'Add line' }).click();
    expect(await noJs.textContent('form.document-form')).to.contain('Leave blank for QU-0002');
    await noJs.getByLabel('Line 2 description').fill('Design time');
    await noJs.getByLabel('Line 2 quantity').fill('1.5');
    await noJs.getByLabel('Line 2 unit price').fill('120');
    await noJs.getByLabel('Line 2 account').selectOption({ value: '200' });
    await noJs.getByLabel('Line 2 tax rate').selectOption({ value: 'OUTPUT' });
    await noJs.getByRole('button', { name: 'Move line 2 up' }).click();
    expect(await noJs.getByLabel('Line 1 description').inputValue()).to.equal('Design time');
    expect(await noJs.locator('[data-line-amount]').nth(1).textContent()).to.equal('191.10');
    await noJs.getByRole('button', { name: 'Save quote' }).click();
    await noJs.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    const text = await noJs.textContent('main');
    expect(text).to.contain('QU-0002');
    expect(text).to.contain('371.10');
    expect(text).to.contain('408.21');
    await context.close();
  });

  it('when every main page is opened at 1366 px and 390 px, then none scrolls sideways, no cell overflows its column, and axe finds nothing serious', async () => {
    const problems: string[] = [];
    const check = async (width: number, path_: string) => {
      const fit = await measureFit(page);
      if (fit.scrollWidth > fit.clientWidth) problems.push(`${width} px ${path_}: page is ${fit.scrollWidth} px wide`);
      for (const cell of fit.overflowingCells) problems.push(`${width} px ${path_}: ${cell}`);
      for (const violation of await seriousViolations(page)) problems.push(`${width} px ${path_}: ${violation}`);
    };
    // An accepted quote: its next action, Create sales order in a chosen project, at the top (README picture).
    await page.goto(`${base}${pages[0]}`);
    await page.getByRole('button', { name: 'Mark as accepted' }).click();
    await page.getByLabel('Project').waitFor();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}${pages[0]}`);
      await check(width, `${pages[0]} (accepted, with its project picker)`);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${base}${pages[0]}`);
    await page.screenshot({ path: path.join(SHOTS, 'look-quote.png'), fullPage: true });
    // A sales order from it, its Cancel order confirmation, a project, and the records' own pages.
    await page.getByRole('button', { name: 'Create sales order' }).click();
    await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    pages.push(new URL(page.url()).pathname);
    pages.push(`${new URL(page.url()).pathname}/status?to=cancelled`);
    await page.goto(`${base}/projects/new`);
    await page.getByRole('textbox', { name: 'Name' }).fill('Showroom fit-out');
    await page.getByLabel('Customer').selectOption({ label: 'ABC Furniture' });
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    pages.push(new URL(page.url()).pathname);
    await page.goto(`${base}/contacts?q=ABC`);
    await page.getByRole('link', { name: 'ABC Furniture' }).first().click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    const contactPath = new URL(page.url()).pathname;
    pages.push(contactPath);
    // Its notes timeline, with two notes (newest first).
    for (const note of [
      'Called Trish about the showroom desks. Wants them before the 15th.\nSend the revised quote on Monday.',
      'Site visit booked for Friday, 10 am.',
    ]) {
      await page.getByLabel('New note').fill(note);
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.waitForURL(/#notes$/);
    }
    expect(await page.locator('#notes .timeline-body').allTextContents()).to.deep.equal([
      'Site visit booked for Friday, 10 am.',
      'Called Trish about the showroom desks. Wants them before the 15th.\nSend the revised quote on Monday.',
    ]);

    const main = [
      '/dashboard',
      '/contacts',
      '/contacts/new',
      '/products',
      '/products/new',
      '/quotes',
      '/quotes/new',
      '/sales-orders',
      '/sales-orders/new',
      '/projects',
      '/projects/new',
      '/settings/xero',
      '/import/xero',
      '/sync-log',
      '/organisations',
      '/search?q=abc',
      ...pages,
    ];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const path_ of main) {
        await page.goto(`${base}${path_}`);
        await check(width, path_);
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);

    // README pictures: the dashboard, a contact, and the phone layout.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${base}/dashboard`);
    await page.screenshot({ path: path.join(SHOTS, 'look-dashboard.png'), fullPage: true });
    await page.goto(`${base}${contactPath}`);
    await page.screenshot({ path: path.join(SHOTS, 'look-contact.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}${pages[0]}/edit`);
    await page.screenshot({ path: path.join(SHOTS, 'look-phone-quote-form.png'), fullPage: true });
    await page.goto(`${base}/dashboard`);
    await page.getByText('Menu', { exact: true }).click();
    await page.screenshot({ path: path.join(SHOTS, 'look-phone-menu.png') });
  });
});
