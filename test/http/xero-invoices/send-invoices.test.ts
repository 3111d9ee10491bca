import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { gstLine } from '../../fixtures/documents.js';
import { createOrder, editOrder, pressOnOrder, refreshSettings, startInvoiceApp, type InvoiceApp } from './invoice-app.js';

const orderRow = (a: InvoiceApp, id: string) => a.db('sales_orders').where({ organisation_id: a.org.id, id }).first();

/** Alice records a payment on the invoice in the sandbox's own pages (as an accountant would in Xero). */
async function payInXero(a: InvoiceApp, invoiceId: string, amount: string, reference: string) {
  const base = `/app/${a.org.shortCode}`;
  a.h.clock.advance(1000); // the sandbox's clock is a manual one: each change at its own time, as in Xero
  await a.xeroPages.get(`${base}/invoices/${invoiceId}`);
  const res = await a.xeroPages.post(`${base}/invoices/${invoiceId}/payments`, { date: '2026-11-25', amount, accountCode: '090', reference });
  expect(res.status, res.text.slice(0, 500)).to.equal(303);
}

async function xeroAction(a: InvoiceApp, invoiceId: string, action: 'approve' | 'void' | 'delete') {
  const base = `/app/${a.org.shortCode}`;
  a.h.clock.advance(1000);
  await a.xeroPages.get(`${base}/invoices/${invoiceId}`);
  const res = await a.xeroPages.post(`${base}/invoices/${invoiceId}/${action}`);
  expect(res.status, res.text.slice(0, 500)).to.equal(303);
}

describeEachDialect('Sales orders → Xero invoices against the sandbox', (ctx) => {
  let a: InvoiceApp | undefined;
  afterEach(async () => {
    await a?.close();
    a = undefined;
  });

  it('when an order is sent, changed and sent again, then Xero has one invoice with the new lines, the same number and the unchanged line kept', async () => {
    a = await startInvoiceApp(ctx.current().db);
    await refreshSettings(a);
    const lines = [
      gstLine({ description: 'Design' }),
      gstLine({ description: 'Build', quantity: '3', unitPrice: '99.99' }),
      gstLine({ description: 'Travel', unitPrice: '45.50' }),
    ];
    const { id, contactId } = await createOrder(a, 'Bluebird Cafe', lines, { reference: 'PO 4471' });
    const sent = await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    expect(sent.status).to.equal(303);
    expect((await a.agent.get(`/sales-orders/${id}`)).text).to.contain('data-sync-poll=');
    await a.settle();

    const row = await orderRow(a, id);
    const first = await a.invoice(String(row.xero_invoice_id));
    expect(String(first.type)).to.equal('ACCREC');
    expect(first.reference).to.equal(`${row.number} / PO 4471`);
    expect(first.url).to.match(new RegExp(`/sales-orders/${id}$`));
    expect(first.lineItems?.map((l) => l.description)).to.deep.equal(['Design', 'Build', 'Travel']);
    // The totals Xero computed equal the order's, to the cent.
    expect([Math.round((first.subTotal ?? 0) * 100), Math.round((first.totalTax ?? 0) * 100), Math.round((first.total ?? 0) * 100)]).to.deep.equal([
      Number(row.sub_total),
      Number(row.total_tax),
      Number(row.total),
    ]);
    const page = await a.agent.get(`/sales-orders/${id}`);
    expect(page.text)
      .to.contain(`Xero invoice ${first.invoiceNumber}`)
      .and.contain('Draft')
      .and.contain('Open in Xero')
      .and.contain('Download PDF')
      .and.contain('Refresh from Xero');
    expect(page.text).to.match(/Sent \d+ \w+ \d{4}, \d{1,2}:\d\d [ap]m UTC</);

    const ids = first.lineItems!.map((l) => l.lineItemID);
    await editOrder(a, id, contactId, [gstLine({ description: 'Design' }), gstLine({ description: 'Build', quantity: '4', unitPrice: '99.99' })], {
      reference: 'PO 4471',
    });
    expect((await a.agent.get(`/sales-orders/${id}`)).text).to.contain('; changed since');
    await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    await a.settle();

    const again = await a.invoice(String(row.xero_invoice_id));
    expect(again.invoiceNumber).to.equal(first.invoiceNumber);
    expect(again.lineItems?.map((l) => [l.description, l.quantity, l.lineItemID])).to.deep.equal([
      ['Design', 2, ids[0]],
      ['Build', 4, ids[1]],
    ]);
    const after = await orderRow(a, id);
    expect(Math.round((again.total ?? 0) * 100)).to.equal(Number(after.total));
    const invoices = await a.db('xero_sync_operations').where({ organisation_id: a.org.id, record_kind: 'sales_order' }).orderBy('created_at');
    expect(invoices.map((o: { outcome: string }) => o.outcome)).to.deep.equal(['created', 'updated']);
    expect((await a.agent.get(`/sales-orders/${id}`)).text).not.to.contain('; changed since');

    // Sending an unchanged order again costs no invoice call.
    const before = a.sa.calls.get('updateInvoice') ?? 0;
    await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    await a.settle();
    expect(a.sa.calls.get('updateInvoice') ?? 0).to.equal(before);
    expect((await a.agent.get(`/sales-orders/${id}`)).text).to.contain('nothing sent');
  });

  it('when the invoice is paid in part then in full in Xero, then the order shows both payments and Paid by webhook, and refuses to change its lines', async () => {
    a = await startInvoiceApp(ctx.current().db);
    await refreshSettings(a);
    const { id, contactId } = await createOrder(a, 'Kookaburra Kitchens', [gstLine({ quantity: '1', unitPrice: '100.00' })]);
    await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    await a.settle();
    const invoiceId = String((await orderRow(a, id)).xero_invoice_id);
    await xeroAction(a, invoiceId, 'approve');
    await a.settle();
    let page = await a.agent.get(`/sales-orders/${id}`);
    expect(page.text).to.contain('Awaiting payment').and.contain('data-document-state=');

    await payInXero(a, invoiceId, '40.00', 'Deposit');
    await a.settle();
    page = await a.agent.get(`/sales-orders/${id}`);
    expect(page.text).to.contain('Awaiting payment').and.contain('AUD 40.00').and.contain('AUD 70.00').and.contain('Deposit');

    // A change now: nothing is sent, and the order says why in plain words.
    await editOrder(a, id, contactId, [gstLine({ quantity: '2', unitPrice: '100.00' })]);
    const updates = a.sa.calls.get('updateInvoice') ?? 0;
    await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    await a.settle();
    expect(a.sa.calls.get('updateInvoice') ?? 0).to.equal(updates);
    page = await a.agent.get(`/sales-orders/${id}`);
    expect(page.text)
      .to.contain('This invoice has payments in Xero, so its lines can’t be changed from here.')
      .and.contain('Change it in Xero, or raise a credit note.');
    expect((await a.invoice(invoiceId)).lineItems?.map((l) => l.quantity)).to.deep.equal([1]);

    await payInXero(a, invoiceId, '70.00', 'Balance');
    await a.settle();
    page = await a.agent.get(`/sales-orders/${id}`);
    expect(page.text).to.contain('>Paid<').and.contain('Deposit').and.contain('Balance').and.contain('Fully paid on');
    expect(page.text).not.to.contain('data-document-state=');
    const row = await orderRow(a, id);
    expect([row.xero_invoice_status, Number(row.xero_amount_paid), Number(row.xero_amount_due)]).to.deep.equal(['PAID', 11000, 0]);
    // The events were handled once each, however often they arrive.
    const handled = await a.db('xero_webhook_events').where({ organisation_id: a.org.id, status: 'handled' });
    expect(handled.length).to.be.greaterThan(0);
  });

  it('when the invoice is voided in Xero, then the order shows Voided and offers Create a new invoice, which makes a second invoice', async () => {
    a = await startInvoiceApp(ctx.current().db);
    await refreshSettings(a);
    const { id } = await createOrder(a, 'Platypus Print');
    await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    await a.settle();
    const invoiceId = String((await orderRow(a, id)).xero_invoice_id);
    await xeroAction(a, invoiceId, 'approve');
    await xeroAction(a, invoiceId, 'void');
    await a.settle();
    const page = await a.agent.get(`/sales-orders/${id}`);
    expect(page.text).to.contain('Voided').and.contain('This invoice was voided in Xero, so it can’t be changed.').and.contain('Create a new invoice');
    const res = await pressOnOrder(a, id, `/sales-orders/${id}/new-invoice`);
    expect(res.status).to.equal(303);
    await a.settle();
    const row = await orderRow(a, id);
    expect(row.xero_invoice_id).to.be.a('string').and.not.equal(invoiceId);
    expect(String((await a.invoice(invoiceId)).status)).to.equal('VOIDED');
    expect(String((await a.invoice(String(row.xero_invoice_id))).status)).to.equal('DRAFT');
  });

  it('when webhooks are off, then the safety-net poll catches a payment, and Refresh from Xero reads it too', async () => {
    a = await startInvoiceApp(ctx.current().db, { webhooksToApp: false });
    await refreshSettings(a);
    const { id } = await createOrder(a, 'Quokka Quarry', [gstLine({ quantity: '1', unitPrice: '50.00' })]);
    await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    await a.settle();
    const invoiceId = String((await orderRow(a, id)).xero_invoice_id);
    await xeroAction(a, invoiceId, 'approve');
    await payInXero(a, invoiceId, '55.00', 'Full');
    await a.settle();
    expect((await orderRow(a, id)).xero_invoice_status).to.equal('DRAFT');

    const { sentDocumentsPoll } = await import('../../../src/xero-sync/index.js');
    const { salesInvoicesPollKind } = await import('../../../src/xero-invoices/index.js');
    const { createLogger } = await import('../../../src/common/logger.js');
    const poll = sentDocumentsPoll({
      db: a.db,
      logger: createLogger('silent'),
      gatewayFor: (o) => a!.sa.xero.gateway.forOrganisation(o),
      kinds: [salesInvoicesPollKind],
    });
    const [result] = await poll.pollNow(a.org.id);
    expect(result).to.include({ updated: 1 });
    expect((await orderRow(a, id)).xero_invoice_status).to.equal('PAID');
    // Nothing changed since: the next poll finds nothing to update.
    const [next] = await poll.pollNow(a.org.id);
    expect(next?.updated).to.equal(0);

    await a.db('sales_orders').where({ organisation_id: a.org.id, id }).update({ xero_invoice_status: 'AUTHORISED', xero_updated_at: null });
    const refreshed = await pressOnOrder(a, id, `/sales-orders/${id}/refresh-from-xero`);
    expect(refreshed.status).to.equal(303);
    expect((await a.agent.get(`/sales-orders/${id}`)).text).to.contain('Refreshed from Xero: Paid.');
  });

  it('when the PDF is asked for, then Xero’s own PDF is streamed through the app', async () => {
    a = await startInvoiceApp(ctx.current().db);
    await refreshSettings(a);
    const { id } = await createOrder(a, 'Echidna Engineering');
    await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`);
    await a.settle();
    const res = await a.agent
      .get(`/sales-orders/${id}/invoice.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
  });
});
