import { expect } from 'chai';
import { Contact, CreditNote, Invoice, type CreditNotes, type Invoices } from 'xero-node';
import { creditNoteForInvoice } from '../../../src/sandbox/accounting/credit-notes-service.js';
import { TenantStore } from '../../../src/sandbox/accounting/store.js';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';
import { eventsSeen, KEY, startReceiver, type WebhookReceiver } from './webhook-receiver.js';

type Row = Record<string, unknown>;

const messagesOf = (body: unknown): string[] =>
  (body as { Elements: { ValidationErrors: { Message: string }[] }[] }).Elements.flatMap((e) => e.ValidationErrors.map((v) => v.Message));

describe('sandbox accounting: credit notes and allocations', () => {
  let f: Fixture;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await f.close();
    await receiver?.close();
    receiver = undefined;
  });

  async function contact(name: string): Promise<string> {
    return String(firstOf(wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name }] }), 'Contacts'), 'Contacts')['ContactID']);
  }

  async function approvedInvoice(contactID: string, type = Invoice.TypeEnum.ACCREC, unitAmount = 100): Promise<Row> {
    const body: Invoices = {
      invoices: [
        {
          type,
          contact: { contactID },
          date: '2026-11-20',
          dueDate: '2026-12-20',
          status: Invoice.StatusEnum.AUTHORISED,
          lineItems: [{ description: 'Work', quantity: 1, unitAmount, accountCode: type === Invoice.TypeEnum.ACCREC ? '200' : '300' }],
        },
      ],
    };
    return firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, body), 'Invoices'), 'Invoices');
  }

  const note = (contactID: string, extra: Partial<CreditNote> = {}): CreditNotes => ({
    creditNotes: [
      {
        type: CreditNote.TypeEnum.ACCRECCREDIT,
        contact: { contactID },
        date: '2026-11-22',
        status: CreditNote.StatusEnum.AUTHORISED,
        lineItems: [{ description: 'Refund part', quantity: 1, unitAmount: 40, accountCode: '200' }],
        ...extra,
      },
    ],
  });

  async function createNote(contactID: string, extra: Partial<CreditNote> = {}): Promise<Row> {
    return firstOf(wireBody(await f.xero.accountingApi.createCreditNotes(f.tenantId, note(contactID, extra)), 'CreditNotes'), 'CreditNotes');
  }

  async function allocate(creditNoteId: string, invoiceID: string, amount: number): Promise<Row> {
    const result = await f.xero.accountingApi.createCreditNoteAllocation(f.tenantId, creditNoteId, {
      allocations: [{ invoice: { invoiceID }, amount, date: '2026-11-23' }],
    });
    return firstOf(wireBody(result, 'Allocations'), 'Allocations');
  }

  async function getInvoice(id: string): Promise<Row> {
    return firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, id), 'Invoices'), 'Invoices');
  }

  async function getNote(id: string): Promise<Row> {
    return firstOf(wireBody(await f.xero.accountingApi.getCreditNote(f.tenantId, id), 'CreditNotes'), 'CreditNotes');
  }

  it('when a sales credit note is created, then it is numbered CN-0001 with totals and all its credit remaining', async () => {
    f = await startAccounting();
    const created = await createNote(await contact('Credit Customer'), { status: CreditNote.StatusEnum.DRAFT });
    expect(created).to.include({
      Type: 'ACCRECCREDIT',
      CreditNoteNumber: 'CN-0001',
      Status: 'DRAFT',
      SubTotal: 40,
      TotalTax: 4,
      Total: 44,
      RemainingCredit: 44,
      CurrencyCode: 'AUD',
    });
    expect(created['DateString']).to.equal('2026-11-22T00:00:00');
    const listed = wireBody(await f.xero.accountingApi.getCreditNotes(f.tenantId, undefined, 'Status=="DRAFT"', undefined, 1), 'CreditNotes');
    expect(listed['pagination']).to.include({ page: 1, itemCount: 1 });
    expect(firstOf(listed, 'CreditNotes')['LineItems']).to.have.length(1);
  });

  it("when credit is allocated in two parts, then the invoice's AmountCredited and AmountDue move and it is PAID when nothing is due", async () => {
    f = await startAccounting();
    const who = await contact('Two Part Customer');
    const inv = await approvedInvoice(who);
    const invoiceId = String(inv['InvoiceID']);
    const first = await createNote(who);
    const allocation = await allocate(String(first['CreditNoteID']), invoiceId, 44);
    expect(allocation).to.include({ Amount: 44 });
    expect((allocation['Invoice'] as Row)['InvoiceID']).to.equal(invoiceId);
    const part = await getInvoice(invoiceId);
    expect(part).to.include({ Status: 'AUTHORISED', AmountCredited: 44, AmountDue: 66, AmountPaid: 0 });
    expect((part['CreditNotes'] as Row[]).map((c) => [c['CreditNoteNumber'], c['AppliedAmount']])).to.deep.equal([['CN-0001', 44]]);
    expect(await getNote(String(first['CreditNoteID']))).to.include({ Status: 'PAID', RemainingCredit: 0 });

    const second = await createNote(who, { lineItems: [{ description: 'Rest', quantity: 1, unitAmount: 100, accountCode: '200' }] });
    await allocate(String(second['CreditNoteID']), invoiceId, 66);
    const paid = await getInvoice(invoiceId);
    expect(paid).to.include({ Status: 'PAID', AmountCredited: 110, AmountDue: 0 });
    expect(paid['FullyPaidOnDateString'] ?? paid['FullyPaidOnDate']).to.be.a('string');
    expect(await getNote(String(second['CreditNoteID']))).to.include({ Status: 'AUTHORISED', RemainingCredit: 44 });
  });

  it('when a purchases credit note is allocated to a bill, then the bill is credited', async () => {
    f = await startAccounting();
    const supplier = await contact('Credit Supplier');
    const bill = await approvedInvoice(supplier, Invoice.TypeEnum.ACCPAY, 50);
    const credit = await createNote(supplier, {
      type: CreditNote.TypeEnum.ACCPAYCREDIT,
      creditNoteNumber: 'SUP-CR-9',
      lineItems: [{ description: 'Returned', quantity: 1, unitAmount: 10, accountCode: '300' }],
    });
    expect(credit).to.include({ Type: 'ACCPAYCREDIT', CreditNoteNumber: 'SUP-CR-9', Total: 11 });
    await allocate(String(credit['CreditNoteID']), String(bill['InvoiceID']), 11);
    expect(await getInvoice(String(bill['InvoiceID']))).to.include({ AmountCredited: 11, AmountDue: 44 });
  });

  it("when an allocation breaks Xero's rules, then it is refused with the reason and nothing moves", async () => {
    f = await startAccounting();
    const who = await contact('Rules Customer');
    const other = await contact('Someone Else');
    const inv = await approvedInvoice(who);
    const draft = await createNote(who, { status: CreditNote.StatusEnum.DRAFT });
    const approved = await createNote(who);
    const foreign = await createNote(other);
    const cases: [string, number, string][] = [
      [String(draft['CreditNoteID']), 10, 'Only approved credit notes with remaining credit can be allocated.'],
      [String(approved['CreditNoteID']), 50, 'The amount allocated exceeds the remaining credit on this credit note.'],
      [String(foreign['CreditNoteID']), 10, 'The credit note and the invoice must be for the same contact.'],
      [String(approved['CreditNoteID']), 0, 'Allocation amount must be greater than zero.'],
    ];
    for (const [id, amount, message] of cases) {
      const failure = await sdkFailure(
        f.xero.accountingApi.createCreditNoteAllocation(f.tenantId, id, {
          allocations: [{ invoice: { invoiceID: String(inv['InvoiceID']) }, amount, date: '2026-11-23' }],
        }),
      );
      expect(failure.statusCode).to.equal(400);
      expect(messagesOf(failure.body)).to.deep.equal([message]);
    }
    expect(await getInvoice(String(inv['InvoiceID']))).to.include({ AmountCredited: 0, AmountDue: 110 });
  });

  it("when credit is applied, then both documents' history says so, oldest first", async () => {
    f = await startAccounting();
    const who = await contact('History Customer');
    const inv = await approvedInvoice(who);
    const credit = await createNote(who);
    await allocate(String(credit['CreditNoteID']), String(inv['InvoiceID']), 44);
    const noteHistory = wireBody(await f.xero.accountingApi.getCreditNoteHistory(f.tenantId, String(credit['CreditNoteID'])), 'HistoryRecords')[
      'HistoryRecords'
    ] as Row[];
    expect(noteHistory.map((h) => h['Changes'])).to.deep.equal(['Created', 'Credit Applied']);
    expect(noteHistory[1]?.['Details']).to.equal(`44.00 applied to ${String(inv['InvoiceNumber'])} on 2026-11-23.`);
    const invoiceHistory = wireBody(await f.xero.accountingApi.getInvoiceHistory(f.tenantId, String(inv['InvoiceID'])), 'HistoryRecords')[
      'HistoryRecords'
    ] as Row[];
    expect(invoiceHistory.at(-1)).to.include({ Changes: 'Credit Applied', Details: 'Credit note CN-0001 applied for 44.00 on 2026-11-23.' });
  });

  it('when a credit note is created for an archived contact, then Xero refuses it with its exact message', async () => {
    f = await startAccounting();
    const who = await contact('Archived Credit');
    await f.xero.accountingApi.updateContact(f.tenantId, who, { contacts: [{ contactStatus: Contact.ContactStatusEnum.ARCHIVED }] });
    const failure = await sdkFailure(f.xero.accountingApi.createCreditNotes(f.tenantId, note(who)));
    expect(failure.statusCode).to.equal(400);
    expect(messagesOf(failure.body)).to.deep.equal([
      'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.',
    ]);
  });

  it('when an invoice has credit allocated, then it can no longer be voided, and removing the allocation makes it owed again', async () => {
    f = await startAccounting();
    const who = await contact('Void Customer');
    const inv = await approvedInvoice(who);
    const credit = await createNote(who);
    const allocation = await allocate(String(credit['CreditNoteID']), String(inv['InvoiceID']), 20);
    const refused = await sdkFailure(
      f.xero.accountingApi.updateInvoice(f.tenantId, String(inv['InvoiceID']), { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }),
    );
    expect(messagesOf(refused.body)).to.deep.equal(['This document cannot be edited as it has a payment or credit note allocated to it.']);
    const removed = wireBody(
      await f.xero.accountingApi.deleteCreditNoteAllocations(f.tenantId, String(credit['CreditNoteID']), String(allocation['AllocationID'])),
      'Allocation',
    );
    expect(removed['IsDeleted']).to.equal(true);
    expect(await getInvoice(String(inv['InvoiceID']))).to.include({ AmountCredited: 0, AmountDue: 110, Status: 'AUTHORISED' });
    expect(await getNote(String(credit['CreditNoteID']))).to.include({ RemainingCredit: 44 });
  });

  it('when credit notes are created and allocated, then CREDITNOTE and INVOICE webhook events are sent', async () => {
    receiver = await startReceiver(() => 200);
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY });
    const who = await contact('Webhook Customer');
    const inv = await approvedInvoice(who);
    const credit = await createNote(who);
    await allocate(String(credit['CreditNoteID']), String(inv['InvoiceID']), 10);
    await f.router.accounting.webhooks.flush();
    const seen = eventsSeen(receiver);
    const noteId = String(credit['CreditNoteID']);
    expect(seen).to.include(`CREDITNOTE CREATE ${noteId}`);
    expect(seen.slice(-2)).to.have.members([`CREDITNOTE UPDATE ${noteId}`, `INVOICE UPDATE ${String(inv['InvoiceID'])}`]);
    const event = receiver.deliveries.flatMap((d) => d.body.events).find((e) => e['eventCategory'] === 'CREDITNOTE');
    expect(String(event?.['resourceUrl'])).to.equal(`${f.apiBase}/CreditNotes/${noteId}`);
  });

  it('when the accountant adds a credit note for an invoice, then it copies the lines, is approved and is allocated to the invoice', async () => {
    f = await startAccounting();
    const who = await contact('Page Customer');
    const inv = await approvedInvoice(who);
    const store = new TenantStore(f.db, f.tenantId);
    const result = await store.transaction((trx) =>
      creditNoteForInvoice(trx, String(inv['InvoiceID']), { nowMs: f.clock.now(), baseCurrency: 'AUD', events: [], date: '2026-11-24T00:00:00' }),
    );
    expect(result.creditNote).to.include({ Status: 'PAID', Total: 110, RemainingCredit: 0, Type: 'ACCRECCREDIT' });
    expect(result.allocation).to.include({ Amount: 110 });
    expect(await getInvoice(String(inv['InvoiceID']))).to.include({ Status: 'PAID', AmountCredited: 110, AmountDue: 0 });
    const partial = await approvedInvoice(who);
    const part = await store.transaction((trx) =>
      creditNoteForInvoice(trx, String(partial['InvoiceID']), { nowMs: f.clock.now(), baseCurrency: 'AUD', events: [], amount: 30 }),
    );
    expect(part.creditNote).to.include({ Total: 30, Status: 'PAID' });
    expect(await getInvoice(String(partial['InvoiceID']))).to.include({ Status: 'AUTHORISED', AmountDue: 80 });
  });
});
