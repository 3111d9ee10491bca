/**
 * The Xero defaults form as a user sees it in Chromium: choosing from dropdowns filled from the
 * settings cache, a refused archived account with its message next to the field, then saving.
 * Screenshots go to test-results/xero-defaults-*.png.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { freePort } from '../../helpers/free-port.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { refreshXeroSettings, xeroDefaultsFor } from '../../../src/xero-settings/index.js';
import { nzSettings } from '../../integration/xero-settings/in-memory-xero-settings-source.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(new URL('../../..', import.meta.url).pathname, 'test-results');

describe('Xero defaults in a real browser', function () {
  this.timeout(60000);
  let t: TestDatabase;
  let server: Server | undefined;
  let browser: Browser | undefined;

  before(() => {
    if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM}`);
    mkdirSync(SHOTS, { recursive: true });
  });

  afterEach(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await t.destroy();
  });

  it('when a user picks an archived account, then the message shows next to it; after choosing again the defaults save', async () => {
    t = await createTestDatabase('sqlite');
    const org = await createTestOrganisation(t.db, 'Kiwi Widgets Ltd');
    await refreshXeroSettings(tenantDb(t.db, org.id), nzSettings(), new Date('2026-12-01T10:00:00Z'), { full: true });
    // A saved default Xero has since archived: the page must show it and say so.
    await t.db('xero_defaults').insert({ organisation_id: org.id, sales_account_code: '205', updated_at: new Date().toISOString() });
    const signedIn = await signedInAgent(testApp(t.db), t.db, [org]);
    const port = await freePort();
    server = createServer(testApp(t.db));
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${port}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const [name, value] = signedIn.cookie.split(/=(.*)/s) as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();

    await page.goto(`${base}/settings/xero#defaults`);
    expect(await page.getByText('The default sales account 205 – Old Sales is archived in Xero').isVisible()).to.equal(true);
    await page.getByLabel('Status of new invoices').selectOption({ label: 'Awaiting approval' });
    await page.getByLabel('Default sales tax rate').selectOption({ label: '15% GST on Income (15%)' });
    await page.getByLabel('Branding theme').selectOption({ label: 'Special' });
    await page.getByLabel('Region').selectOption({ label: 'North' });
    await page.getByLabel('Days after the invoice date').fill('21');
    await page.getByRole('button', { name: 'Save defaults' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#f-sales_account_code-error').textContent()).to.equal(
      '205 – Old Sales is archived in Xero. Choose one of your active sales accounts.',
    );
    expect(await page.getByLabel('Days after the invoice date').inputValue()).to.equal('21');
    expect(await page.getByLabel('Region').inputValue()).to.equal('tc-region-North');
    await page.locator('#defaults').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'xero-defaults-error.png'), fullPage: true });

    await page.getByLabel('Default sales account').selectOption({ label: '200 – Sales' });
    await page.getByRole('button', { name: 'Save defaults' }).click();
    await page.waitForURL(/\/settings\/xero#defaults$/);
    expect(await page.getByText('Saved your Xero defaults.').isVisible()).to.equal(true);
    await page.screenshot({ path: path.join(SHOTS, 'xero-defaults-saved.png'), fullPage: true });
    const saved = await xeroDefaultsFor(tenantDb(t.db, org.id));
    expect([
      saved.invoiceStatus,
      saved.salesAccount?.value,
      saved.salesTaxRate?.value,
      saved.brandingTheme?.label,
      saved.tracking[0]?.optionName,
      saved.dueDate.days,
    ]).to.deep.equal(['SUBMITTED', '200', 'OUTPUT2', 'Special', 'North', 21]);
  });
});
