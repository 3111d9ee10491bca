/**
 * The sandbox's accountant pages in a real browser (Debian's Chromium through playwright-core): the
 * accountant finds an invoice, records a part payment, then the rest, and the invoice is PAID.
 * Screenshots go to test-results/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Invoice, PurchaseOrder, RepeatingInvoice, Schedule } from 'xero-node';
import { signInAccountant, type Accountant } from '../helpers/accountant-pages.js';
import { startSandboxHarness, type SandboxHarness } from '../helpers/sandbox-harness.js';
import { SHOTS } from './demo-server.js';

const CHROMIUM = '/usr/bin/chromium';

describe('sandbox accountant pages in a real browser', function () {
  this.timeout(120000);
  let h: SandboxHarness;
  let browser: Browser;
  let ann: Accountant;
  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium); .ci/run installs it.`);
    h = await startSandboxHarness();
    ann = await signInAccountant(h, { email: 'ann@example.com', firstName: 'Ann', lastName: 'Count' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  async function signedInPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.url}/identity/sign-in`);
    await page.getByLabel('Email address').fill('ann@example.com');
    await page.getByLabel('First name').fill('Ann');
    await page.getByLabel('Last name').fill('Count');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${h.url}/identity/my-xero`);
    return page;
  }

  it('when the accountant finds an invoice and records a part payment, then the rest, then the invoice is PAID', async () => {
    const api = ann.xero.accountingApi;
    for (const [reference, amount] of [
      ['Mooring fees', 80],
      ['Boat refit', 100],
      ['Sail repair', 45],
    ] as const) {
      await api.createInvoices(ann.tenantId, {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { name: 'Marine Systems' },
            status: Invoice.StatusEnum.AUTHORISED,
            date: '2026-11-02',
            dueDate: '2026-12-31',
            reference,
            lineItems: [{ description: `${reference} work`, quantity: 1, unitAmount: amount, accountCode: '200' }],
          },
        ],
      });
    }
    const page = await signedInPage();
    await page.getByRole('link', { name: 'Invoices of Demo Company (AU)', exact: true }).click();
    await page.getByLabel('Search').fill('boat refit');
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-invoices-list.png'), fullPage: true });
    await rows.first().getByRole('link').click();
    expect(await page.locator('h1').textContent()).to.match(/^Sales invoice INV-\d{4}$/);

    await page.getByLabel('Amount paid').fill('40');
    await page.getByLabel('Paid to').selectOption({ label: '090 Business Bank Account' });
    await page.getByLabel('Reference').fill('Deposit');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Payment recorded.').waitFor();
    expect(await page.getByText('Amount due: 70.00 AUD').count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-invoice-part-paid.png'), fullPage: true });

    expect(await page.getByLabel('Amount paid').inputValue()).to.equal('70.00');
    await page.getByLabel('Paid to').selectOption({ label: '090 Business Bank Account' });
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Payment recorded.').waitFor();
    expect(await page.locator('dd strong').first().textContent()).to.equal('Paid');
    expect(await page.getByRole('button', { name: 'Record payment' }).count()).to.equal(0);
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-invoice-paid.png'), fullPage: true });

    const invoiceId = page.url().split('/invoices/')[1]?.split('?')[0] ?? '';
    const stored = (await api.getInvoice(ann.tenantId, invoiceId)).body.invoices?.[0];
    expect(String(stored?.status)).to.equal('PAID');
    expect(stored?.amountDue).to.equal(0);
    expect(stored?.payments?.map((p) => p.amount)).to.deep.equal([40, 70]);
    await page.close();
  });

  it('when the accountant copies an order to a bill, edits a contact, credits an invoice and opens a repeating invoice, then each page shows the outcome', async () => {
    const api = ann.xero.accountingApi;
    const supplier = (await api.getContacts(ann.tenantId, undefined, 'Name=="PowerDirect"')).body.contacts?.[0]?.contactID ?? '';
    const po =
      (
        await api.createPurchaseOrders(ann.tenantId, {
          purchaseOrders: [
            {
              contact: { contactID: supplier },
              status: PurchaseOrder.StatusEnum.AUTHORISED,
              reference: 'Dock lighting',
              deliveryDate: '2026-12-10',
              lineItems: [{ description: 'LED floodlight', quantity: 4, unitAmount: 65, accountCode: '300' }],
            },
          ],
        })
      ).body.purchaseOrders?.[0]?.purchaseOrderID ?? '';
    const repeating =
      (
        await api.createRepeatingInvoices(ann.tenantId, {
          repeatingInvoices: [
            {
              type: RepeatingInvoice.TypeEnum.ACCREC,
              contact: { contactID: supplier },
              reference: 'Berth rental',
              status: RepeatingInvoice.StatusEnum.AUTHORISED,
              schedule: {
                period: 1,
                unit: Schedule.UnitEnum.MONTHLY,
                dueDate: 14,
                dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE,
                startDate: '2027-01-01',
              },
              lineItems: [{ description: 'Berth B12', quantity: 1, unitAmount: 300, accountCode: '200' }],
            },
          ],
        })
      ).body.repeatingInvoices?.[0]?.repeatingInvoiceID ?? '';
    const page = await signedInPage();
    const base = `${h.url}/app/${ann.shortCode}`;
    await page.goto(`${base}/purchase-orders/${po}`);
    expect(await page.getByRole('button', { name: 'Copy to bill' }).count()).to.equal(1);
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-purchase-order.png'), fullPage: true });
    await page.getByRole('button', { name: 'Copy to bill' }).click();
    await page.getByText('Draft bill made from the purchase order').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-bill-from-order.png'), fullPage: true });
    await page.goto(`${base}/contacts/${supplier}`);
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Email address must be valid.').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-contact-error.png'), fullPage: true });
    const invoice =
      (
        await api.createInvoices(ann.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { name: 'Marine Systems' },
              status: Invoice.StatusEnum.AUTHORISED,
              dueDate: '2026-12-31',
              reference: 'Winter storage',
              lineItems: [{ description: 'Storage', quantity: 1, unitAmount: 200, accountCode: '200' }],
            },
          ],
        })
      ).body.invoices?.[0]?.invoiceID ?? '';
    await page.goto(`${base}/invoices/${invoice}`);
    await page.getByLabel(/Amount to credit/).fill('20');
    await page.getByRole('button', { name: 'Add credit note' }).click();
    await page.getByText('Credit note added and applied to the invoice.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-credit-note.png'), fullPage: true });
    await page.getByRole('link', { name: /^INV-/ }).click();
    expect(await page.getByText('Amount due: 200.00 AUD').count()).to.equal(1);
    await page.goto(`${base}/repeating-invoices/${repeating}`);
    expect(await page.getByText('Every month').count()).to.be.greaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'sandbox-repeating-invoice.png'), fullPage: true });
    await page.close();
  });
});
