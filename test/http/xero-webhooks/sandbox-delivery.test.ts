/**
 * End to end (both dialects): the in-process sandbox, configured as demo mode does (the app's receiver URL
 * and the same key), delivers a real signed webhook after a payment made through its API; the app's
 * receiver stores it and the worker records the INVOICE event.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Invoice } from 'xero-node';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/common/logger.js';
import { createXeroWebhooks } from '../../../src/xero-webhooks/index.js';
import { salesInvoiceEventHandler } from '../../../src/xero-invoices/index.js';

const NOT_OURS = 'not an invoice Ledgerside sent';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testConfig } from '../../helpers/test-app.js';
import { defaultScopes, startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

const KEY = 'e2e-webhook-key';

describeEachDialect('xero webhooks: delivered by the sandbox', (t) => {
  let server: Server | undefined;
  let h: SandboxHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('when an invoice is paid in the sandbox, then its signed INVOICE UPDATE reaches the receiver, is stored and recorded by the INVOICE handler', async () => {
    const { db } = t.current();
    const logger = createLogger('silent');
    const webhooks = createXeroWebhooks({
      db,
      logger,
      key: KEY,
      handlers: [
        salesInvoiceEventHandler({
          gatewayFor: () => {
            throw new Error('no Xero call expected');
          },
        }),
      ],
    });
    const app = createApp({
      config: testConfig({ XERO_WEBHOOK_KEY: KEY }),
      db,
      logger,
      sessionCleanupIntervalMs: 0,
      xeroWebhooks: webhooks,
      refreshXeroSettingsOnConnect: false,
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await startSandboxHarness({ env: { SANDBOX_WEBHOOK_URL: `${appUrl}/webhooks/xero`, SANDBOX_WEBHOOK_KEY: KEY } });

    const { tenants, xero } = await h.signIn({
      email: `payer-${randomUUID().slice(0, 8)}@example.com`,
      firstName: 'Pat',
      lastName: 'Payer',
      scopes: [...defaultScopes, 'accounting.payments'],
    });
    const tenant = tenants[0]!;
    const organisationId = randomUUID();
    await db('organisations').insert({ id: organisationId, xero_tenant_id: tenant.tenantId, name: tenant.tenantName, status: 'connected' });

    const created = await xero.accountingApi.createInvoices(tenant.tenantId, {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { name: 'Webhook Cafe' },
          date: '2026-11-01',
          dueDate: '2026-11-30',
          status: Invoice.StatusEnum.AUTHORISED,
          lineItems: [{ description: 'Espresso machine service', quantity: 1, unitAmount: 100, accountCode: '200' }],
        },
      ],
    });
    const invoiceId = created.body.invoices?.[0]?.invoiceID ?? '';
    expect(invoiceId).to.not.equal('');
    await h.accountingControls?.flushWebhooks();
    const beforePayment = (await webhooks.events.recent()).filter((e) => e.resourceId === invoiceId).map((e) => e.type);

    await xero.accountingApi.createPayment(tenant.tenantId, {
      invoice: { invoiceID: invoiceId },
      account: { code: '090' },
      amount: 10,
      date: '2026-11-15',
      reference: 'Card',
    });
    await h.accountingControls?.flushWebhooks();

    const stored = (await webhooks.events.recent()).filter((e) => e.resourceId === invoiceId);
    expect(beforePayment).to.deep.equal(['CREATE']);
    expect(stored.map((e) => [e.category, e.type, e.xeroTenantId, e.status]).sort()).to.deep.equal([
      ['INVOICE', 'CREATE', tenant.tenantId, 'pending'],
      ['INVOICE', 'UPDATE', tenant.tenantId, 'pending'],
    ]);
    expect(await webhooks.worker.drain()).to.be.at.least(2);
    const handled = (await webhooks.events.recent()).filter((e) => e.resourceId === invoiceId);
    expect(handled.map((e) => [e.status, e.reason, e.organisationId])).to.deep.equal([
      ['ignored', NOT_OURS, organisationId],
      ['ignored', NOT_OURS, organisationId],
    ]);
  });
});
