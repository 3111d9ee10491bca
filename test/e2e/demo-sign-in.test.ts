/** The demo as a new user meets it: `npm start` with no settings, then Sign in with Xero in a real browser. */
import { expect } from 'chai';
import path from 'node:path';
import { SHOTS, signInToDemo, startDemo, type Demo } from './demo-server.js';

describe('demo in a real browser', function () {
  this.timeout(120000);
  let demo: Demo | undefined;
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });

  it('when a new user signs in with Xero and picks two demo organisations, then they land on the dashboard and can switch between them', async () => {
    const { base, browser } = demo!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInToDemo(page, base, ['Demo Company (AU)', 'Demo Company (UK)']);
    expect(await page.locator('h1').first().textContent()).to.contain('Demo Company (AU)');
    expect(await page.getByText('Connected 2 organisations from Xero.').count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'demo-dashboard.png'), fullPage: true });

    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Demo Company (UK)' });
    await page.getByRole('button', { name: 'Switch organisation' }).click();
    await page.waitForURL(`${base}/dashboard`);
    expect(await page.locator('h1').first().textContent()).to.contain('Demo Company (UK)');

    await page.getByRole('link', { name: 'Organisations' }).click();
    expect(await page.getByText('Connected', { exact: true }).count()).to.equal(2);
    await page.screenshot({ path: path.join(SHOTS, 'demo-organisations.png'), fullPage: true });
  });
});
