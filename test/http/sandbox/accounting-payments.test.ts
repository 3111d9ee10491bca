import { expect } from 'chai';
import { Invoice } from 'xero-node';
import { expectValidXero } from '../../helpers/xero-openapi.js';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: payments', () => {
  let f: Fixture;
  let invoiceId: string;
  beforeEach(async () => {
    f = await startAccounting();
    const inv = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(f.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { name: 'Coco Cafe' },
              date: '2026-11-01',
              dueDate: '2026-11-30',
              status: Invoice.StatusEnum.AUTHORISED,
              lineItems: [{ description: 'Coffee machine service', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }],
            },
          ],
        }),
        'Invoices',
      ),
      'Invoices',
    );
    invoiceId = String(inv['InvoiceID']);
  });
  afterEach(async () => f.close());

  const pay = (amount: number, account: { code?: string; accountID?: string } = { code: '090' }) =>
    f.xero.accountingApi.createPayment(f.tenantId, { invoice: { invoiceID: invoiceId }, account, amount, date: '2026-11-15', reference: 'Bank transfer' });

  it('when part of an invoice is paid, then AmountPaid and AmountDue move and the invoice stays AUTHORISED', async () => {
    const payment = firstOf(wireBody(await pay(50), 'Payments'), 'Payments');
    expect(payment).to.include({ Amount: 50, Status: 'AUTHORISED', PaymentType: 'ACCRECPAYMENT' });
    const inv = firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, invoiceId), 'Invoices'), 'Invoices');
    expect(inv).to.include({ AmountPaid: 50, AmountDue: 60, Status: 'AUTHORISED' });
    expect(inv['Payments']).to.have.length(1);
  });

  it('when the rest is paid, then the invoice becomes PAID with FullyPaidOnDate and can no longer be voided', async () => {
    await pay(50);
    await pay(60);
    const inv = firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, invoiceId), 'Invoices'), 'Invoices');
    expect(inv).to.include({ Status: 'PAID', AmountDue: 0, AmountPaid: 110 });
    expect(inv['FullyPaidOnDate']).to.equal(`/Date(${Date.UTC(2026, 10, 15)}+0000)/`);
    const failure = await sdkFailure(f.xero.accountingApi.updateInvoice(f.tenantId, invoiceId, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }));
    expect(failure.statusCode).to.equal(400);
  });

  it('when a payment is more than is due, then Xero refuses it', async () => {
    const failure = await sdkFailure(pay(110.01));
    expect(failure.statusCode).to.equal(400);
    expectValidXero('Error', failure.body);
    expect(JSON.stringify(failure.body)).to.contain('Payment amount exceeds the amount outstanding on this document');
  });

  it('when the account is not a bank account and has no payments enabled, then Xero refuses it; a payments-enabled one works', async () => {
    const failure = await sdkFailure(pay(10, { code: '200' }));
    expect(JSON.stringify(failure.body)).to.contain('Account type is invalid for making a payment to/from');
    const ok = await pay(10, { code: '855' });
    expect(ok.response.status).to.equal(200);
  });

  it('when a DRAFT invoice is paid, then Xero says payments need an authorised document', async () => {
    const draft = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(f.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { name: 'Coco Cafe' },
              lineItems: [{ description: 'x', quantity: 1, unitAmount: 5, accountCode: '200' }],
            },
          ],
        }),
        'Invoices',
      ),
      'Invoices',
    );
    const failure = await sdkFailure(
      f.xero.accountingApi.createPayment(f.tenantId, { invoice: { invoiceID: String(draft['InvoiceID']) }, account: { code: '090' }, amount: 1 }),
    );
    expect(JSON.stringify(failure.body)).to.contain('Payments can only be made against Authorised documents');
  });

  it('when a payment is deleted, then the invoice is owed again and leaves PAID', async () => {
    const payment = firstOf(wireBody(await pay(110), 'Payments'), 'Payments');
    const deleted = firstOf(
      wireBody(await f.xero.accountingApi.deletePayment(f.tenantId, String(payment['PaymentID']), { status: 'DELETED' }), 'Payments'),
      'Payments',
    );
    expect(deleted['Status']).to.equal('DELETED');
    const inv = firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, invoiceId), 'Invoices'), 'Invoices');
    expect(inv).to.include({ Status: 'AUTHORISED', AmountDue: 110, AmountPaid: 0 });
  });

  it('when payments are listed with paging and a where filter, then they come back in the Payments envelope', async () => {
    await pay(10);
    await pay(20);
    const body = wireBody(await f.xero.accountingApi.getPayments(f.tenantId, undefined, 'Amount>15', undefined, 1, 10), 'Payments');
    expect((body['Payments'] as Record<string, unknown>[]).map((p) => p['Amount'])).to.deep.equal([20]);
    expect(body['pagination']).to.deep.equal({ page: 1, pageSize: 10, pageCount: 1, itemCount: 1 });
  });

  it('when the token only has accounting.invoices, then creating a payment is 403', async () => {
    f.scopes.splice(0, f.scopes.length, 'accounting.invoices');
    const failure = await sdkFailure(pay(10));
    expect(failure.statusCode).to.equal(403);
    f.scopes.splice(0, f.scopes.length, 'accounting.transactions');
    expect((await pay(10)).response.status).to.equal(200);
  });
});
