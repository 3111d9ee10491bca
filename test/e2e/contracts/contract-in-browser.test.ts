/**
 * Contracts in a real browser, in the demo: a sales order → "Create contract" → activate → "Generate
 * contract" (the PDF downloads and its text names the customer and the services) → the Contracts
 * overview with its chart → Send to Xero (the contract shows its repeating invoice in Xero, with the
 * PDF attached, and Open in Xero). Screenshots: test-results/contracts-*.png (and a page of the PDF
 * when poppler's pdftoppm is installed).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHOTS, signInToDemo, startDemo, type Demo } from '../demo-server.js';

const has = (tool: string): boolean => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('contracts in a real browser', function () {
  this.timeout(240000);
  let demo: Demo | undefined;
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    await demo?.stop();
  });

  it('when a sales order becomes a contract, is generated and sent to Xero, then the PDF names the customer and services, the overview charts it and the contract shows its repeating invoice in Xero', async () => {
    const { base, browser } = demo!;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInToDemo(page, base, ['Demo Company (AU)']);
    await page.goto(`${base}/settings/xero`);
    await page.getByRole('button', { name: 'Refresh from Xero' }).click();
    await page.waitForLoadState();
    await page.goto(`${base}/import/xero`);
    await page.getByRole('button', { name: 'Import contacts from Xero' }).click();
    await page
      .locator('#import-contacts')
      .getByText(/Read 1 page from Xero/)
      .waitFor({ timeout: 30000 });

    // A sales order with two services.
    await page.goto(`${base}/sales-orders/new`);
    await page.getByLabel('Contact').selectOption({ label: 'ABC Furniture' });
    await page.getByRole('textbox', { name: 'Reference' }).fill('Managed IT support');
    await page.getByLabel('Line 1 description').fill('Managed support, per month');
    await page.getByLabel('Line 1 quantity').fill('1');
    await page.getByLabel('Line 1 unit price').fill('1,200.00');
    await page.getByLabel('Line 1 account').selectOption({ value: '200' });
    await page.getByLabel('Line 1 tax rate').selectOption({ value: 'OUTPUT' });
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('Line 2 description').fill('Cloud backup, 500 GB');
    await page.getByLabel('Line 2 quantity').fill('2');
    await page.getByLabel('Line 2 unit price').fill('85.00');
    await page.getByLabel('Line 2 account').selectOption({ value: '200' });
    await page.getByLabel('Line 2 tax rate').selectOption({ value: 'OUTPUT' });
    await page.getByRole('button', { name: 'Save sales order' }).click();
    await page.waitForURL(/\/sales-orders\/[0-9a-f-]{36}$/);

    // Create contract → a draft with the order's customer and lines; activate it.
    await page.getByRole('button', { name: 'Create contract' }).click();
    await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
    const contractText = (await page.textContent('body')) ?? '';
    expect(contractText).to.contain('Contract CT-0001').and.to.contain('ABC Furniture').and.to.contain('Cloud backup, 500 GB');
    // 1,370.00 a month → ACV 16,440.00.
    expect(contractText).to.contain('AUD 16,440.00');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);

    // Generate contract → the PDF is listed and downloads; its text names the customer and the services.
    await page.getByRole('button', { name: 'Generate contract' }).click();
    await page.getByRole('link', { name: 'CT-0001 contract v1.pdf', exact: true }).waitFor();
    const contractUrl = page.url().replace(/#.*$/, '');
    const href = await page.getByRole('link', { name: 'CT-0001 contract v1.pdf', exact: true }).getAttribute('href');
    const download = await page.request.get(`${base}${href ?? ''}`);
    expect(download.status()).to.equal(200);
    expect(download.headers()['cache-control']).to.equal('no-store');
    const pdf = Buffer.from(await download.body());
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    if (has('pdftotext')) {
      const dir = mkdtempSync(path.join(tmpdir(), 'contract-e2e-'));
      try {
        const file = path.join(dir, 'contract.pdf');
        writeFileSync(file, pdf);
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        expect(text).to.contain('ABC Furniture').and.to.contain('Managed support, per month').and.to.contain('Cloud backup, 500 GB');
        if (has('pdftoppm'))
          execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, 'contracts-pdf-page-1')]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    // The overview: active ACV and GP, and the chart of GP by customer.
    await page.goto(`${base}/contracts/overview`);
    const figures = (await page.locator('section[aria-labelledby="figures-heading"] td').allTextContents()).map((cell) => cell.trim());
    expect(figures.slice(0, 3)).to.deep.equal(['AUD', '1', '16,440.00']);
    expect(await page.locator('svg[role="img"] rect').count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'contracts-overview.png'), fullPage: true });

    // Send to Xero → a repeating invoice in the sandbox, the contract PDF attached; the page shows it.
    await page.goto(contractUrl);
    await page.setInputFiles('#f-file', { name: 'service-levels.txt', mimeType: 'text/plain', buffer: Buffer.from('Response within 4 business hours.\n') });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('link', { name: 'service-levels.txt', exact: true }).waitFor();
    await page.locator('#xero-panel').getByLabel('Attach “service-levels.txt”').check();
    await page.locator('#xero-panel').getByRole('button', { name: 'Send to Xero' }).click();
    await page.waitForURL(contractUrl);
    const panel = page.locator('#xero-panel');
    // The send runs in the server's worker: wait until it is done (the page stops polling) and the PDF is attached.
    const attached = panel.locator('dd', { hasText: 'CT-0001 contract v1.pdf' });
    for (let i = 0; i < 60 && ((await panel.locator('[data-sync-poll]').count()) > 0 || (await attached.count()) === 0); i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(await attached.count(), 'the contract PDF is attached in Xero').to.equal(1);
    expect(await attached.textContent()).to.contain('service-levels.txt');
    const panelText = (await panel.textContent()) ?? '';
    expect(panelText).to.contain('Xero repeating invoice').and.to.contain('Open in Xero').and.to.contain('Next scheduled invoice').and.to.contain('Done');
    expect(panelText).to.match(/Sent \d+ \w+ \d{4}/);
    const xeroHref = (await panel.getByRole('link', { name: 'Open in Xero' }).first().getAttribute('href')) ?? '';
    expect(decodeURIComponent(xeroHref)).to.contain('/RepeatTransactions/Edit.aspx?invoiceID=');
    await page.screenshot({ path: path.join(SHOTS, 'contracts-contract.png'), fullPage: true });
  });
});
