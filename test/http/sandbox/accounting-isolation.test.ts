import { expect } from 'chai';
import { startAccounting, type Fixture } from './accounting-fixture.js';

const json = { 'Content-Type': 'application/json' };

describe('sandbox accounting: organisations are isolated', () => {
  let f: Fixture;
  afterEach(async () => f.close());

  it('when records exist in one organisation, then no route of another organisation can read, list or change them', async () => {
    f = await startAccounting();
    const other = await f.addOrganisation({ name: 'Other Org', countryCode: 'AU' });
    const put = async (path: string, body: unknown) => {
      const r = await f.call('PUT', path, { body: JSON.stringify(body), headers: json });
      expect(r.status, `${path}: ${r.text}`).to.equal(200);
      return r.json as Record<string, Record<string, unknown>[]>;
    };
    const contact = (await put('/Contacts', { Contacts: [{ Name: 'Secret Client' }] }))['Contacts']?.[0] ?? {};
    const contactId = String(contact['ContactID']);
    const invoice =
      (
        await put('/Invoices', {
          Invoices: [
            {
              Type: 'ACCREC',
              Status: 'AUTHORISED',
              DueDate: '2026-12-31',
              Contact: { ContactID: contactId },
              LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '200' }],
            },
          ],
        })
      )['Invoices']?.[0] ?? {};
    const invoiceId = String(invoice['InvoiceID']);
    const payment = (await put('/Payments', { Payments: [{ Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Amount: 1 }] }))['Payments']?.[0] ?? {};
    const po =
      (
        await put('/PurchaseOrders', { PurchaseOrders: [{ Contact: { ContactID: contactId }, LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1 }] }] })
      )['PurchaseOrders']?.[0] ?? {};
    const quote =
      (await put('/Quotes', { Quotes: [{ Contact: { ContactID: contactId }, LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1 }] }] }))[
        'Quotes'
      ]?.[0] ?? {};
    const repeating =
      (
        await put('/RepeatingInvoices', {
          RepeatingInvoices: [
            {
              Type: 'ACCREC',
              Contact: { ContactID: contactId },
              Schedule: { Period: 1, Unit: 'MONTHLY', DueDate: 1, DueDateType: 'DAYSAFTERBILLDATE', StartDate: '2027-01-01' },
              LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1 }],
            },
          ],
        })
      )['RepeatingInvoices']?.[0] ?? {};
    const item = (await put('/Items', { Items: [{ Code: 'SECRET', Name: 'Secret item' }] }))['Items']?.[0] ?? {};
    await f.call('PUT', `/Invoices/${invoiceId}/Attachments/secret.txt`, { body: 'secret' });
    await put(`/Invoices/${invoiceId}/History`, { HistoryRecords: [{ Details: 'secret note' }] });

    const ids: [string, string][] = [
      ['Contacts', contactId],
      ['Invoices', invoiceId],
      ['Payments', String(payment['PaymentID'])],
      ['PurchaseOrders', String(po['PurchaseOrderID'])],
      ['Quotes', String(quote['QuoteID'])],
      ['RepeatingInvoices', String(repeating['RepeatingInvoiceID'])],
      ['Items', String(item['ItemID'])],
    ];
    const as = { tenantId: other.tenantId };
    for (const [collection, id] of ids) {
      expect((await f.call('GET', `/${collection}/${id}`, as)).status, `GET ${collection}`).to.equal(404);
      const list = await f.call('GET', `/${collection}`, as);
      expect(list.text, `list ${collection}`).to.not.contain(id);
      expect(
        (await f.call('POST', `/${collection}/${id}`, { ...as, body: JSON.stringify({ [collection]: [{}] }), headers: json })).status,
        `POST ${collection}`,
      ).to.equal(404);
      expect((await f.call('GET', `/${collection}/${id}/History`, as)).status, `history ${collection}`).to.equal(404);
    }
    for (const [collection, id] of ids.filter(([c]) => ['Contacts', 'Invoices', 'PurchaseOrders', 'Quotes', 'RepeatingInvoices'].includes(c))) {
      expect((await f.call('GET', `/${collection}/${id}/Attachments`, as)).status, `attachments ${collection}`).to.equal(404);
      expect((await f.call('PUT', `/${collection}/${id}/Attachments/x.txt`, { ...as, body: 'x' })).status, `attach ${collection}`).to.equal(404);
    }
    expect((await f.call('GET', `/Invoices/INV-0001`, as)).status).to.equal(404);
    expect((await f.call('GET', `/Invoices/${invoiceId}/OnlineInvoice`, as)).status).to.equal(404);
    expect((await f.call('GET', `/Items/SECRET`, as)).status).to.equal(404);
    expect((await f.call('POST', `/sandbox-admin/repeating-invoices/${String(repeating['RepeatingInvoiceID'])}/run`, as)).status).to.equal(404);
    const crossPayment = await f.call('PUT', '/Payments', {
      ...as,
      body: JSON.stringify({ Payments: [{ Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Amount: 1 }] }),
      headers: json,
    });
    expect(crossPayment.status).to.equal(400);
    const crossInvoice = await f.call('PUT', '/Invoices', {
      ...as,
      body: JSON.stringify({ Invoices: [{ Type: 'ACCREC', Contact: { ContactID: contactId } }] }),
      headers: json,
    });
    expect(crossInvoice.status).to.equal(400);
    const otherOrg = await f.call('GET', '/Organisation', as);
    expect((otherOrg.json as { Organisations: Record<string, unknown>[] }).Organisations[0]?.['OrganisationID']).to.equal(other.tenantId);
  });
});
