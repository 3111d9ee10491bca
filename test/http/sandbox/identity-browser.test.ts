/**
 * The authorize and My-organisations pages in a real headless Chromium (playwright-core): labelled
 * inputs, plain forms, no script. Skipped where no Chromium is installed.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

const SHOTS = path.resolve('test-results');
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

describe('sandbox identity: pages in a real browser', function () {
  this.timeout(60000);
  let h: SandboxHarness;
  let browser: Browser;
  before(async function () {
    if (chromiumPath === undefined) this.skip();
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when a person signs in, ticks two organisations and allows, then the app receives a code that xero-node redeems', async () => {
    const xero = h.xeroClient();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    let callbackUrl = '';
    await page.route(`${h.client.redirectUris[0]}**`, async (route) => {
      callbackUrl = route.request().url();
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the app' });
    });
    await page.goto(await xero.buildConsentUrl());
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-sign-in.png'), fullPage: true });
    await page.getByLabel('Email address').fill('ada@example.com');
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-consent.png'), fullPage: true });
    expect(await page.getByLabel('Demo Company (AU)').isChecked()).to.equal(true); // the first, ticked to begin with
    expect(await page.getByLabel('Demo Company (NZ)').isChecked()).to.equal(false);
    await page.getByLabel('Demo Company (AU)').uncheck();
    await page.getByLabel('Demo Company (NZ)').check();
    await page.getByLabel('Demo Company (UK)').check();
    await page.getByRole('button', { name: 'Allow access' }).click();
    await page.waitForURL(`${h.client.redirectUris[0]}**`);
    const tokenSet = await xero.apiCallback(callbackUrl);
    expect(tokenSet.claims().email).to.equal('ada@example.com');
    const tenants = await h.connections(tokenSet.access_token!);
    expect(tenants.map((t) => t.tenantName)).to.deep.equal(['Demo Company (NZ)', 'Demo Company (UK)']);

    await page.goto(`${h.url}/identity/my-xero`);
    await page.getByRole('button', { name: 'Disconnect Ledgerside from Demo Company (NZ)' }).click();
    await page.waitForURL(`${h.url}/identity/my-xero`);
    expect((await h.connections(tokenSet.access_token!)).map((t) => t.tenantName)).to.deep.equal(['Demo Company (UK)']);
    expect(errors).to.deep.equal([]); // no CSP violations or script errors
    await page.close();
  });
});
