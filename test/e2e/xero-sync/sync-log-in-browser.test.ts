/**
 * Sending to Xero as a user sees it in Chromium: Send to Xero on a contact's page, the page updating by
 * itself (sync-status.js) to Xero's refusal with Retry and Cancel, the Sync log, Retry after the fix
 * → Done with Open in Xero, and Cancel. The app (its worker started) runs on a real port against the
 * sandbox. Screenshots go to test-results/.
 */
import { expect } from 'chai';
import path from 'node:path';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { syncApp } from '../../http/xero-sync/sync-app.js';
import { inProcessAppInBrowser, RESULTS as SHOTS } from '../in-process-app.js';

// Record ids are UUIDs (any other id is a 404 before a query); DROPPED sorts before REFUSED.
const DROPPED = 'd0000000-0000-4000-8000-000000000001';
const REFUSED = 'e0000000-0000-4000-8000-000000000002';

describe('Send to Xero and the sync log in a real browser', function () {
  this.timeout(120000);
  const e2e = inProcessAppInBrowser();

  it("when Xero refuses a contact, then the page shows Xero's message by itself; Retry after the fix sends it, Cancel drops another", async () => {
    const { t } = e2e;
    const sa = syncApp(e2e.h, t.db);
    const { base, org, openPage } = await e2e.start(sa.app, () => sa.sync.engine.worker.stop());
    const tdb = tenantDb(t.db, String(org.id));
    // Two contacts whose email Xero refuses (written directly: the contact form would not accept them).
    const now = new Date().toISOString();
    for (const [id, name] of [
      [REFUSED, 'Refused Robotics'],
      [DROPPED, 'Dropped Drapery'],
    ]) {
      await tdb.insert('contacts', {
        id,
        kind: 'company',
        name,
        name_key: name!.toLowerCase(),
        email: 'accounts at example',
        is_customer: true,
        is_supplier: false,
        created_at: now,
        updated_at: now,
      });
    }
    sa.sync.engine.worker.start();

    const page = await openPage();

    await page.goto(`${base}/contacts/${REFUSED}`);
    await page.getByRole('button', { name: 'Send to Xero' }).click();
    // No reload by the test: the page's poll brings Xero's answer.
    await page.locator('#xero-panel').getByText('Email address must be valid.').waitFor({ timeout: 15000 });
    expect(await page.locator('#xero-panel').textContent())
      .to.contain('Failed')
      .and.contain('Correct Email in Ledgerside');
    await page.screenshot({ path: path.join(SHOTS, 'xero-sync-contact-refused.png'), fullPage: true });

    await page.goto(`${base}/contacts/${DROPPED}`);
    await page.getByRole('button', { name: 'Send to Xero' }).click();
    await page.locator('#xero-panel').getByText('Email address must be valid.').waitFor({ timeout: 15000 });

    await page.getByRole('link', { name: 'Sync log', exact: true }).click();
    await page.waitForURL(`${base}/sync-log`);
    expect(await page.locator('tbody tr').count()).to.equal(2);
    await page.screenshot({ path: path.join(SHOTS, 'xero-sync-log-failed.png'), fullPage: true });

    // The user corrects the email, then presses Retry in the sync log.
    await tdb.update('contacts', { id: REFUSED }, { email: 'accounts@robotics.example', updated_at: new Date().toISOString() });
    await page.getByRole('button', { name: 'Retry sending Refused Robotics' }).click();
    await page
      .locator('#operation-' + String((await t.db('xero_sync_operations').where({ record_id: REFUSED }).first()).id))
      .getByText('Done')
      .waitFor({ timeout: 15000 });
    expect(await page.getByRole('link', { name: 'Open in Xero' }).count()).to.equal(1);

    await page.getByRole('button', { name: 'Cancel sending Dropped Drapery' }).click();
    await page.getByText('Cancelled', { exact: true }).waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(SHOTS, 'xero-sync-log.png'), fullPage: true });
    const ops = await t.db('xero_sync_operations').orderBy('record_id');
    expect(ops.map((o) => [o.record_id, o.status])).to.deep.equal([
      [DROPPED, 'cancelled'],
      [REFUSED, 'done'],
    ]);

    await page.selectOption('#sync-state', 'failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No sends match these filters.').waitFor({ timeout: 5000 });

    await page.goto(`${base}/contacts/${REFUSED}`);
    expect(await page.locator('#xero-panel').textContent())
      .to.contain('In Xero')
      .and.contain('Open in Xero');
    await page.screenshot({ path: path.join(SHOTS, 'xero-sync-contact-panel.png'), fullPage: true });
  });
});
