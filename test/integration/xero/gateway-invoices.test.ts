import { expect } from 'chai';
import nock from 'nock';
import { describeEachDialect } from '../../helpers/test-db.js';
import { API_PATH, syncFixture, XERO_API } from '../../helpers/xero-sync-fixture.js';
import { XeroApiError } from '../../../src/xero/index.js';

const INVOICE_ID = '0e9a8e34-1b8d-4c6e-8f62-5a3c1d2b4e70';

describeEachDialect('Xero gateway: invoices', (ctx) => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('when an invoice is created, then it is one PUT with summarizeErrors=false, unitdp=4 and the Idempotency-Key, and Xero’s element is answered', async () => {
    const f = await syncFixture(ctx.current().db);
    let body: unknown;
    let key: unknown;
    nock(XERO_API)
      .put(`${API_PATH}/Invoices`)
      .query({ summarizeErrors: 'false', unitdp: '4' })
      .reply(function (_uri, b) {
        body = b;
        key = this.req.headers['idempotency-key'];
        return [200, { Invoices: [{ InvoiceID: INVOICE_ID, InvoiceNumber: 'INV-0001', Status: 'DRAFT', LineItems: [{ LineItemID: 'li-1' }] }] }];
      });
    const created = await f.gateway.createInvoice(
      { type: 'ACCREC' as never, contact: { contactID: 'c-1' }, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1.2345 }] },
      'key-1',
    );
    expect(created.invoiceID).to.equal(INVOICE_ID);
    expect(created.lineItems?.[0]?.lineItemID).to.equal('li-1');
    expect(key).to.equal('key-1');
    expect(body).to.deep.equal({
      Invoices: [{ Type: 'ACCREC', Contact: { ContactID: 'c-1' }, LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1.2345 }] }],
    });
  });

  it('when an update is refused element-wise, then Xero’s messages come back verbatim in a typed error', async () => {
    const f = await syncFixture(ctx.current().db);
    nock(XERO_API)
      .post(`${API_PATH}/Invoices/${INVOICE_ID}`)
      .query({ unitdp: '4' })
      .reply(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [
          { InvoiceID: INVOICE_ID, ValidationErrors: [{ Message: 'This document cannot be edited as it has a payment or credit note allocated to it.' }] },
        ],
      });
    const error = await f.gateway.updateInvoice(INVOICE_ID, { lineItems: [] }, 'key-2').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(XeroApiError);
    expect((error as XeroApiError).validationMessages).to.deep.equal(['This document cannot be edited as it has a payment or credit note allocated to it.']);
  });

  it('when an invoice is read, then a 404 is null; its PDF comes back as bytes; a page is asked If-Modified-Since, oldest change first', async () => {
    const f = await syncFixture(ctx.current().db);
    nock(XERO_API).get(`${API_PATH}/Invoices/${INVOICE_ID}`).query({ unitdp: '4' }).reply(404, "The resource you're looking for cannot be found");
    expect(await f.gateway.getInvoice(INVOICE_ID)).to.equal(null);
    nock(XERO_API)
      .get(`${API_PATH}/Invoices/${INVOICE_ID}`)
      .matchHeader('accept', 'application/pdf')
      .reply(200, Buffer.from('%PDF-1.4 test'), { 'content-type': 'application/pdf' });
    expect((await f.gateway.getInvoicePdf(INVOICE_ID)).toString()).to.equal('%PDF-1.4 test');
    let since: unknown;
    nock(XERO_API)
      .get(`${API_PATH}/Invoices`)
      .query({ where: 'Type=="ACCREC"', order: 'UpdatedDateUTC ASC', page: '2', unitdp: '4', summaryOnly: 'false', pageSize: '100' })
      .reply(function () {
        since = this.req.headers['if-modified-since'];
        return [200, { Invoices: [{ InvoiceID: INVOICE_ID, Status: 'PAID' }] }];
      });
    const page = await f.gateway.getInvoicesPage({ page: 2, ifModifiedSince: new Date('2026-12-01T10:00:00.000Z'), where: 'Type=="ACCREC"' });
    expect(page.map((i) => i.invoiceID)).to.deep.equal([INVOICE_ID]);
    expect(since).to.equal('2026-12-01T10:00:00.000Z');
  });
});
