import { expect } from 'chai';
import nock from 'nock';
import { describeEachDialect } from '../../helpers/test-db.js';
import { asHtml } from '../../helpers/refusals.js';
import { gstLine } from '../../fixtures/documents.js';
import { API_PATH, nockInvoiceApp, XERO_ORIGIN, type NockInvoiceApp } from './nock-invoice-app.js';
import { INVOICE_ID, linkedCustomer, savedInvoice, wireHeader } from './invoice-xero-calls.js';

const backoff = { maxAttempts: 3, baseMs: 10_000, maxMs: 60_000 };

/** An order of a linked customer, one line; Xero's contact steps expected (read and update once). */
async function orderToSend(a: NockInvoiceApp) {
  const customer = await linkedCustomer(a);
  const id = await a.createOrder(customer.contactId, [gstLine({ description: 'Design' })]);
  customer.expectContactSteps();
  const body = {
    Invoices: [
      {
        ...wireHeader(id),
        LineItems: [{ Description: 'Design', Quantity: 2, UnitAmount: 100, AccountCode: '200', TaxType: 'OUTPUT' }],
        Status: 'AUTHORISED',
      },
    ],
  };
  return { id, contactId: customer.contactId, body };
}

/** The order, sent once and linked to INVOICE_ID (answered by nock). */
async function sentOrder(a: NockInvoiceApp) {
  const order = await orderToSend(a);
  nock(XERO_ORIGIN).put(`${API_PATH}/Invoices`, order.body).query(true).reply(200, savedInvoice(1));
  await a.send(order.id);
  expect((await a.lastOperation(order.id)).status).to.equal('done');
  return order;
}

const page = async (a: NockInvoiceApp, id: string) => (await a.signedIn.agent.get(`/sales-orders/${id}`)).text;
const syncLog = async (a: NockInvoiceApp) => (await a.signedIn.agent.get('/sync-log?kind=sales_order')).text;
const orderRow = (a: NockInvoiceApp, id: string) => a.db('sales_orders').where({ organisation_id: a.org.id, id }).first();
/** A retry after a create that got no invoice back first looks for one by the order's Reference (here: none). */
const lookupFindsNone = () =>
  nock(XERO_ORIGIN)
    .get(`${API_PATH}/Invoices`)
    .query((q) => q.where === 'Type=="ACCREC" AND Reference.StartsWith("SO-0001")')
    .reply(200, { Invoices: [] });
const messagesOf = (op: Record<string, unknown>): unknown => JSON.parse(String(op.xero_messages ?? '[]'));

/** Each message in the page's list of Xero's messages, as Xero wrote it (HTML-escaped, quoted). */
function expectXeroMessagesShown(html: string, messages: string[]) {
  const list = /<ul class="xero-messages" aria-label="Xero's messages">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  const shown = [...list.matchAll(/<li>“([\s\S]*?)”<\/li>/g)].map((m) => m[1]);
  expect(shown).to.deep.equal(messages.map(asHtml));
}

describeEachDialect('Sales order → Xero invoice: each refusal Xero can give', (ctx) => {
  afterEach(() => nock.cleanAll());

  it("when Xero answers 400 ValidationException to the create, then the send fails at once and Xero's messages are shown verbatim on the order and in the sync log", async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, body } = await orderToSend(a);
    const messages = ["Account code '200' has been archived, or has been deleted. Each line item must reference a valid account.", 'Invoice # must be unique.'];
    const put = nock(XERO_ORIGIN)
      .put(`${API_PATH}/Invoices`, body)
      .query(true)
      .reply(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [{ ...body.Invoices[0], ValidationErrors: messages.map((Message) => ({ Message })) }],
      });
    await a.send(id);
    expect(put.isDone()).to.equal(true);
    const op = await a.lastOperation(id);
    expect([op.status, op.attempts, op.result_message]).to.deep.equal(['failed', 1, 'Xero refused it.']);
    expect(messagesOf(op)).to.deep.equal(messages);
    expect((await orderRow(a, id)).xero_invoice_id).to.equal(null);
    const order = await page(a, id);
    expectXeroMessagesShown(order, messages);
    expect(order).to.contain('Retry sending SO-0001');
    expectXeroMessagesShown(await syncLog(a), messages);
  });

  it("when Xero refuses the create element-wise (summarizeErrors=false's 200 with HasErrors), then it is the same refusal with Xero's words", async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, body } = await orderToSend(a);
    const messages = ['The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber'];
    nock(XERO_ORIGIN)
      .put(`${API_PATH}/Invoices`, body)
      .query(true)
      .reply(200, {
        Invoices: [{ ...body.Invoices[0], HasErrors: true, StatusAttributeString: 'ERROR', ValidationErrors: messages.map((Message) => ({ Message })) }],
      });
    await a.send(id);
    const op = await a.lastOperation(id);
    expect(op.status).to.equal('failed');
    expect(messagesOf(op)).to.deep.equal(messages);
    expectXeroMessagesShown(await page(a, id), messages);
  });

  it('when Xero answers 400 to an update, then its message is shown verbatim and the order keeps its invoice', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, contactId } = await sentOrder(a);
    await a.editOrder(id, contactId, [gstLine({ description: 'Design', quantity: '3' })]);
    const message = 'This document cannot be edited as it has a payment or credit note allocated to it.';
    const calls = nock(XERO_ORIGIN)
      .get(`${API_PATH}/Invoices/${INVOICE_ID}`)
      .query(true)
      .reply(200, savedInvoice(1))
      .post(`${API_PATH}/Invoices/${INVOICE_ID}`)
      .query(true)
      .reply(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [{ InvoiceID: INVOICE_ID, ValidationErrors: [{ Message: message }] }],
      });
    await a.send(id);
    expect(calls.isDone()).to.equal(true);
    const op = await a.lastOperation(id);
    expect(op.status).to.equal('failed');
    expect(messagesOf(op)).to.deep.equal([message]);
    expectXeroMessagesShown(await page(a, id), [message]);
    expect((await orderRow(a, id)).xero_invoice_id).to.equal(INVOICE_ID);
  });

  it('when Xero answers 401 to the create, then the token is renewed once and the same create is sent again with the new token and the same Idempotency-Key', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, body } = await orderToSend(a);
    const seen: Array<{ auth: string; key: string }> = [];
    const record = function (this: nock.ReplyFnContext) {
      seen.push({ auth: String(this.req.headers.authorization), key: String(this.req.headers['idempotency-key']) });
    };
    nock(XERO_ORIGIN)
      .put(`${API_PATH}/Invoices`, body)
      .query(true)
      .reply(function () {
        record.call(this);
        return [401, { Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired: token expired at 01/12/2026 10:00:00' }];
      })
      .put(`${API_PATH}/Invoices`, body)
      .query(true)
      .reply(function () {
        record.call(this);
        return [200, savedInvoice(1)];
      });
    await a.send(id);
    const op = await a.lastOperation(id);
    expect([op.status, op.outcome], String(op.result_message)).to.deep.equal(['done', 'created']);
    expect(a.refreshes()).to.equal(1);
    expect(seen.map((s) => s.auth)).to.deep.equal(['Bearer access-0', `Bearer ${await a.accessToken()}`]);
    expect(seen[1]?.key).to.equal(seen[0]?.key);
    expect((await orderRow(a, id)).xero_invoice_id).to.equal(INVOICE_ID);
  });

  it('when Xero still answers 401 after the token is renewed, then the send fails and the order says to reconnect', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id } = await orderToSend(a);
    nock(XERO_ORIGIN).put(`${API_PATH}/Invoices`).query(true).times(2).reply(401, { Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' });
    await a.send(id);
    const op = await a.lastOperation(id);
    expect([op.status, op.result_message]).to.deep.equal(['failed', 'Xero did not accept our sign-in for this organisation, even after renewing it.']);
    const order = await page(a, id);
    expect(order).to.contain(asHtml('Xero did not accept our sign-in for this organisation, even after renewing it.'));
    expect(order).to.contain('Reconnect the organisation on the Organisations page, then press Retry.');
  });

  it('when Xero answers 403, then the organisation is marked disconnected and the send waits for a reconnect, which it then goes ahead by itself (creating at once: a 403 wrote nothing)', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, body } = await orderToSend(a);
    nock(XERO_ORIGIN)
      .put(`${API_PATH}/Invoices`)
      .query(true)
      .reply(403, { Type: 'AuthenticationUnsuccessful', Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' });
    await a.send(id);
    const op = await a.lastOperation(id);
    expect(op.status).to.equal('waiting');
    expect(op.advice).to.equal('Reconnect the organisation on the Organisations page; waiting sends then go ahead by themselves.');
    expect((await a.db('organisations').where({ id: a.org.id }).first()).status).to.equal('disconnected');
    expect(await page(a, id)).to.contain('This organisation has been disconnected from Ledgerside in Xero. Reconnect it on the Organisations page.');
    a.clock.advance(3_600_000);
    expect(await a.sync.engine.worker.drain(), 'nothing runs while disconnected').to.equal(0);

    await a.db('organisations').where({ id: a.org.id }).update({ status: 'connected' });
    await a.db('xero_connections').where({ organisation_id: a.org.id }).update({ status: 'active' });
    const lookup = lookupFindsNone();
    const put = nock(XERO_ORIGIN).put(`${API_PATH}/Invoices`, body).query(true).reply(200, savedInvoice(1));
    await a.sync.engine.worker.drain();
    // Xero's 403 answered before anything was written: the create goes again at once, no lookup first.
    expect(put.isDone()).to.equal(true);
    expect(lookup.isDone(), 'no lookup after a 403').to.equal(false);
    expect((await a.lastOperation(id)).status).to.equal('done');
  });

  it('when Xero answers 404 for the invoice before an update, then the order says it was deleted in Xero, offers Create a new invoice and sends nothing', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, contactId } = await sentOrder(a);
    await a.editOrder(id, contactId, [gstLine({ description: 'Design', quantity: '3' })]);
    const read = nock(XERO_ORIGIN).get(`${API_PATH}/Invoices/${INVOICE_ID}`).query(true).reply(404, "The resource you're looking for cannot be found");
    await a.send(id);
    expect(read.isDone()).to.equal(true);
    const op = await a.lastOperation(id);
    expect([op.status, op.result_message, op.advice]).to.deep.equal([
      'failed',
      'This invoice was deleted in Xero, so it can’t be changed.',
      'Press Create a new invoice on the order to send it as a new invoice.',
    ]);
    const order = await page(a, id);
    expect(order).to.contain('This invoice was deleted in Xero, so it can’t be changed.');
    expect(order).to.contain(`action="/sales-orders/${id}/new-invoice"`);
    expect((await orderRow(a, id)).xero_invoice_status).to.equal('DELETED');
  });

  it('when Xero answers 404 to the update itself, then the send fails saying Xero could not find it and what to check', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, contactId } = await sentOrder(a);
    await a.editOrder(id, contactId, [gstLine({ description: 'Design', quantity: '3' })]);
    nock(XERO_ORIGIN)
      .get(`${API_PATH}/Invoices/${INVOICE_ID}`)
      .query(true)
      .reply(200, savedInvoice(1))
      .post(`${API_PATH}/Invoices/${INVOICE_ID}`)
      .query(true)
      .reply(404, "The resource you're looking for cannot be found");
    await a.send(id);
    const op = await a.lastOperation(id);
    expect([op.status, op.result_message, op.advice]).to.deep.equal([
      'failed',
      'Xero could not find that record (updateInvoice).',
      'The record may have been deleted in Xero. Check it there, then press Retry.',
    ]);
    expect(await page(a, id)).to.contain('The record may have been deleted in Xero. Check it there, then press Retry.');
  });

  it("when Xero answers 429 with the day's limit spent, then the send waits until Retry-After and then creates the invoice once, without looking it up first (a 429 wrote nothing)", async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, body } = await orderToSend(a);
    nock(XERO_ORIGIN).put(`${API_PATH}/Invoices`).query(true).reply(429, '', { 'Retry-After': '3600', 'X-Rate-Limit-Problem': 'day' });
    await a.send(id);
    const op = await a.lastOperation(id);
    expect(op.status).to.equal('waiting');
    expect(String(op.result_message)).to.match(
      /^Xero's daily limit of calls for this organisation is spent\. It will be sent at \d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d\d [ap]m UTC\.$/,
    );
    expect(new Date(op.next_run_at as string | Date).getTime()).to.equal(a.clock.now + 3_600_000);
    expect(await page(a, id)).to.contain(asHtml("Xero's daily limit of calls for this organisation is spent."));
    a.clock.advance(3_599_000);
    expect(await a.sync.engine.worker.drain(), 'not before Retry-After').to.equal(0);
    a.clock.advance(1_000);
    const lookup = lookupFindsNone();
    const put = nock(XERO_ORIGIN).put(`${API_PATH}/Invoices`, body).query(true).reply(200, savedInvoice(1));
    await a.sync.engine.worker.drain();
    // Xero's 429 answered before anything was written: the create goes again at once, no lookup first.
    expect(put.isDone()).to.equal(true);
    expect(lookup.isDone(), 'no lookup after a 429').to.equal(false);
    const done = await a.lastOperation(id);
    expect([done.status, done.outcome]).to.deep.equal(['done', 'created']);
  });

  it('when Xero answers 429 with a short Retry-After, then the call waits it out and the invoice is created in the same send', async () => {
    const a = await nockInvoiceApp(ctx.current().db, { backoff });
    const { id, body } = await orderToSend(a);
    nock(XERO_ORIGIN)
      .put(`${API_PATH}/Invoices`)
      .query(true)
      .reply(429, '', { 'Retry-After': '1', 'X-Rate-Limit-Problem': 'minute' })
      .put(`${API_PATH}/Invoices`, body)
      .query(true)
      .reply(200, savedInvoice(1));
    await a.send(id);
    const op = await a.lastOperation(id);
    expect([op.status, op.outcome, op.attempts]).to.deep.equal(['done', 'created', 1]);
    expect(nock.pendingMocks()).to.deep.equal([]);
  });
});
