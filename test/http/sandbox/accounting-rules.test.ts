import { expect } from 'chai';
import { Contact, Invoice, RepeatingInvoice, Schedule, type Invoices } from 'xero-node';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

type ErrorBody = { ErrorNumber: number; Type: string; Elements: { ValidationErrors: { Message: string }[] }[] };

function messagesOf(body: unknown): string[] {
  return (body as ErrorBody).Elements.flatMap((e) => e.ValidationErrors.map((v) => v.Message));
}

async function refused(promise: Promise<unknown>): Promise<string[]> {
  const failure = await sdkFailure(promise);
  expect(failure.statusCode).to.equal(400);
  expect((failure.body as ErrorBody).Type).to.equal('ValidationException');
  return messagesOf(failure.body);
}

const sale = (contactID: string, extra: Partial<Invoice> = {}): Invoices => ({
  invoices: [
    {
      type: Invoice.TypeEnum.ACCREC,
      contact: { contactID },
      date: '2026-11-20',
      dueDate: '2026-12-20',
      lineItems: [{ description: 'Consulting', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }],
      ...extra,
    },
  ],
});

describe('sandbox accounting: rules Xero enforces', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startAccounting();
  });
  afterEach(async () => f.close());

  async function newContact(contact: Contact): Promise<string> {
    return String(firstOf(wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [contact] }), 'Contacts'), 'Contacts')['ContactID']);
  }

  async function archive(contactID: string): Promise<void> {
    await f.xero.accountingApi.updateContact(f.tenantId, contactID, { contacts: [{ contactStatus: Contact.ContactStatusEnum.ARCHIVED }] });
  }

  it('when a contact takes the ContactNumber of an archived contact, then Xero refuses it with its exact message', async () => {
    const first = await newContact({ name: 'Old Customer', contactNumber: 'CUST-7' });
    await archive(first);
    const messages = await refused(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'New Customer', contactNumber: 'CUST-7' }] }));
    expect(messages).to.deep.equal([
      'The contact number CUST-7 is already assigned to another contact. The contact number must be unique across all contacts.',
    ]);
    const found = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="New Customer"'), 'Contacts')['Contacts'];
    expect(found).to.have.length(0);
  });

  it("when a contact is updated to another contact's ContactNumber, then it is refused, and keeping its own number is fine", async () => {
    await newContact({ name: 'Holder', contactNumber: 'N-1' });
    const other = await newContact({ name: 'Other', contactNumber: 'N-2' });
    const messages = await refused(f.xero.accountingApi.updateContact(f.tenantId, other, { contacts: [{ contactNumber: 'N-1' }] }));
    expect(messages).to.deep.equal(['The contact number N-1 is already assigned to another contact. The contact number must be unique across all contacts.']);
    const kept = firstOf(
      wireBody(
        await f.xero.accountingApi.updateContact(f.tenantId, other, { contacts: [{ contactNumber: 'N-2', emailAddress: 'o@other.example' }] }),
        'Contacts',
      ),
      'Contacts',
    );
    expect(kept).to.include({ ContactNumber: 'N-2', EmailAddress: 'o@other.example' });
  });

  it('when a contact takes an AccountNumber already in use, then Xero refuses it with its exact message', async () => {
    await newContact({ name: 'First Account', accountNumber: 'ACC-100' });
    const messages = await refused(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Second Account', accountNumber: 'ACC-100' }] }));
    expect(messages).to.deep.equal(['The Account Number already exists. Please enter a different Account Number.']);
  });

  it('when an invoice is created for an archived contact, then Xero refuses it with its exact message and saves nothing', async () => {
    const id = await newContact({ name: 'Gone Away Ltd' });
    await archive(id);
    const messages = await refused(f.xero.accountingApi.createInvoices(f.tenantId, sale(id)));
    expect(messages).to.deep.equal([
      'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.',
    ]);
    expect(wireBody(await f.xero.accountingApi.getInvoices(f.tenantId), 'Invoices')['Invoices']).to.have.length(0);
  });

  it('when the contact of an existing draft is archived afterwards, then the draft can still be approved', async () => {
    const id = await newContact({ name: 'Archived Later' });
    const draft = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale(id)), 'Invoices'), 'Invoices');
    await archive(id);
    const approved = firstOf(
      wireBody(
        await f.xero.accountingApi.updateInvoice(f.tenantId, String(draft['InvoiceID']), { invoices: [{ status: Invoice.StatusEnum.AUTHORISED }] }),
        'Invoices',
      ),
      'Invoices',
    );
    expect(approved['Status']).to.equal('AUTHORISED');
  });

  it('when an existing repeating invoice is posted with a status other than DELETED, then Xero refuses the edit and the template is unchanged', async () => {
    const template = firstOf(
      wireBody(
        await f.xero.accountingApi.createRepeatingInvoices(f.tenantId, {
          repeatingInvoices: [
            {
              type: RepeatingInvoice.TypeEnum.ACCREC,
              contact: { name: 'Bayside Club' },
              status: RepeatingInvoice.StatusEnum.DRAFT,
              reference: 'Original',
              schedule: {
                period: 1,
                unit: Schedule.UnitEnum.MONTHLY,
                dueDate: 14,
                dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE,
                startDate: '2026-12-01',
              },
              lineItems: [{ description: 'Support', quantity: 1, unitAmount: 100, accountCode: '200' }],
            },
          ],
        }),
        'RepeatingInvoices',
      ),
      'RepeatingInvoices',
    );
    const id = String(template['RepeatingInvoiceID']);
    for (const change of [{ status: RepeatingInvoice.StatusEnum.AUTHORISED }, { reference: 'Changed' }]) {
      const messages = await refused(f.xero.accountingApi.updateRepeatingInvoice(f.tenantId, id, { repeatingInvoices: [change] }));
      expect(messages).to.deep.equal(['Repeating invoice status must be set to DELETED']);
    }
    const byBatch = await refused(
      f.xero.accountingApi.updateOrCreateRepeatingInvoices(f.tenantId, { repeatingInvoices: [{ repeatingInvoiceID: id, reference: 'Changed' }] }),
    );
    expect(byBatch).to.deep.equal(['Repeating invoice status must be set to DELETED']);
    const after = firstOf(wireBody(await f.xero.accountingApi.getRepeatingInvoice(f.tenantId, id), 'RepeatingInvoices'), 'RepeatingInvoices');
    expect(after).to.include({ Status: 'DRAFT', Reference: 'Original' });
  });

  it('when an invoice with a payment is posted with another date, then Xero refuses to change the date', async () => {
    const id = await newContact({ name: 'Payer' });
    const inv = firstOf(
      wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale(id, { status: Invoice.StatusEnum.AUTHORISED })), 'Invoices'),
      'Invoices',
    );
    await f.xero.accountingApi.createPayment(f.tenantId, {
      invoice: { invoiceID: String(inv['InvoiceID']) },
      account: { code: '090' },
      amount: 10,
      date: '2026-11-21',
    });
    const messages = await refused(f.xero.accountingApi.updateInvoice(f.tenantId, String(inv['InvoiceID']), { invoices: [{ date: '2026-11-25' }] }));
    expect(messages).to.deep.equal(['Date cannot be changed on an invoice that has payment or credit notes allocated to it.']);
    const same = firstOf(
      wireBody(
        await f.xero.accountingApi.updateInvoice(f.tenantId, String(inv['InvoiceID']), { invoices: [{ date: '2026-11-20', reference: 'kept date' }] }),
        'Invoices',
      ),
      'Invoices',
    );
    expect(same['Reference']).to.equal('kept date');
  });

  it('when a bill line carries a discount, then it is refused (Xero: bills and credit notes take no discounts), while a sales invoice takes it', async () => {
    const id = await newContact({ name: 'Supplier With Discount' });
    const bill: Invoices = {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCPAY,
          contact: { contactID: id },
          lineItems: [{ description: 'Parts', quantity: 1, unitAmount: 100, accountCode: '300', discountRate: 10 }],
        },
      ],
    };
    const messages = await refused(f.xero.accountingApi.createInvoices(f.tenantId, bill));
    expect(messages).to.deep.equal(['Discounts are only supported on sales invoices and quotes (not on bills or credit notes).']);
    const discounted = firstOf(
      wireBody(
        await f.xero.accountingApi.createInvoices(
          f.tenantId,
          sale(id, { lineItems: [{ description: 'x', quantity: 1, unitAmount: 100, accountCode: '200', discountRate: 10 }] }),
        ),
        'Invoices',
      ),
      'Invoices',
    );
    expect(discounted['SubTotal']).to.equal(90);
  });

  it('when a draft invoice is marked as sent to the contact, then it is refused (only approved invoices can be)', async () => {
    const id = await newContact({ name: 'Not Sent Yet' });
    const messages = await refused(f.xero.accountingApi.createInvoices(f.tenantId, sale(id, { sentToContact: true })));
    expect(messages).to.deep.equal(['Only approved invoices can be marked as sent to the contact.']);
    const sent = firstOf(
      wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale(id, { sentToContact: true, status: Invoice.StatusEnum.AUTHORISED })), 'Invoices'),
      'Invoices',
    );
    expect(sent['SentToContact']).to.equal(true);
  });

  it("when contact fields exceed Xero's maximum lengths, then each is refused", async () => {
    const messages = await refused(
      f.xero.accountingApi.createContacts(f.tenantId, {
        contacts: [{ name: 'Too Long', contactNumber: 'C'.repeat(51), accountNumber: 'A'.repeat(51), taxNumber: 'T'.repeat(51) }],
      }),
    );
    expect(messages).to.deep.equal([
      'The Contact Number must not exceed 50 characters.',
      'The Account Number must not exceed 50 characters.',
      'The Tax Number must not exceed 50 characters.',
    ]);
  });

  it('when an item description exceeds 4000 characters, then it is refused', async () => {
    const messages = await refused(f.xero.accountingApi.createItems(f.tenantId, { items: [{ code: 'LONG-1', name: 'Long', description: 'd'.repeat(4001) }] }));
    expect(messages).to.deep.equal(['Item description must not exceed 4000 characters.']);
  });
});
