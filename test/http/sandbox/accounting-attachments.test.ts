import { expect } from 'chai';
import { Invoice, RepeatingInvoice, Schedule } from 'xero-node';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: attachments, history and deep links', () => {
  let f: Fixture;
  let invoiceId: string;
  let contactId: string;
  beforeEach(async () => {
    f = await startAccounting();
    const inv = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(f.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { name: 'Marine Systems' },
              status: Invoice.StatusEnum.AUTHORISED,
              dueDate: '2026-12-31',
              lineItems: [{ description: 'Hull inspection', quantity: 1, unitAmount: 500, accountCode: '200' }],
            },
          ],
        }),
        'Invoices',
      ),
      'Invoices',
    );
    invoiceId = String(inv['InvoiceID']);
    contactId = String((inv['Contact'] as Record<string, unknown>)['ContactID']);
  });
  afterEach(async () => f.close());

  it('when a file is attached to an invoice through xero-node, then it is listed and its bytes come back by file name', async () => {
    const bytes = Buffer.from('%PDF-1.4 pretend receipt');
    const created = firstOf(
      wireBody(await f.xero.accountingApi.createInvoiceAttachmentByFileName(f.tenantId, invoiceId, 'receipt.pdf', bytes, true), 'Attachments'),
      'Attachments',
    );
    expect(created).to.include({ FileName: 'receipt.pdf', MimeType: 'application/pdf', ContentLength: bytes.length, IncludeOnline: true });
    const list = wireBody(await f.xero.accountingApi.getInvoiceAttachments(f.tenantId, invoiceId), 'Attachments');
    expect(list['Attachments']).to.have.length(1);
    const back = await f.xero.accountingApi.getInvoiceAttachmentByFileName(f.tenantId, invoiceId, 'receipt.pdf', 'application/pdf');
    expect(Buffer.from(back.body).equals(bytes)).to.equal(true);
    const inv = firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, invoiceId), 'Invoices'), 'Invoices');
    expect(inv['HasAttachments']).to.equal(true);
  });

  it('when a file is uploaded with any Content-Type, then the raw body is kept as sent', async () => {
    const raw = await f.call('PUT', `/Contacts/${contactId}/Attachments/notes.txt`, {
      body: '{"not":"parsed"}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(raw.status).to.equal(200);
    const back = await f.call('GET', `/Contacts/${contactId}/Attachments/notes.txt`);
    expect(back.text).to.equal('{"not":"parsed"}');
  });

  it('when an eleventh attachment is added, then Xero refuses it', async () => {
    for (let i = 1; i <= 10; i += 1) {
      expect((await f.call('PUT', `/Invoices/${invoiceId}/Attachments/file-${i}.txt`, { body: `file ${i}` })).status).to.equal(200);
    }
    const eleventh = await f.call('PUT', `/Invoices/${invoiceId}/Attachments/file-11.txt`, { body: 'one too many' });
    expect(eleventh.status).to.equal(400);
    expect(eleventh.text).to.contain('at most 10 attachments');
  });

  it('when an attachment is over 10 MB, then the answer is 413', async () => {
    const raw = await f.call('PUT', `/Invoices/${invoiceId}/Attachments/big.bin`, { body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(raw.status).to.equal(413);
  });

  it('when attachments go on a purchase order and a repeating invoice, then each lists its own', async () => {
    const supplier = firstOf(wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="PowerDirect"'), 'Contacts'), 'Contacts');
    const po = firstOf(
      wireBody(
        await f.xero.accountingApi.createPurchaseOrders(f.tenantId, {
          purchaseOrders: [{ contact: { contactID: String(supplier['ContactID']) }, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1 }] }],
        }),
        'PurchaseOrders',
      ),
      'PurchaseOrders',
    );
    await f.xero.accountingApi.createPurchaseOrderAttachmentByFileName(f.tenantId, String(po['PurchaseOrderID']), 'spec.txt', Buffer.from('spec'));
    const list = await f.call('GET', `/PurchaseOrders/${String(po['PurchaseOrderID'])}/Attachments`);
    expect((list.json as { Attachments: unknown[] }).Attachments).to.have.length(1);
    const template = firstOf(
      wireBody(
        await f.xero.accountingApi.createRepeatingInvoices(f.tenantId, {
          repeatingInvoices: [
            {
              type: RepeatingInvoice.TypeEnum.ACCREC,
              contact: { contactID: contactId },
              schedule: {
                period: 1,
                unit: Schedule.UnitEnum.MONTHLY,
                dueDate: 7,
                dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE,
                startDate: '2027-01-01',
              },
              lineItems: [{ description: 'Monthly', quantity: 1, unitAmount: 10, accountCode: '200' }],
            },
          ],
        }),
        'RepeatingInvoices',
      ),
      'RepeatingInvoices',
    );
    const rid = String(template['RepeatingInvoiceID']);
    await f.xero.accountingApi.createRepeatingInvoiceAttachmentByFileName(f.tenantId, rid, 'terms.txt', Buffer.from('terms'));
    await f.xero.accountingApi.createRepeatingInvoiceAttachmentByFileName(f.tenantId, rid, 'terms2.txt', Buffer.from('more terms'));
    const repeating = await f.call('GET', `/RepeatingInvoices/${rid}/Attachments`);
    expect((repeating.json as { Attachments: Record<string, unknown>[] }).Attachments.map((a) => a['FileName'])).to.deep.equal(['terms.txt', 'terms2.txt']);
    const none = await f.call('GET', `/Invoices/${invoiceId}/Attachments`);
    expect((none.json as { Attachments: unknown[] }).Attachments).to.have.length(0);
  });

  it('when the token lacks accounting.attachments, then uploading is 403', async () => {
    f.scopes.splice(0, f.scopes.length, 'accounting.invoices', 'accounting.attachments.read');
    const failure = await sdkFailure(f.xero.accountingApi.createInvoiceAttachmentByFileName(f.tenantId, invoiceId, 'a.txt', Buffer.from('a')));
    expect(failure.statusCode).to.equal(403);
  });

  it('when a history note is added to an invoice and a contact, then each lists it', async () => {
    const added = wireBody(
      await f.xero.accountingApi.createInvoiceHistory(f.tenantId, invoiceId, { historyRecords: [{ details: 'Sent from Ledgerside' }] }),
      'HistoryRecords',
    );
    expect(firstOf(added, 'HistoryRecords')).to.include({ Details: 'Sent from Ledgerside', DateUTCString: '2026-11-26T09:00:00' });
    const listed = wireBody(await f.xero.accountingApi.getInvoiceHistory(f.tenantId, invoiceId), 'HistoryRecords');
    const notes = (records: unknown) => (records as Record<string, unknown>[]).filter((h) => h['Changes'] === 'Note').map((h) => h['Details']);
    expect(notes(listed['HistoryRecords'])).to.deep.equal(['Sent from Ledgerside']);
    expect((listed['HistoryRecords'] as Record<string, unknown>[]).every((h) => h['User'] === 'System Generated')).to.equal(true);
    await f.xero.accountingApi.createContactHistory(f.tenantId, contactId, { historyRecords: [{ details: 'Called about the hull' }] });
    const contactHistory = wireBody(await f.xero.accountingApi.getContactHistory(f.tenantId, contactId), 'HistoryRecords');
    expect(notes(contactHistory['HistoryRecords'])).to.deep.equal(['Called about the hull']);
  });

  it('when a history note is empty or longer than 250 characters, then it is a validation error', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createInvoiceHistory(f.tenantId, invoiceId, { historyRecords: [{ details: '' }] }));
    expect(failure.statusCode).to.equal(400);
    const long = await sdkFailure(f.xero.accountingApi.createInvoiceHistory(f.tenantId, invoiceId, { historyRecords: [{ details: 'x'.repeat(251) }] }));
    expect(long.statusCode).to.equal(400);
  });

  it('when an invoice is created, approved and paid, then Xero-style entries appear in its history in order', async () => {
    const draft = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(f.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { contactID: contactId },
              dueDate: '2026-12-31',
              lineItems: [{ description: 'Refit', quantity: 1, unitAmount: 100, accountCode: '200' }],
            },
          ],
        }),
        'Invoices',
      ),
      'Invoices',
    );
    const id = String(draft['InvoiceID']);
    await f.xero.accountingApi.updateInvoice(f.tenantId, id, { invoices: [{ status: Invoice.StatusEnum.AUTHORISED }] });
    await f.xero.accountingApi.createPayment(f.tenantId, { invoice: { invoiceID: id }, account: { code: '090' }, amount: 110, date: '2026-11-26' });
    const history = wireBody(await f.xero.accountingApi.getInvoiceHistory(f.tenantId, id), 'HistoryRecords')['HistoryRecords'] as Record<string, unknown>[];
    expect(history.map((h) => h['Changes'])).to.deep.equal(['Created', 'Approved', 'Payment Received']);
    expect(history[0]?.['Details']).to.equal('INV-0002 to Marine Systems for 110.00.');
    expect(history[2]?.['Details']).to.equal('Payment received from Marine Systems on 2026-11-26 for 110.00.');
  });
});
