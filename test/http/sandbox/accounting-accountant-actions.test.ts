import { expect } from 'chai';
import { CreditNote, Invoice, PurchaseOrder, type Invoices } from 'xero-node';
import * as actions from '../../../src/sandbox/accounting/accountant-actions.js';
import { ElementRejected } from '../../../src/sandbox/accounting/batch.js';
import type { ChangeEvent } from '../../../src/sandbox/accounting/http.js';
import { TenantStore } from '../../../src/sandbox/accounting/store.js';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';
import { eventsSeen, KEY, startReceiver, type WebhookReceiver } from './webhook-receiver.js';

type Row = Record<string, unknown>;

describe("sandbox accounting: the accountant's actions (services for the sandbox pages)", () => {
  let f: Fixture;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startReceiver(() => 200);
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY });
  });

  /** What a page does: one transaction, then the events through the API's dispatcher. */
  async function perform<T>(work: (store: TenantStore, ctx: actions.ActionContext) => Promise<T>, tenantId = f.tenantId): Promise<T> {
    const events: ChangeEvent[] = [];
    const value = await new TenantStore(f.db, tenantId).transaction((store) => work(store, { nowMs: f.clock.now(), baseCurrency: 'AUD', events }));
    f.router.accounting.webhooks.publish(tenantId, events, f.apiBase);
    return value;
  }

  async function refusal(work: (store: TenantStore, ctx: actions.ActionContext) => Promise<unknown>): Promise<string[]> {
    try {
      await perform(work);
    } catch (error) {
      if (error instanceof ElementRejected) return error.messages;
      throw error;
    }
    throw new Error('expected the action to be refused');
  }
  afterEach(async () => {
    await f.close();
    await receiver.close();
  });

  async function invoice(extra: Partial<Invoice> = {}): Promise<string> {
    const body: Invoices = {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { name: 'Page Customer' },
          date: '2026-11-20',
          dueDate: '2026-12-20',
          lineItems: [{ description: 'Work', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }],
          ...extra,
        },
      ],
    };
    return String(firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, body), 'Invoices'), 'Invoices')['InvoiceID']);
  }

  async function getInvoice(id: string): Promise<Row> {
    return firstOf(wireBody(await f.xero.accountingApi.getInvoice(f.tenantId, id), 'Invoices'), 'Invoices');
  }

  async function eventsAfterFlush(): Promise<string[]> {
    await f.router.accounting.webhooks.flush();
    return eventsSeen(receiver);
  }

  it("when a draft is approved, then it is AUTHORISED and INVOICE UPDATE is sent; without a due date it is refused with Xero's message", async () => {
    const id = await invoice();
    const approved = await perform((s, c) => actions.approveInvoice(s, id, c));
    expect(approved['Status']).to.equal('AUTHORISED');
    expect((await getInvoice(id))['Status']).to.equal('AUTHORISED');
    expect((await eventsAfterFlush()).at(-1)).to.equal(`INVOICE UPDATE ${id}`);
    const undated = await invoice({ dueDate: undefined });
    expect(await refusal((s, c) => actions.approveInvoice(s, undated, c))).to.deep.equal(['The document DueDate field must be specified.']);
  });

  it('when a part payment and then the rest are recorded, then AmountDue falls to zero, the invoice is PAID and each payment sends INVOICE UPDATE', async () => {
    const id = await invoice({ status: Invoice.StatusEnum.AUTHORISED });
    await f.router.accounting.webhooks.flush();
    const before = eventsSeen(receiver).length;
    const part = await perform((s, c) => actions.recordInvoicePayment(s, id, { date: '2026-11-25', amount: 40, accountCode: '090', reference: 'First' }, c));
    expect(part).to.include({ Amount: 40, Status: 'AUTHORISED' });
    expect(await getInvoice(id)).to.include({ Status: 'AUTHORISED', AmountPaid: 40, AmountDue: 70 });
    await perform((s, c) => actions.recordInvoicePayment(s, id, { date: '2026-11-26', amount: 70, accountCode: '090', reference: '' }, c));
    expect(await getInvoice(id)).to.include({ Status: 'PAID', AmountPaid: 110, AmountDue: 0, FullyPaidOnDate: `/Date(${Date.UTC(2026, 10, 26)}+0000)/` });
    expect((await eventsAfterFlush()).slice(before)).to.deep.equal([`INVOICE UPDATE ${id}`, `INVOICE UPDATE ${id}`]);
    expect(await refusal((s, c) => actions.recordInvoicePayment(s, id, { date: '2026-11-27', amount: 1, accountCode: '090', reference: '' }, c))).to.deep.equal(
      ['Payments can only be made against Authorised documents'],
    );
  });

  it('when a payment is removed, then the invoice is owed again and back to AUTHORISED', async () => {
    const id = await invoice({ status: Invoice.StatusEnum.AUTHORISED });
    const payment = await perform((s, c) => actions.recordInvoicePayment(s, id, { date: '2026-11-25', amount: 110, accountCode: '090', reference: '' }, c));
    expect((await getInvoice(id))['Status']).to.equal('PAID');
    const removed = await perform((s, c) => actions.removeInvoicePayment(s, id, String(payment['PaymentID']), c));
    expect(removed['Status']).to.equal('DELETED');
    expect(await getInvoice(id)).to.include({ Status: 'AUTHORISED', AmountPaid: 0, AmountDue: 110 });
  });

  it("when an approved invoice is voided, then it is VOIDED; with a payment on it, voiding is refused with Xero's message", async () => {
    const id = await invoice({ status: Invoice.StatusEnum.AUTHORISED });
    expect((await perform((s, c) => actions.voidInvoice(s, id, c)))['Status']).to.equal('VOIDED');
    const paid = await invoice({ status: Invoice.StatusEnum.AUTHORISED });
    await perform((s, c) => actions.recordInvoicePayment(s, paid, { date: '2026-11-25', amount: 10, accountCode: '090', reference: '' }, c));
    expect(await refusal((s, c) => actions.voidInvoice(s, paid, c))).to.deep.equal([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
  });

  it('when a draft is deleted, then it is DELETED; an approved invoice cannot be deleted', async () => {
    const draft = await invoice();
    expect((await perform((s, c) => actions.deleteInvoice(s, draft, c)))['Status']).to.equal('DELETED');
    const approved = await invoice({ status: Invoice.StatusEnum.AUTHORISED });
    expect(await refusal((s, c) => actions.deleteInvoice(s, approved, c))).to.deep.equal(['Invoice not of valid status for modification']);
  });

  it('when a credit note is added for an invoice, then the invoice is credited and CREDITNOTE CREATE is sent', async () => {
    const id = await invoice({ status: Invoice.StatusEnum.AUTHORISED });
    const { creditNote, allocation } = await perform((s, c) => actions.addCreditNote(s, id, { amount: 25, date: '2026-11-28' }, c));
    expect(allocation).to.include({ Amount: 25 });
    expect(await getInvoice(id)).to.include({ AmountCredited: 25, AmountDue: 85 });
    const noteId = String(creditNote['CreditNoteID']);
    expect(await eventsAfterFlush()).to.include.members([`CREDITNOTE CREATE ${noteId}`, `CREDITNOTE UPDATE ${noteId}`, `INVOICE UPDATE ${id}`]);
    const fromApi = firstOf(wireBody(await f.xero.accountingApi.getCreditNote(f.tenantId, noteId), 'CreditNotes'), 'CreditNotes');
    expect(fromApi).to.include({ Status: 'PAID', Total: 25 });
  });

  it('when an approved purchase order is copied to a bill, then a draft ACCPAY bill has its lines and the PO is BILLED; a draft PO cannot be copied', async () => {
    const supplier = String(
      firstOf(wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Parts Supplier' }] }), 'Contacts'), 'Contacts')['ContactID'],
    );
    const po = firstOf(
      wireBody(
        await f.xero.accountingApi.createPurchaseOrders(f.tenantId, {
          purchaseOrders: [
            {
              contact: { contactID: supplier },
              date: '2026-11-20',
              status: PurchaseOrder.StatusEnum.DRAFT,
              lineItems: [
                { description: 'Bolts', quantity: 10, unitAmount: 2.5, accountCode: '300', taxType: 'INPUT' },
                { description: 'Nuts', quantity: 4, unitAmount: 10, accountCode: '300', taxType: 'INPUT', discountRate: 10 },
              ],
            },
          ],
        }),
        'PurchaseOrders',
      ),
      'PurchaseOrders',
    );
    const poId = String(po['PurchaseOrderID']);
    expect(await refusal((s, c) => actions.copyPurchaseOrderToBill(s, poId, c))).to.deep.equal(['Only an approved purchase order can be copied to a bill.']);
    expect((await perform((s, c) => actions.approvePurchaseOrder(s, poId, c)))['Status']).to.equal('AUTHORISED');
    const { bill, purchaseOrder } = await perform((s, c) => actions.copyPurchaseOrderToBill(s, poId, c));
    expect(purchaseOrder['Status']).to.equal('BILLED');
    const fromApi = await getInvoice(String(bill['InvoiceID']));
    expect(fromApi).to.include({ Type: 'ACCPAY', Status: 'DRAFT', Reference: 'PO-0001', SubTotal: po['SubTotal'], Total: po['Total'] });
    expect((fromApi['Contact'] as Row)['ContactID']).to.equal(supplier);
    expect((fromApi['LineItems'] as Row[]).map((l) => [l['Description'], l['Quantity'], l['LineAmount']])).to.deep.equal([
      ['Bolts', 10, 25],
      ['Nuts', 4, 36],
    ]);
    const poNow = firstOf(wireBody(await f.xero.accountingApi.getPurchaseOrder(f.tenantId, poId), 'PurchaseOrders'), 'PurchaseOrders');
    expect(poNow['Status']).to.equal('BILLED');
    expect(await eventsAfterFlush()).to.include(`INVOICE CREATE ${String(bill['InvoiceID'])}`);
  });

  it('when a draft purchase order is deleted, then it is DELETED', async () => {
    const supplier = String(
      firstOf(wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Delete Supplier' }] }), 'Contacts'), 'Contacts')[
        'ContactID'
      ],
    );
    const po = firstOf(
      wireBody(
        await f.xero.accountingApi.createPurchaseOrders(f.tenantId, {
          purchaseOrders: [{ contact: { contactID: supplier }, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1 }] }],
        }),
        'PurchaseOrders',
      ),
      'PurchaseOrders',
    );
    expect((await perform((s, c) => actions.deletePurchaseOrder(s, String(po['PurchaseOrderID']), c)))['Status']).to.equal('DELETED');
  });

  it('when a contact is archived or renamed in Xero, then the API shows it, CONTACT UPDATE is sent and the archived contact takes no new invoice', async () => {
    const id = String(
      firstOf(
        wireBody(
          await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Renamed Ltd', emailAddress: 'old@renamed.example' }] }),
          'Contacts',
        ),
        'Contacts',
      )['ContactID'],
    );
    const edited = await perform((s, c) => actions.editContactNameAndEmail(s, id, { name: 'Renamed Holdings Ltd', email: 'new@renamed.example' }, c));
    expect(edited).to.include({ Name: 'Renamed Holdings Ltd', EmailAddress: 'new@renamed.example' });
    expect(await refusal((s, c) => actions.editContactNameAndEmail(s, id, { name: 'Renamed Holdings Ltd', email: 'not-an-email' }, c))).to.deep.equal([
      'Email address must be valid.',
    ]);
    await perform((s, c) => actions.archiveContact(s, id, c));
    const fromApi = firstOf(wireBody(await f.xero.accountingApi.getContact(f.tenantId, id), 'Contacts'), 'Contacts');
    expect(fromApi).to.include({ Name: 'Renamed Holdings Ltd', ContactStatus: 'ARCHIVED' });
    expect((await eventsAfterFlush()).filter((e) => e === `CONTACT UPDATE ${id}`)).to.have.length(2);
    const refused = await sdkFailure(
      f.xero.accountingApi.createInvoices(f.tenantId, {
        invoices: [{ type: Invoice.TypeEnum.ACCREC, contact: { contactID: id }, lineItems: [{ description: 'x', quantity: 1, unitAmount: 1 }] }],
      }),
    );
    expect(refused.statusCode).to.equal(400);
  });

  it('when an approved credit note is allocated from the page, then the invoice is credited; more than its remaining credit is refused', async () => {
    const id = await invoice({ status: Invoice.StatusEnum.AUTHORISED });
    const contactId = String(((await getInvoice(id))['Contact'] as Row)['ContactID']);
    const credit = firstOf(
      wireBody(
        await f.xero.accountingApi.createCreditNotes(f.tenantId, {
          creditNotes: [
            {
              type: CreditNote.TypeEnum.ACCRECCREDIT,
              contact: { contactID: contactId },
              status: CreditNote.StatusEnum.AUTHORISED,
              lineItems: [{ description: 'Goodwill', quantity: 1, unitAmount: 40, accountCode: '200', taxType: 'OUTPUT' }],
            },
          ],
        }),
        'CreditNotes',
      ),
      'CreditNotes',
    );
    const noteId = String(credit['CreditNoteID']);
    const allocation = await perform((s, c) => actions.allocateCreditNoteToInvoice(s, noteId, { invoiceId: id, amount: 20, date: '2026-11-29' }, c));
    expect(allocation).to.include({ Amount: 20 });
    expect(await getInvoice(id)).to.include({ AmountCredited: 20, AmountDue: 90 });
    expect(await refusal((s, c) => actions.allocateCreditNoteToInvoice(s, noteId, { invoiceId: id, amount: 30, date: '2026-11-29' }, c))).to.deep.equal([
      'The amount allocated exceeds the remaining credit on this credit note.',
    ]);
    expect((await eventsAfterFlush()).slice(-2)).to.have.members([`CREDITNOTE UPDATE ${noteId}`, `INVOICE UPDATE ${id}`]);
  });
});
