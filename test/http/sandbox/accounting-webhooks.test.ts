import { expect } from 'chai';
import { Invoice } from 'xero-node';
import { startAccounting, type Fixture } from './accounting-fixture.js';
import { KEY, startReceiver, type WebhookReceiver } from './webhook-receiver.js';

describe('sandbox accounting: webhooks', () => {
  let f: Fixture;
  let receiver: WebhookReceiver;
  afterEach(async () => {
    await f.close();
    await receiver.close();
  });

  it('when a contact and an invoice are created, then signed CREATE events arrive with sequence numbers and entropy', async () => {
    receiver = await startReceiver((valid) => (valid ? 200 : 401));
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY });
    const contact = await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Hooked Ltd' }] });
    const contactId = contact.body.contacts?.[0]?.contactID;
    const invoice = await f.xero.accountingApi.createInvoices(f.tenantId, {
      invoices: [
        { type: Invoice.TypeEnum.ACCREC, contact: { contactID: contactId }, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '200' }] },
      ],
    });
    await f.router.accounting.webhooks.flush();
    const events = receiver.deliveries.flatMap((d) => d.body.events);
    expect(events.map((e) => [e['eventCategory'], e['eventType'], e['resourceId']])).to.deep.equal([
      ['CONTACT', 'CREATE', contactId],
      ['INVOICE', 'CREATE', invoice.body.invoices?.[0]?.invoiceID],
    ]);
    expect(events[0]).to.include({ tenantId: f.tenantId, tenantType: 'ORGANISATION', resourceUrl: `${f.apiBase}/Contacts/${String(contactId)}` });
    expect(String(events[0]?.['eventDateUtc'])).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
    const first = receiver.deliveries[0]?.body;
    expect(first?.firstEventSequence).to.equal(1);
    expect(receiver.deliveries.at(-1)?.body.lastEventSequence).to.equal(2);
    expect(first?.entropy).to.match(/^[0-9A-F]{20}$/);
    expect(receiver.deliveries.every((d) => d.signatureValid)).to.equal(true);
  });

  it('when the receiver fails twice, then the delivery is retried with back-off until it succeeds', async () => {
    receiver = await startReceiver((_valid, n) => (n <= 2 ? 500 : 200));
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY, extra: { webhookOptions: { retryBaseMs: 20 } } });
    await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Retry Ltd' }] });
    await f.router.accounting.webhooks.flush();
    expect(receiver.attempts()).to.equal(3);
    expect(receiver.deliveries).to.have.length(1);
    expect(f.router.accounting.webhooks.status()).to.include({ delivered: 1, failedAttempts: 2, pending: 0 });
  });

  it('when the receiver is slow, then the API response does not wait for the delivery', async () => {
    // The receiver holds every delivery until the test lets go: an API call that waited for its
    // webhook would never answer (and the test would time out).
    let letGo: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    receiver = await startReceiver(async () => {
      await held;
      return 200;
    });
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY });
    const created = await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Slow Hook Ltd' }] });
    expect(created.body.contacts?.[0]?.name).to.equal('Slow Hook Ltd');
    expect(receiver.deliveries).to.have.length(0);
    letGo();
    await f.router.accounting.webhooks.flush();
    expect(receiver.deliveries).to.have.length(1);
  });

  it('when the intent-to-receive check runs against a correct receiver, then it passes; against one that accepts anything, it fails', async () => {
    receiver = await startReceiver((valid) => (valid ? 200 : 401));
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY });
    const good = await f.call('POST', '/sandbox-admin/webhooks/intent-to-receive');
    expect(good.json).to.include({ passed: true });
    await receiver.close();
    receiver = await startReceiver(() => 200);
    await f.close();
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY });
    const bad = await f.call('POST', '/sandbox-admin/webhooks/intent-to-receive');
    const report = bad.json as { passed: boolean; checks: { correctlySigned: boolean; status: number; passed: boolean }[] };
    expect(report.passed).to.equal(false);
    expect(report.checks.filter((c) => !c.correctlySigned).every((c) => c.status === 200 && !c.passed)).to.equal(true);
  });

  it('when no webhook URL is set, then changes are not delivered and the intent check says so', async () => {
    receiver = await startReceiver(() => 200);
    f = await startAccounting();
    await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Quiet Ltd' }] });
    await f.router.accounting.webhooks.flush();
    expect(receiver.attempts()).to.equal(0);
    expect((await f.call('POST', '/sandbox-admin/webhooks/intent-to-receive')).status).to.equal(409);
  });
});
