/**
 * Import from Xero as a user sees it in Chromium: the page refreshing itself while a run is on page 2,
 * finishing on its own, a 503 from Xero with Resume, and the contacts list afterwards. The app runs
 * in-process on a real port against the sandbox; sign-in goes through the sandbox's pages and the
 * session cookie is handed to the browser. Screenshots go to test-results/.
 */
import { expect } from 'chai';
import path from 'node:path';
import type { XeroGateway } from '../../../src/xero/xero-gateway.js';
import { importApp, sandboxApi, type ImportApp } from '../../http/xero-import/import-app.js';
import { inProcessAppInBrowser, RESULTS as SHOTS } from '../in-process-app.js';

describe('import from Xero in a real browser', function () {
  this.timeout(120000);
  const e2e = inProcessAppInBrowser();

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
    const { h, t } = e2e;
    const ia: ImportApp = importApp(h, t.db, wrap);
    const { base, org, openPage } = await e2e.start(ia.app);
    setFaults = (f) => sandboxApi(ia, h, t.db, org.xeroTenantId, 'PUT', '/sandbox-admin/faults', f).then(() => undefined);
    await sandboxApi(ia, h, t.db, org.xeroTenantId, 'PUT', '/Contacts', {
      Contacts: Array.from({ length: 138 }, (_, i) => ({ Name: `Browser Customer ${String(i + 1).padStart(3, '0')}` })),
    });

    const page = await openPage({ width: 1280, height: 900 });

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
