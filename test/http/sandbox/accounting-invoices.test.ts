import { expect } from 'chai';
import { CurrencyCode, Invoice, LineAmountTypes, type Invoices } from 'xero-node';
import { expectValidXero } from '../../helpers/xero-openapi.js';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

const sale = (extra: Partial<Invoice> = {}): Invoices => ({
  invoices: [
    {
      type: Invoice.TypeEnum.ACCREC,
      contact: { name: 'ABC Furniture' },
      date: '2026-11-20',
      dueDate: '2026-12-20',
      lineItems: [{ description: 'Consulting', quantity: 2, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }],
      ...extra,
    },
  ],
});

describe('sandbox accounting: invoices', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startAccounting();
  });
  afterEach(async () => f.close());

  it('when a sales invoice is created, then Xero computes totals, numbers it INV-0001 and sends dates with DateString twins', async () => {
    const inv = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale()), 'Invoices'), 'Invoices');
    expect(inv).to.include({
      InvoiceNumber: 'INV-0001',
      Status: 'DRAFT',
      SubTotal: 200,
      TotalTax: 20,
      Total: 220,
      AmountDue: 220,
      AmountPaid: 0,
      CurrencyCode: 'AUD',
      LineAmountTypes: 'Exclusive',
    });
    expect(inv['Date']).to.equal(`/Date(${Date.UTC(2026, 10, 20)}+0000)/`);
    expect(inv['DateString']).to.equal('2026-11-20T00:00:00');
    expect(inv['DueDateString']).to.equal('2026-12-20T00:00:00');
    const second = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale()), 'Invoices'), 'Invoices');
    expect(second['InvoiceNumber']).to.equal('INV-0002');
  });

  it('when the contact is given by the name of an existing contact, then the invoice links it rather than creating another', async () => {
    const inv = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale()), 'Invoices'), 'Invoices');
    const contacts = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="ABC Furniture"'), 'Contacts')['Contacts'] as Record<
      string,
      unknown
    >[];
    expect(contacts).to.have.length(1);
    expect((inv['Contact'] as Record<string, unknown>)['ContactID']).to.equal(contacts[0]?.['ContactID']);
    expect(contacts[0]?.['IsCustomer']).to.equal(true);
  });

  it('when the contact is given by a new name, then Xero creates the contact', async () => {
    const inv = firstOf(
      wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ contact: { name: 'Brand New Buyer' } })), 'Invoices'),
      'Invoices',
    );
    const id = String((inv['Contact'] as Record<string, unknown>)['ContactID']);
    const contact = firstOf(wireBody(await f.xero.accountingApi.getContact(f.tenantId, id), 'Contacts'), 'Contacts');
    expect(contact['Name']).to.equal('Brand New Buyer');
  });

  it('when the ContactID does not exist, then the invoice is refused and nothing is saved', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale({ contact: { contactID: '11111111-1111-1111-1111-111111111111' } })));
    expect(failure.statusCode).to.equal(400);
    expectValidXero('Error', failure.body);
    const all = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId), 'Invoices');
    expect(all['Invoices']).to.have.length(0);
  });

  it('when lines are tax-inclusive with a discount, then tax is extracted per line and rounded to cents', async () => {
    const inv = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(
          f.tenantId,
          sale({
            lineAmountTypes: LineAmountTypes.Inclusive,
            lineItems: [
              { description: 'A', quantity: 3, unitAmount: 33.33, accountCode: '200', taxType: 'OUTPUT', discountRate: 10 },
              { description: 'B', quantity: 1, unitAmount: 0.05, accountCode: '200', taxType: 'OUTPUT' },
            ],
          }),
        ),
        'Invoices',
      ),
      'Invoices',
    );
    const lines = inv['LineItems'] as Record<string, unknown>[];
    expect(lines[0]).to.include({ LineAmount: 89.99, TaxAmount: 8.18 });
    expect(lines[1]).to.include({ LineAmount: 0.05, TaxAmount: 0 });
    expect(inv).to.include({ Total: 90.04, TotalTax: 8.18, SubTotal: 81.86, TotalDiscount: 10 });
  });

  it('when an invoice is sent without an AccountCode as AUTHORISED, then Xero refuses it; as DRAFT it is accepted', async () => {
    const lines = [{ description: 'No account', quantity: 1, unitAmount: 10 }];
    const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED, lineItems: lines })));
    expect(JSON.stringify(failure.body)).to.contain('Account code must be specified');
    const draft = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ lineItems: lines })), 'Invoices'), 'Invoices');
    expect(draft['Status']).to.equal('DRAFT');
  });

  it('when an unknown tax type or account code is used, then the messages name them', async () => {
    const failure = await sdkFailure(
      f.xero.accountingApi.createInvoices(
        f.tenantId,
        sale({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '999', taxType: 'NOPE' }] }),
      ),
    );
    const text = JSON.stringify(failure.body);
    expect(text).to.contain("Account code '999' is not a valid code for this document.");
    expect(text).to.contain("The TaxType code 'NOPE' does not exist or cannot be used with this type of transaction.");
  });

  it('when lines are updated by LineItemID, then that line changes, a line without an id is added and an omitted line goes', async () => {
    const inv = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(
          f.tenantId,
          sale({
            lineItems: [
              { description: 'Keep', quantity: 1, unitAmount: 10, accountCode: '200' },
              { description: 'Drop', quantity: 1, unitAmount: 5, accountCode: '200' },
            ],
          }),
        ),
        'Invoices',
      ),
      'Invoices',
    );
    const [keep] = inv['LineItems'] as Record<string, unknown>[];
    const updated = firstOf(
      wireBody(
        await f.xero.accountingApi.updateInvoice(f.tenantId, String(inv['InvoiceID']), {
          invoices: [
            {
              lineItems: [
                { lineItemID: String(keep?.['LineItemID']), quantity: 3 },
                { description: 'New', quantity: 1, unitAmount: 1, accountCode: '200' },
              ],
            },
          ],
        }),
        'Invoices',
      ),
      'Invoices',
    );
    const lines = updated['LineItems'] as Record<string, unknown>[];
    expect(lines.map((l) => l['Description'])).to.deep.equal(['Keep', 'New']);
    expect(lines[0]).to.include({ LineItemID: keep?.['LineItemID'], Quantity: 3, LineAmount: 30 });
    expect(updated).to.include({ SubTotal: 31, TotalTax: 3.1, Total: 34.1 });
  });

  it('when a DRAFT invoice is deleted, then it is DELETED; an AUTHORISED one cannot be deleted but can be voided', async () => {
    const draft = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale()), 'Invoices'), 'Invoices');
    const deleted = firstOf(
      wireBody(
        await f.xero.accountingApi.updateInvoice(f.tenantId, String(draft['InvoiceID']), { invoices: [{ status: Invoice.StatusEnum.DELETED }] }),
        'Invoices',
      ),
      'Invoices',
    );
    expect(deleted['Status']).to.equal('DELETED');
    const approved = firstOf(
      wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED })), 'Invoices'),
      'Invoices',
    );
    const failure = await sdkFailure(
      f.xero.accountingApi.updateInvoice(f.tenantId, String(approved['InvoiceID']), { invoices: [{ status: Invoice.StatusEnum.DELETED }] }),
    );
    expect(JSON.stringify(failure.body)).to.contain('Invoice not of valid status for modification');
    const voided = firstOf(
      wireBody(
        await f.xero.accountingApi.updateInvoice(f.tenantId, String(approved['InvoiceID']), { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }),
        'Invoices',
      ),
      'Invoices',
    );
    expect(voided).to.include({ Status: 'VOIDED', AmountDue: 0 });
  });

  it('when an invoice is created as PAID, then Xero refuses the status', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.PAID })));
    expect(JSON.stringify(failure.body)).to.contain('Invoice not of valid status for creation');
  });

  it('when an ACCREC invoice number is reused, then Xero says it must be unique', async () => {
    await f.xero.accountingApi.createInvoices(f.tenantId, sale({ invoiceNumber: 'CUSTOM-1' }));
    const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale({ invoiceNumber: 'CUSTOM-1' })));
    expect(JSON.stringify(failure.body)).to.contain('Invoice # must be unique.');
  });

  it('when a bill (ACCPAY) is created, then it has no auto number and the contact becomes a supplier', async () => {
    const bill = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(
          f.tenantId,
          sale({
            type: Invoice.TypeEnum.ACCPAY,
            contact: { name: 'PowerDirect' },
            lineItems: [{ description: 'Power', quantity: 1, unitAmount: 110, accountCode: '445', taxType: 'INPUT' }],
            lineAmountTypes: LineAmountTypes.Inclusive,
          }),
        ),
        'Invoices',
      ),
      'Invoices',
    );
    expect(bill).to.not.have.property('InvoiceNumber');
    expect(bill).to.include({ Type: 'ACCPAY', Total: 110, TotalTax: 10, SubTotal: 100 });
    const contact = firstOf(
      wireBody(await f.xero.accountingApi.getContact(f.tenantId, String((bill['Contact'] as Record<string, unknown>)['ContactID'])), 'Contacts'),
      'Contacts',
    );
    expect(contact['IsSupplier']).to.equal(true);
  });

  it('when invoices are filtered by Statuses, ContactIDs, InvoiceNumbers and a where on dates, then each filter applies', async () => {
    await f.xero.accountingApi.createInvoices(f.tenantId, sale({ date: '2026-01-15' }));
    await f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED, contact: { name: 'Boom FM' }, date: '2026-03-01' }));
    const byStatus = wireBody(
      await f.xero.accountingApi.getInvoices(f.tenantId, undefined, undefined, undefined, undefined, undefined, undefined, ['AUTHORISED']),
      'Invoices',
    );
    expect((byStatus['Invoices'] as Record<string, unknown>[]).map((i) => i['InvoiceNumber'])).to.deep.equal(['INV-0002']);
    const byNumber = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId, undefined, undefined, undefined, undefined, ['INV-0001']), 'Invoices');
    expect(byNumber['Invoices']).to.have.length(1);
    const byDate = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId, undefined, 'Date>=DateTime(2026,02,01) AND Type=="ACCREC"'), 'Invoices');
    expect((byDate['Invoices'] as Record<string, unknown>[]).map((i) => i['InvoiceNumber'])).to.deep.equal(['INV-0002']);
    const contactId = String(((byDate['Invoices'] as Record<string, unknown>[])[0]?.['Contact'] as Record<string, unknown>)['ContactID']);
    const byContact = wireBody(
      await f.xero.accountingApi.getInvoices(f.tenantId, undefined, `Contact.ContactID==GUID("${contactId}")`, undefined, undefined, undefined, [contactId]),
      'Invoices',
    );
    expect(byContact['Invoices']).to.have.length(1);
  });

  it('when a where filter cannot be parsed, then the answer is a 400 and not a crash', async () => {
    const raw = await f.call('GET', `/Invoices?where=${encodeURIComponent('Status=="DRAFT" AND (')}`);
    expect(raw.status).to.equal(400);
    expectValidXero('Error', raw.json);
  });

  it('when an invoice is fetched by number and as a PDF, then both work and the PDF is a PDF', async () => {
    await f.xero.accountingApi.createInvoices(f.tenantId, sale());
    const byNumber = firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, 'INV-0001'), 'Invoices'), 'Invoices');
    const pdf = await f.xero.accountingApi.getInvoiceAsPdf(f.tenantId, String(byNumber['InvoiceID']));
    const bytes = Buffer.from(pdf.body);
    expect(bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(bytes.toString('latin1')).to.contain('INV-0001').and.to.contain('%%EOF');
  });

  it('when the online invoice of an approved sales invoice is asked for, then a URL that renders it comes back', async () => {
    const inv = firstOf(
      wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED })), 'Invoices'),
      'Invoices',
    );
    const online = firstOf(wireBody(await f.xero.accountingApi.getOnlineInvoice(f.tenantId, String(inv['InvoiceID'])), 'OnlineInvoices'), 'OnlineInvoices');
    const page = await fetch(String(online['OnlineInvoiceUrl']));
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain('INV-0001');
  });

  it('when an unknown member is sent on a line item, then the whole request is refused with its path', async () => {
    const raw = await f.call('PUT', '/Invoices', {
      body: JSON.stringify({ Invoices: [{ Type: 'ACCREC', Contact: { Name: 'X' }, LineItems: [{ Description: 'a', Qty: 1 }] }] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(raw.status).to.equal(400);
    expect(JSON.stringify(raw.json)).to.contain("Path 'Invoices[0].LineItems[0].Qty'");
    const bad = await f.call('PUT', '/Invoices', {
      body: JSON.stringify({ Invoices: [{ Type: 'ACCREC', Contact: { Name: 'X' }, Date: '2026-02-30' }] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.json)).to.contain('System.DateTime');
  });

  it('when a unit amount has four decimals, then Xero keeps two unless unitdp=4 is asked for', async () => {
    const lines = [{ description: 'Tiny', quantity: 100, unitAmount: 1.23456, accountCode: '200', taxType: 'OUTPUT' }];
    const two = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ lineItems: lines })), 'Invoices'), 'Invoices');
    expect((two['LineItems'] as Record<string, unknown>[])[0]).to.include({ UnitAmount: 1.23, LineAmount: 123 });
    const four = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ lineItems: lines }), undefined, 4), 'Invoices'), 'Invoices');
    expect((four['LineItems'] as Record<string, unknown>[])[0]).to.include({ UnitAmount: 1.2346, LineAmount: 123.46, TaxAmount: 12.35 });
  });

  it('when a line is tracked by category and option names, then the ids are filled in; an unknown option is refused', async () => {
    const inv = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(
          f.tenantId,
          sale({
            lineItems: [{ description: 'Tracked', quantity: 1, unitAmount: 10, accountCode: '200', tracking: [{ name: 'Region', option: 'North' }] }],
          }),
        ),
        'Invoices',
      ),
      'Invoices',
    );
    const tracking = ((inv['LineItems'] as Record<string, unknown>[])[0]?.['Tracking'] as Record<string, unknown>[])[0];
    expect(tracking).to.include({ Name: 'Region', Option: 'North' });
    expect(String(tracking?.['TrackingOptionID'])).to.match(/^[0-9a-f-]{36}$/);
    const failure = await sdkFailure(
      f.xero.accountingApi.createInvoices(
        f.tenantId,
        sale({
          lineItems: [{ description: 'Tracked', quantity: 1, unitAmount: 10, accountCode: '200', tracking: [{ name: 'Region', option: 'Atlantis' }] }],
        }),
      ),
    );
    expect(JSON.stringify(failure.body)).to.contain('Atlantis');
  });

  it('when an invoice is in an enabled foreign currency, then it carries a rate; a currency not enabled is refused', async () => {
    const usd = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ currencyCode: CurrencyCode.USD })), 'Invoices'), 'Invoices');
    expect(usd['CurrencyCode']).to.equal('USD');
    expect(Number(usd['CurrencyRate'])).to.be.greaterThan(0).and.not.equal(1);
    const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale({ currencyCode: CurrencyCode.JPY })));
    expect(JSON.stringify(failure.body)).to.contain('The currency JPY is not enabled for this organisation.');
  });

  it('when an approved sales invoice is emailed, then the answer is 204 and it is marked sent; a draft cannot be emailed', async () => {
    const inv = firstOf(
      wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED })), 'Invoices'),
      'Invoices',
    );
    const sent = await f.xero.accountingApi.emailInvoice(f.tenantId, String(inv['InvoiceID']), {});
    expect(sent.response.status).to.equal(204);
    const after = firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, String(inv['InvoiceID'])), 'Invoices'), 'Invoices');
    expect(after['SentToContact']).to.equal(true);
    const draft = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale()), 'Invoices'), 'Invoices');
    const failure = await sdkFailure(f.xero.accountingApi.emailInvoice(f.tenantId, String(draft['InvoiceID']), {}));
    expect(failure.statusCode).to.equal(400);
  });

  it('when query parameter names are sent in other cases, then they still apply', async () => {
    await f.xero.accountingApi.createInvoices(f.tenantId, sale());
    await f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED }));
    const raw = await f.call('GET', `/Invoices?WHERE=${encodeURIComponent('Status=="AUTHORISED"')}&PAGE=1&PageSize=5&ORDER=Date%20DESC`);
    expect(raw.status).to.equal(200);
    const body = raw.json as { Invoices: Record<string, unknown>[]; pagination: Record<string, unknown> };
    expect(body.Invoices.map((i) => i['InvoiceNumber'])).to.deep.equal(['INV-0002']);
    expect(body.pagination).to.include({ pageSize: 5 });
  });

  it('when an invoice fetched through the SDK is sent back with a changed reference, then it updates without other changes', async () => {
    const created = await f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED, reference: 'Before' }));
    const id = String(created.body.invoices?.[0]?.invoiceID);
    const fetched = (await f.xero.accountingApi.getInvoice(f.tenantId, id)).body.invoices?.[0];
    if (!fetched) throw new Error('no invoice');
    fetched.reference = 'After';
    const updated = firstOf(wireBody(await f.xero.accountingApi.updateInvoice(f.tenantId, id, { invoices: [fetched] }), 'Invoices'), 'Invoices');
    expect(updated).to.include({ Reference: 'After', Total: 220, Status: 'AUTHORISED', InvoiceNumber: 'INV-0001', DateString: '2026-11-20T00:00:00' });
    expect((updated['LineItems'] as unknown[]).length).to.equal(1);
  });

  it('when invoices are listed without a page, then line items are left out as Xero does; with a page they are included', async () => {
    await f.xero.accountingApi.createInvoices(f.tenantId, sale());
    const unpaged = firstOf(wireBody(await f.xero.accountingApi.getInvoices(f.tenantId), 'Invoices'), 'Invoices');
    expect(unpaged).to.not.have.property('LineItems');
    expect(unpaged).to.include({ Total: 220 });
    const paged = firstOf(
      wireBody(await f.xero.accountingApi.getInvoices(f.tenantId, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 1), 'Invoices'),
      'Invoices',
    );
    expect(paged['LineItems']).to.have.length(1);
  });

  it('when an invoice is approved without a due date, then Xero asks for one; a draft may go without', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale({ status: Invoice.StatusEnum.AUTHORISED, dueDate: undefined })));
    expect(JSON.stringify(failure.body)).to.contain('The document DueDate field must be specified.');
    const draft = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ dueDate: undefined })), 'Invoices'), 'Invoices');
    expect(draft).to.not.have.property('DueDate');
  });

  it('when a purchase tax rate is put on a sales invoice, then Xero says it cannot be used with this type of transaction', async () => {
    const failure = await sdkFailure(
      f.xero.accountingApi.createInvoices(
        f.tenantId,
        sale({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '200', taxType: 'INPUT' }] }),
      ),
    );
    expect(JSON.stringify(failure.body)).to.contain("The TaxType code 'INPUT' does not exist or cannot be used with this type of transaction.");
  });

  it('when a sales invoice is POSTed with the number of an existing one, then that invoice is updated rather than duplicated', async () => {
    const first = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale({ reference: 'One' })), 'Invoices'), 'Invoices');
    const again = firstOf(
      wireBody(await f.xero.accountingApi.updateOrCreateInvoices(f.tenantId, { invoices: [{ invoiceNumber: 'INV-0001', reference: 'Two' }] }), 'Invoices'),
      'Invoices',
    );
    expect(again).to.include({ InvoiceID: first['InvoiceID'], Reference: 'Two', Total: 220 });
    const all = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId), 'Invoices');
    expect(all['Invoices']).to.have.length(1);
  });

  it('when an invoice batch has a bad element, then by default it is a 400 naming it, and with summarizeErrors=false each element has HasErrors', async () => {
    const bad = {
      type: Invoice.TypeEnum.ACCREC,
      contact: { name: 'ABC Furniture' },
      lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '999' }],
    };
    const good = sale().invoices?.[0] ?? {};
    const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, { invoices: [good, bad] }));
    expect(failure.statusCode).to.equal(400);
    expect((failure.body as { Elements: unknown[] }).Elements).to.have.length(1);
    const result = await f.xero.accountingApi.createInvoices(f.tenantId, { invoices: [good, bad] }, false);
    const [ok, err] = wireBody(result, 'Invoices')['Invoices'] as Record<string, unknown>[];
    expect(ok).to.include({ StatusAttributeString: 'OK', HasErrors: false, InvoiceNumber: 'INV-0002' });
    expect(err).to.include({ StatusAttributeString: 'ERROR', HasErrors: true });
    expect(result.body.invoices?.[1]?.validationErrors?.[0]?.message).to.equal("Account code '999' is not a valid code for this document.");
  });
});
