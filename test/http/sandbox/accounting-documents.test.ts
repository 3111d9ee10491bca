import { expect } from 'chai';
import { CurrencyCode, Invoice, PurchaseOrder, QuoteLineAmountTypes, QuoteStatusCodes, RepeatingInvoice, Schedule } from 'xero-node';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: purchase orders, quotes and repeating invoices', () => {
  let f: Fixture;
  let supplierId: string;
  beforeEach(async () => {
    f = await startAccounting();
    const contacts = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="PowerDirect"'), 'Contacts');
    supplierId = String(firstOf(contacts, 'Contacts')['ContactID']);
  });
  afterEach(async () => f.close());

  it('when a purchase order is created for an existing contact, then it is numbered PO-0001 with totals and delivery details', async () => {
    const po = firstOf(
      wireBody(
        await f.xero.accountingApi.createPurchaseOrders(f.tenantId, {
          purchaseOrders: [
            {
              contact: { contactID: supplierId },
              date: '2026-11-20',
              deliveryDate: '2026-12-01',
              deliveryAddress: '1 Main St',
              attentionTo: 'Stores',
              lineItems: [{ description: 'Cable', quantity: 10, unitAmount: 2.5, accountCode: '300', taxType: 'INPUT' }],
            },
          ],
        }),
        'PurchaseOrders',
      ),
      'PurchaseOrders',
    );
    expect(po).to.include({ PurchaseOrderNumber: 'PO-0001', Status: 'DRAFT', SubTotal: 25, TotalTax: 2.5, Total: 27.5, DeliveryAddress: '1 Main St' });
    expect(po['DeliveryDateString']).to.equal('2026-12-01T00:00:00');
  });

  it('when a purchase order names a contact that does not exist, then it is refused and no contact is created', async () => {
    const failure = await sdkFailure(
      f.xero.accountingApi.createPurchaseOrders(f.tenantId, {
        purchaseOrders: [{ contact: { name: 'Nobody Ltd' }, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1 }] }],
      }),
    );
    expect(failure.statusCode).to.equal(400);
    const contacts = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="Nobody Ltd"'), 'Contacts');
    expect(contacts['Contacts']).to.have.length(0);
  });

  it('when purchase orders are filtered by status and date range, and one is fetched as a PDF, then both work', async () => {
    const create = (status: PurchaseOrder.StatusEnum, date: string) =>
      f.xero.accountingApi.createPurchaseOrders(f.tenantId, {
        purchaseOrders: [{ contact: { contactID: supplierId }, status, date, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1 }] }],
      });
    await create(PurchaseOrder.StatusEnum.DRAFT, '2026-01-10');
    await create(PurchaseOrder.StatusEnum.AUTHORISED, '2026-02-10');
    const authorised = wireBody(await f.xero.accountingApi.getPurchaseOrders(f.tenantId, undefined, 'AUTHORISED'), 'PurchaseOrders');
    expect((authorised['PurchaseOrders'] as Record<string, unknown>[]).map((p) => p['PurchaseOrderNumber'])).to.deep.equal(['PO-0002']);
    const january = wireBody(await f.xero.accountingApi.getPurchaseOrders(f.tenantId, undefined, undefined, '2026-01-01', '2026-01-31'), 'PurchaseOrders');
    expect((january['PurchaseOrders'] as Record<string, unknown>[]).map((p) => p['PurchaseOrderNumber'])).to.deep.equal(['PO-0001']);
    const id = String(firstOf(january, 'PurchaseOrders')['PurchaseOrderID']);
    const pdf = Buffer.from((await f.xero.accountingApi.getPurchaseOrderAsPdf(f.tenantId, id)).body);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
  });

  it('when a purchase order moves to DELETED, then it can no longer be changed', async () => {
    const po = firstOf(
      wireBody(
        await f.xero.accountingApi.createPurchaseOrders(f.tenantId, {
          purchaseOrders: [{ contact: { contactID: supplierId }, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1 }] }],
        }),
        'PurchaseOrders',
      ),
      'PurchaseOrders',
    );
    const id = String(po['PurchaseOrderID']);
    await f.xero.accountingApi.updatePurchaseOrder(f.tenantId, id, { purchaseOrders: [{ status: PurchaseOrder.StatusEnum.DELETED }] });
    const failure = await sdkFailure(
      f.xero.accountingApi.updatePurchaseOrder(f.tenantId, id, { purchaseOrders: [{ status: PurchaseOrder.StatusEnum.AUTHORISED }] }),
    );
    expect(JSON.stringify(failure.body)).to.contain('not of valid status for modification');
  });

  it('when a quote is created, then it is numbered QU-0001 with upper-case line amount types and can be accepted', async () => {
    const quote = firstOf(
      wireBody(
        await f.xero.accountingApi.createQuotes(f.tenantId, {
          quotes: [
            {
              contact: { contactID: supplierId },
              date: '2026-11-20',
              expiryDate: '2026-12-20',
              title: 'Offer',
              lineAmountTypes: QuoteLineAmountTypes.INCLUSIVE,
              lineItems: [{ description: 'Widget', quantity: 1, unitAmount: 110, accountCode: '200', taxType: 'OUTPUT' }],
            },
          ],
        }),
        'Quotes',
      ),
      'Quotes',
    );
    expect(quote).to.include({ QuoteNumber: 'QU-0001', Status: 'DRAFT', LineAmountTypes: 'INCLUSIVE', Total: 110, TotalTax: 10 });
    const id = String(quote['QuoteID']);
    await f.xero.accountingApi.updateQuote(f.tenantId, id, {
      quotes: [{ contact: { contactID: supplierId }, date: '2026-11-20', status: QuoteStatusCodes.SENT }],
    });
    const accepted = firstOf(
      wireBody(
        await f.xero.accountingApi.updateQuote(f.tenantId, id, {
          quotes: [{ contact: { contactID: supplierId }, date: '2026-11-20', status: QuoteStatusCodes.ACCEPTED }],
        }),
        'Quotes',
      ),
      'Quotes',
    );
    expect(accepted['Status']).to.equal('ACCEPTED');
    const listed = wireBody(
      await f.xero.accountingApi.getQuotes(f.tenantId, undefined, undefined, undefined, undefined, undefined, supplierId, 'ACCEPTED'),
      'Quotes',
    );
    expect(listed['Quotes']).to.have.length(1);
  });

  it('when a monthly repeating invoice is run to a date, then it generates one invoice per period carrying RepeatingInvoiceID', async () => {
    const template = firstOf(
      wireBody(
        await f.xero.accountingApi.createRepeatingInvoices(f.tenantId, {
          repeatingInvoices: [
            {
              type: RepeatingInvoice.TypeEnum.ACCREC,
              contact: { name: 'Bayside Club' },
              status: RepeatingInvoice.StatusEnum.AUTHORISED,
              reference: 'Membership',
              schedule: {
                period: 1,
                unit: Schedule.UnitEnum.MONTHLY,
                dueDate: 20,
                dueDateType: Schedule.DueDateTypeEnum.OFFOLLOWINGMONTH,
                startDate: '2026-09-30',
              },
              lineItems: [{ description: 'Support', quantity: 1, unitAmount: 199, accountCode: '200', taxType: 'OUTPUT' }],
            },
          ],
        }),
        'RepeatingInvoices',
      ),
      'RepeatingInvoices',
    );
    const id = String(template['RepeatingInvoiceID']);
    expect(template).to.include({ Status: 'AUTHORISED', Total: 218.9 });
    const run = await f.call('POST', `/sandbox-admin/repeating-invoices/${id}/run`, {
      body: JSON.stringify({ until: '2026-11-30' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(run.status).to.equal(200);
    const generated = (run.json as { Invoices: Record<string, unknown>[] }).Invoices;
    expect(generated.map((i) => i['DateString'])).to.deep.equal(['2026-09-30T00:00:00', '2026-10-30T00:00:00', '2026-11-30T00:00:00']);
    expect(generated.map((i) => i['DueDateString'])).to.deep.equal(['2026-10-20T00:00:00', '2026-11-20T00:00:00', '2026-12-20T00:00:00']);
    expect(generated.every((i) => i['RepeatingInvoiceID'] === id && i['Status'] === 'AUTHORISED' && i['Reference'] === 'Membership')).to.equal(true);
    const after = firstOf(wireBody(await f.xero.accountingApi.getRepeatingInvoice(f.tenantId, id), 'RepeatingInvoices'), 'RepeatingInvoices');
    expect((after['Schedule'] as Record<string, unknown>)['NextScheduledDateString']).to.equal('2026-12-30T00:00:00');
    const invoices = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId, undefined, `RepeatingInvoiceID==GUID("${id}")`), 'Invoices');
    expect(invoices['Invoices']).to.have.length(3);
  });

  it('when a repeating invoice is deleted by update, then it is DELETED and its schedule no longer runs', async () => {
    const template = firstOf(
      wireBody(
        await f.xero.accountingApi.createRepeatingInvoices(f.tenantId, {
          repeatingInvoices: [
            {
              type: RepeatingInvoice.TypeEnum.ACCREC,
              contact: { name: 'Bayside Club' },
              currencyCode: CurrencyCode.AUD,
              schedule: {
                period: 12,
                unit: Schedule.UnitEnum.MONTHLY,
                dueDate: 14,
                dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE,
                startDate: '2026-01-01',
              },
              lineItems: [{ description: 'Annual', quantity: 1, unitAmount: 1000, accountCode: '200' }],
            },
          ],
        }),
        'RepeatingInvoices',
      ),
      'RepeatingInvoices',
    );
    const id = String(template['RepeatingInvoiceID']);
    const deleted = firstOf(
      wireBody(
        await f.xero.accountingApi.updateRepeatingInvoice(f.tenantId, id, { repeatingInvoices: [{ status: RepeatingInvoice.StatusEnum.DELETED }] }),
        'RepeatingInvoices',
      ),
      'RepeatingInvoices',
    );
    expect(deleted['Status']).to.equal('DELETED');
    const run = await f.call('POST', `/sandbox-admin/repeating-invoices/${id}/run`);
    expect(run.status).to.equal(404);
  });

  it('when a draft repeating invoice runs with nothing due yet, then it generates the next DRAFT invoice early', async () => {
    const template = firstOf(
      wireBody(
        await f.xero.accountingApi.createRepeatingInvoices(f.tenantId, {
          repeatingInvoices: [
            {
              type: RepeatingInvoice.TypeEnum.ACCREC,
              contact: { name: 'Bayside Club' },
              schedule: {
                period: 2,
                unit: Schedule.UnitEnum.WEEKLY,
                dueDate: 7,
                dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE,
                startDate: '2027-03-01',
              },
              lineItems: [{ description: 'Fortnightly', quantity: 1, unitAmount: 50, accountCode: '200' }],
            },
          ],
        }),
        'RepeatingInvoices',
      ),
      'RepeatingInvoices',
    );
    const run = await f.call('POST', `/sandbox-admin/repeating-invoices/${String(template['RepeatingInvoiceID'])}/run`);
    const generated = (run.json as { Invoices: Record<string, unknown>[] }).Invoices;
    expect(generated.map((i) => [i['Status'], i['DateString'], i['DueDateString']])).to.deep.equal([['DRAFT', '2027-03-01T00:00:00', '2027-03-08T00:00:00']]);
  });

  it('when an invoice lists are asked for with summaryOnly, then line items are left out', async () => {
    await f.xero.accountingApi.createInvoices(f.tenantId, {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { contactID: supplierId },
          lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '200' }],
        },
      ],
    });
    const body = wireBody(
      await f.xero.accountingApi.getInvoices(
        f.tenantId,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        1,
        undefined,
        undefined,
        undefined,
        true,
      ),
      'Invoices',
    );
    expect(firstOf(body, 'Invoices')).to.not.have.property('LineItems');
    expect(body['pagination']).to.include({ page: 1, itemCount: 1 });
  });
});
