/**
 * Sending to Xero as a user sees it in Chromium: Send to Xero on a contact's page, the page updating by
 * itself (sync-status.js) to Xero's refusal with Retry and Cancel, the Sync log, Retry after the fix
 * → Done with Open in Xero, and Cancel. The app (its worker started) runs on a real port against the
 * sandbox. Screenshots go to test-results/.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { chromium, type Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { signInThroughApp } from '../../helpers/app-on-sandbox.js';
import { freePort } from '../../helpers/free-port.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { alice, syncApp, type SyncApp } from '../../http/xero-sync/sync-app.js';

// Record ids are UUIDs (any other id is a 404 before a query); DROPPED sorts before REFUSED.
const DROPPED = 'd0000000-0000-4000-8000-000000000001';
const REFUSED = 'e0000000-0000-4000-8000-000000000002';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(new URL('../../..', import.meta.url).pathname, 'test-results');

describe('Send to Xero and the sync log in a real browser', function () {
  this.timeout(120000);
  let h: SandboxHarness;
  let t: TestDatabase;
  let sa: SyncApp | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM}`);
    mkdirSync(SHOTS, { recursive: true });
  });

  beforeEach(async () => {
    h = await startSandboxHarness();
    t = await createTestDatabase('sqlite');
  });

  afterEach(async () => {
    await browser?.close();
    await sa?.sync.engine.worker.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await h.close();
    await t.destroy();
  });

  it("when Xero refuses a contact, then the page shows Xero's message by itself; Retry after the fix sends it, Cancel drops another", async () => {
    sa = syncApp(h, t.db);
    const port = await freePort();
    server = createServer(sa.app);
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    const base = `http://localhost:${port}`;
    const agent = request.agent(base);
    const { done } = await signInThroughApp(agent, h, { ...alice, organisations: ['Demo Company (AU)'] });
    const sid = (done.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]!).find((c) => c.startsWith('ledgerside'));
    expect(sid, 'session cookie after sign-in').to.be.a('string');
    const org = await t.db('organisations').where({ name: 'Demo Company (AU)' }).first();
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

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.addCookies([{ name: sid!.slice(0, sid!.indexOf('=')), value: sid!.slice(sid!.indexOf('=') + 1), domain: 'localhost', path: '/' }]);
    const page = await context.newPage();

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
