/**
 * A bulk send as a user sees it in Chromium: the contacts list searched, ticking rows counts them on the
 * button (bulk-select.js), "Select all N matching" → the confirmation → "Send N to Xero" → the progress
 * page updating by itself (bulk-progress.js) to Finished, with the one record Xero refused and its
 * message. The app (its worker started) runs on a real port against the sandbox; each batch call is
 * slowed so the page is seen mid-run. Screenshots: test-results/bulk-*.png (copied into src/xero-sync/docs/ for the README).
 */
import { expect } from 'chai';
import path from 'node:path';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { syncApp } from '../../http/xero-sync/sync-app.js';
import { inProcessAppInBrowser, RESULTS as DOCS } from '../in-process-app.js';

describe('Bulk send to Xero in a real browser', function () {
  this.timeout(120000);
  const e2e = inProcessAppInBrowser();

  it('when the user selects all matching contacts and sends them, then the progress page goes by itself to Finished with the refused one and Xero’s message', async () => {
    const { t } = e2e;
    const sa = syncApp(e2e.h, t.db, {
      concurrency: 1,
      wrap: (g) => ({
        ...g,
        saveContacts: async (mode, contacts, key) => {
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          return g.saveContacts(mode, contacts, key);
        },
      }),
    });
    const { base, org, openPage } = await e2e.start(sa.app, () => sa.sync.engine.worker.stop());
    const tdb = tenantDb(t.db, String(org.id));
    const now = new Date().toISOString();
    const rows = [];
    for (let i = 1; i <= 130; i++) {
      const name = `Wholesale ${String(i).padStart(3, '0')} Ltd`;
      rows.push({
        id: `w-${i}`,
        kind: 'company',
        name,
        name_key: name.toLowerCase(),
        email: i === 42 ? 'accounts at wholesale' : `accounts${i}@wholesale.example`,
        is_customer: true,
        is_supplier: false,
        created_at: now,
        updated_at: now,
      });
    }
    rows.push({
      id: 'other',
      kind: 'company',
      name: 'Retail Corner',
      name_key: 'retail corner',
      is_customer: true,
      is_supplier: false,
      created_at: now,
      updated_at: now,
    });
    await tdb.insert('contacts', rows);
    sa.sync.engine.worker.start();

    const page = await openPage();

    await page.goto(`${base}/contacts`);
    await page.getByLabel('Search name or email').fill('wholesale');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Select Wholesale 001 Ltd').check();
    await page.getByLabel('Select Wholesale 002 Ltd').check();
    await page.getByRole('button', { name: 'Send 2 to Xero' }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: path.join(DOCS, 'bulk-select.png') });

    await page.getByRole('link', { name: 'Select all 130 matching' }).click();
    await page.getByRole('heading', { name: 'Send 130 contacts to Xero' }).waitFor({ timeout: 5000 });
    expect(await page.locator('main, body').first().textContent())
      .to.contain('130 created in Xero')
      .and.contain('about 9 calls');
    await page.getByRole('button', { name: 'Send 130 to Xero' }).click();
    await page.waitForURL(/\/bulk-sends\/[0-9a-f-]{36}$/);
    // Mid-run: the figures update by themselves.
    for (let tries = 0; Number((await page.locator('[data-bulk="done"]').textContent())?.replace(/,/g, '')) === 0; tries++) {
      expect(tries, 'the page shows progress by itself').to.be.lessThan(100);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await page.screenshot({ path: path.join(DOCS, 'bulk-progress.png'), fullPage: true });

    await page.getByText('Finished', { exact: true }).waitFor({ timeout: 30000 });
    const text = await page.locator('body').textContent();
    expect(text).to.contain('Email address must be valid.').and.contain('Wholesale 042 Ltd');
    expect(await page.locator('[data-bulk="done"]').textContent()).to.equal('129');
    expect(await page.getByRole('button', { name: 'Retry failed' }).count()).to.equal(1);
    await page.screenshot({ path: path.join(DOCS, 'bulk-progress-done.png'), fullPage: true });
    const ops = await t.db('xero_sync_operations').whereNotNull('run_id');
    expect(ops).to.have.length(130);
    expect(ops.filter((o) => o.status === 'done')).to.have.length(129);
  });
});
