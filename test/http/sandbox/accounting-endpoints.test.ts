import { expect } from 'chai';
import { Invoice } from 'xero-node';
import { firstOf, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: single-record endpoints and admin status', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startAccounting();
  });
  afterEach(async () => f.close());

  it('when an account, a tracking category, a payment and a quote are fetched by id, then each comes back alone in its envelope', async () => {
    const bank = firstOf(wireBody(await f.xero.accountingApi.getAccounts(f.tenantId, undefined, 'Code=="090"'), 'Accounts'), 'Accounts');
    const account = wireBody(await f.xero.accountingApi.getAccount(f.tenantId, String(bank['AccountID'])), 'Accounts');
    expect((account['Accounts'] as unknown[]).length).to.equal(1);
    expect(firstOf(account, 'Accounts')['Code']).to.equal('090');

    const category = firstOf(wireBody(await f.xero.accountingApi.getTrackingCategories(f.tenantId), 'TrackingCategories'), 'TrackingCategories');
    const one = firstOf(
      wireBody(await f.xero.accountingApi.getTrackingCategory(f.tenantId, String(category['TrackingCategoryID'])), 'TrackingCategories'),
      'TrackingCategories',
    );
    expect(one['Name']).to.equal('Region');

    const inv = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(f.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { name: 'City Agency' },
              status: Invoice.StatusEnum.AUTHORISED,
              dueDate: '2026-12-31',
              lineItems: [{ description: 'x', quantity: 1, unitAmount: 50, accountCode: '200' }],
            },
          ],
        }),
        'Invoices',
      ),
      'Invoices',
    );
    const payment = firstOf(
      wireBody(
        await f.xero.accountingApi.createPayment(f.tenantId, { invoice: { invoiceID: String(inv['InvoiceID']) }, account: { code: '090' }, amount: 5 }),
        'Payments',
      ),
      'Payments',
    );
    const fetched = firstOf(wireBody(await f.xero.accountingApi.getPayment(f.tenantId, String(payment['PaymentID'])), 'Payments'), 'Payments');
    expect(fetched).to.include({ Amount: 5, Status: 'AUTHORISED' });
    expect((fetched['Invoice'] as Record<string, unknown>)['InvoiceNumber']).to.equal('INV-0001');

    const contactId = String((inv['Contact'] as Record<string, unknown>)['ContactID']);
    const quote = firstOf(
      wireBody(
        await f.xero.accountingApi.createQuotes(f.tenantId, {
          quotes: [{ contact: { contactID: contactId }, lineItems: [{ description: 'q', quantity: 1, unitAmount: 10 }] }],
        }),
        'Quotes',
      ),
      'Quotes',
    );
    const quoteById = firstOf(wireBody(await f.xero.accountingApi.getQuote(f.tenantId, String(quote['QuoteID'])), 'Quotes'), 'Quotes');
    expect(quoteById['QuoteNumber']).to.equal('QU-0001');
    const pdf = Buffer.from((await f.xero.accountingApi.getQuoteAsPdf(f.tenantId, String(quote['QuoteID']))).body);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
  });

  it('when an attachment is fetched by its AttachmentID, then the same bytes come back with its MIME type', async () => {
    const contact = firstOf(wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="Coco Cafe"'), 'Contacts'), 'Contacts');
    const id = String(contact['ContactID']);
    const created = firstOf(
      wireBody(await f.xero.accountingApi.createContactAttachmentByFileName(f.tenantId, id, 'logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])), 'Attachments'),
      'Attachments',
    );
    const back = await f.call('GET', `/Contacts/${id}/Attachments/${String(created['AttachmentID'])}`);
    expect(back.headers.get('content-type')).to.contain('image/png');
    expect([...back.bytes]).to.deep.equal([0x89, 0x50, 0x4e, 0x47]);
  });

  it('when the webhook status and flush admin endpoints are called without a webhook URL, then they report it off and nothing pending', async () => {
    const status = await f.call('GET', '/sandbox-admin/webhooks');
    expect(status.json).to.include({ enabled: false, pending: 0, delivered: 0 });
    const flushed = await f.call('POST', '/sandbox-admin/webhooks/flush');
    expect(flushed.json).to.include({ pending: 0 });
  });

  it('when organisation actions are asked for, then the Actions envelope answers', async () => {
    const raw = await f.call('GET', '/Organisation/Actions');
    expect(raw.status).to.equal(200);
    expect(raw.json).to.include({ Status: 'OK' });
  });

  it('when a route does not exist, then the answer is the 404 text with rate-limit headers', async () => {
    const raw = await f.call('GET', '/Nonsense');
    expect(raw.status).to.equal(404);
    expect(raw.text).to.equal("The resource you're looking for cannot be found");
    expect(raw.headers.get('x-minlimit-remaining')).to.match(/^\d+$/);
  });
});
