import { expect } from 'chai';
import { Invoice } from 'xero-node';
import { firstOf, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("sandbox accounting: a contact's Balances", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startAccounting();
  });
  afterEach(async () => f.close());

  async function contact(name: string): Promise<string> {
    const created = await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name }] });
    return String(created.body.contacts?.[0]?.contactID);
  }

  async function invoice(contactId: string, o: { type?: Invoice.TypeEnum; status: Invoice.StatusEnum; amount: number; dueInDays: number }): Promise<string> {
    const now = f.clock.now();
    const result = await f.xero.accountingApi.createInvoices(f.tenantId, {
      invoices: [
        {
          type: o.type ?? Invoice.TypeEnum.ACCREC,
          contact: { contactID: contactId },
          date: day(now - 40 * DAY),
          dueDate: day(now + o.dueInDays * DAY),
          status: o.status,
          lineAmountTypes: 'NoTax' as never,
          lineItems: [{ description: 'Work', quantity: 1, unitAmount: o.amount, accountCode: o.type === Invoice.TypeEnum.ACCPAY ? '400' : '200' }],
        },
      ],
    });
    return String(result.body.invoices?.[0]?.invoiceID);
  }

  it("when a contact has approved invoices and bills, some overdue and part paid, then GET /Contacts/{id} carries Xero's Balances (spec-valid), drafts and other contacts left out", async () => {
    const id = await contact('Balance Holdings');
    const other = await contact('Someone Else');
    await invoice(id, { status: Invoice.StatusEnum.AUTHORISED, amount: 110, dueInDays: -10 });
    const partPaid = await invoice(id, { status: Invoice.StatusEnum.AUTHORISED, amount: 50, dueInDays: 14 });
    await f.xero.accountingApi.createPayment(f.tenantId, { invoice: { invoiceID: partPaid }, account: { code: '090' }, amount: 20, date: day(f.clock.now()) });
    await invoice(id, { status: Invoice.StatusEnum.DRAFT, amount: 999, dueInDays: -30 });
    await invoice(id, { status: Invoice.StatusEnum.SUBMITTED, amount: 77, dueInDays: -30 });
    await invoice(id, { type: Invoice.TypeEnum.ACCPAY, status: Invoice.StatusEnum.AUTHORISED, amount: 30.55, dueInDays: -1 });
    await invoice(id, { type: Invoice.TypeEnum.ACCPAY, status: Invoice.StatusEnum.AUTHORISED, amount: 12, dueInDays: 0 });
    await invoice(other, { status: Invoice.StatusEnum.AUTHORISED, amount: 5000, dueInDays: -5 });

    const body = wireBody(await f.xero.accountingApi.getContact(f.tenantId, id), 'Contacts');
    expect(firstOf(body, 'Contacts')['Balances']).to.deep.equal({
      AccountsReceivable: { Outstanding: 140, Overdue: 110 },
      AccountsPayable: { Outstanding: 42.55, Overdue: 30.55 },
    });
    const sdk = (await f.xero.accountingApi.getContact(f.tenantId, id)).body.contacts?.[0];
    expect(sdk?.balances?.accountsReceivable?.outstanding).to.equal(140);

    // Paid in full: nothing outstanding any more.
    await f.xero.accountingApi.createPayment(f.tenantId, { invoice: { invoiceID: partPaid }, account: { code: '090' }, amount: 30, date: day(f.clock.now()) });
    const after = firstOf(wireBody(await f.xero.accountingApi.getContact(f.tenantId, id), 'Contacts'), 'Contacts');
    expect(after['Balances']).to.deep.include({ AccountsReceivable: { Outstanding: 110, Overdue: 110 } });
  });

  it('when contacts are listed, then Balances are not in the list (only the single-contact GET carries them)', async () => {
    const id = await contact('Listed Pty');
    await invoice(id, { status: Invoice.StatusEnum.AUTHORISED, amount: 10, dueInDays: 5 });
    const list = wireBody(await f.xero.accountingApi.getContacts(f.tenantId), 'Contacts')['Contacts'] as Array<Record<string, unknown>>;
    expect(list.find((c) => c['Name'] === 'Listed Pty')).not.to.have.property('Balances');
    const one = firstOf(wireBody(await f.xero.accountingApi.getContact(f.tenantId, id), 'Contacts'), 'Contacts');
    expect(one['Balances']).to.deep.equal({ AccountsReceivable: { Outstanding: 10, Overdue: 0 }, AccountsPayable: { Outstanding: 0, Overdue: 0 } });
  });
});
