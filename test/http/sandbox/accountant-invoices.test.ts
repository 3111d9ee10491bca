import { expect } from 'chai';
import { Invoice, type XeroClient } from 'xero-node';
import { startPagesWithWebhooks, type Accountant } from '../../helpers/accountant-pages.js';
import type { SandboxHarness } from '../../helpers/sandbox-harness.js';

type Pages = Awaited<ReturnType<typeof startPagesWithWebhooks>>;

const KEY = 'accountant-pages-webhook-key';

async function createInvoice(xero: XeroClient, tenantId: string, status: Invoice.StatusEnum, unitAmount = 100, reference = 'Hull inspection'): Promise<string> {
  const created = await xero.accountingApi.createInvoices(tenantId, {
    invoices: [
      {
        type: Invoice.TypeEnum.ACCREC,
        contact: { name: 'Marine Systems' },
        status,
        dueDate: '2026-12-31',
        reference,
        lineItems: [{ description: 'Inspection', quantity: 1, unitAmount, accountCode: '200' }],
      },
    ],
  });
  return created.body.invoices?.[0]?.invoiceID ?? '';
}

async function invoiceOf(a: Accountant, id: string) {
  const got = await a.xero.accountingApi.getInvoice(a.tenantId, id);
  const inv = got.body.invoices?.[0];
  return { status: String(inv?.status), amountDue: inv?.amountDue, amountPaid: inv?.amountPaid, payments: inv?.payments ?? [] };
}

describe('sandbox accountant pages: invoices', () => {
  let h: SandboxHarness;
  let receiver: Pages['receiver'];
  let ann: Accountant;
  let base: string;
  let pages: Pages;
  beforeEach(async () => {
    pages = await startPagesWithWebhooks(KEY);
    ({ h, receiver, ann, base } = pages);
  });
  afterEach(async () => {
    await pages.close();
  });
  const flushed = () => pages.flushed();

  it('when a draft invoice is approved on its page, then the API shows it AUTHORISED and an INVOICE UPDATE webhook is sent', async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.DRAFT);
    await pages.settle();
    const page = await ann.pages.get(`${base}/invoices/${id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Draft').and.to.contain('Inspection').and.to.contain('>Approve</button>');
    const approved = await ann.pages.post(`${base}/invoices/${id}/approve`);
    expect(approved.status).to.equal(303);
    expect(approved.location).to.equal(`${base}/invoices/${id}?done=approved`);
    expect((await invoiceOf(ann, id)).status).to.equal('AUTHORISED');
    expect(await flushed()).to.deep.equal([['INVOICE', 'UPDATE', id]]);
    expect(receiver.events[0]?.resourceUrl).to.equal(`${h.apiBasePath}/Invoices/${id}`);
    const after = await ann.pages.get(`${base}/invoices/${id}?done=approved`);
    expect(after.text).to.contain('Invoice approved.').and.to.contain('Awaiting payment').and.to.contain('Approved');
  });

  it('when a part payment and then the rest are recorded, then the invoice is PAID with two payments and each payment sends INVOICE UPDATE', async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    await pages.settle();
    await ann.pages.get(`${base}/invoices/${id}`);
    const part = await ann.pages.post(`${base}/invoices/${id}/payments`, { date: '2026-11-20', amount: '40.00', accountCode: '090', reference: 'First part' });
    expect(part.status).to.equal(303);
    expect(await invoiceOf(ann, id)).to.include({ status: 'AUTHORISED', amountDue: 70, amountPaid: 40 });
    const rest = await ann.pages.post(`${base}/invoices/${id}/payments`, { date: '2026-11-21', amount: '70', accountCode: '090', reference: 'The rest' });
    expect(rest.status).to.equal(303);
    const paid = await invoiceOf(ann, id);
    expect(paid).to.include({ status: 'PAID', amountDue: 0, amountPaid: 110 });
    expect(paid.payments.map((p) => p.amount)).to.deep.equal([40, 70]);
    expect(await flushed()).to.deep.equal([
      ['INVOICE', 'UPDATE', id],
      ['INVOICE', 'UPDATE', id],
    ]);
    const page = await ann.pages.get(`${base}/invoices/${id}`);
    expect(page.text).to.contain('Paid').and.to.contain('First part').and.to.contain('Payment Received').and.not.to.contain('Record payment</h2>');
  });

  it('when a payment is removed, then the invoice is owed again, back to AUTHORISED, with an INVOICE UPDATE webhook', async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    await ann.pages.get(`${base}/invoices/${id}`);
    await ann.pages.post(`${base}/invoices/${id}/payments`, { date: '2026-11-20', amount: '110', accountCode: '090', reference: '' });
    const paymentId = String((await invoiceOf(ann, id)).payments[0]?.paymentID);
    await pages.settle();
    const page = await ann.pages.get(`${base}/invoices/${id}`);
    expect(page.text).to.contain(`/payments/${paymentId}/remove`);
    const removed = await ann.pages.post(`${base}/invoices/${id}/payments/${paymentId}/remove`);
    expect(removed.location).to.equal(`${base}/invoices/${id}?done=payment-removed`);
    expect(await invoiceOf(ann, id)).to.include({ status: 'AUTHORISED', amountDue: 110, amountPaid: 0 });
    expect((await ann.xero.accountingApi.getPayment(ann.tenantId, paymentId)).body.payments?.[0]?.status).to.equal('DELETED');
    expect(await flushed()).to.deep.equal([['INVOICE', 'UPDATE', id]]);
  });

  it("when a payment is more than the amount due, then Xero's message shows next to the amount, what was typed stays, and nothing is paid", async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    await ann.pages.get(`${base}/invoices/${id}`);
    const refused = await ann.pages.post(`${base}/invoices/${id}/payments`, { date: '2026-11-20', amount: '500', accountCode: '090', reference: 'Too much' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.match(/<p class="field-error" id="payment-amount-error">Payment amount exceeds the amount outstanding on this document<\/p>/);
    expect(refused.text).to.contain('value="500"').and.to.contain('value="Too much"').and.to.contain('aria-invalid="true"');
    expect(await invoiceOf(ann, id)).to.include({ status: 'AUTHORISED', amountPaid: 0 });
  });

  it('when the payment form is sent with a bad date, a bad amount and no account, then each field says what to fix', async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    await ann.pages.get(`${base}/invoices/${id}`);
    const refused = await ann.pages.post(`${base}/invoices/${id}/payments`, { date: '2026-02-30', amount: '12,5x', accountCode: '', reference: '' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('id="payment-date-error">Enter the date paid as a date');
    expect(refused.text).to.contain('id="payment-amount-error">Enter the amount paid as a number');
    expect(refused.text).to.contain('id="payment-account-error">Choose the bank account');
    expect(refused.text).to.contain('value="12,5x"');
  });

  it("when an approved invoice is voided, then it is VOIDED; when a paid one is voided, then Xero's refusal shows and it stays paid", async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    await ann.pages.get(`${base}/invoices/${id}`);
    expect((await ann.pages.post(`${base}/invoices/${id}/void`)).status).to.equal(303);
    expect((await invoiceOf(ann, id)).status).to.equal('VOIDED');
    expect(await flushed()).to.deep.include(['INVOICE', 'UPDATE', id]);

    const paidId = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED, 50);
    await ann.pages.post(`${base}/invoices/${paidId}/payments`, { date: '2026-11-20', amount: '10', accountCode: '090', reference: '' });
    const page = await ann.pages.get(`${base}/invoices/${paidId}`);
    expect(page.text).not.to.contain('>Void</button>');
    const refused = await ann.pages.post(`${base}/invoices/${paidId}/void`);
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('This document cannot be edited as it has a payment or credit note allocated to it.');
    expect((await invoiceOf(ann, paidId)).status).to.equal('AUTHORISED');
  });

  it('when a draft is deleted, then it is DELETED and leaves the list; when an approved invoice is deleted, then it is refused', async () => {
    const draft = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.DRAFT, 10, 'Draft to delete');
    await ann.pages.get(`${base}/invoices/${draft}`);
    expect((await ann.pages.post(`${base}/invoices/${draft}/delete`)).status).to.equal(303);
    expect((await invoiceOf(ann, draft)).status).to.equal('DELETED');
    expect((await ann.pages.get(`${base}/invoices`)).text).not.to.contain('Draft to delete');
    expect((await ann.pages.get(`${base}/invoices?status=DELETED`)).text).to.contain('Draft to delete');

    const approved = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    const refused = await ann.pages.post(`${base}/invoices/${approved}/delete`);
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('Invoice not of valid status for modification');
    expect((await invoiceOf(ann, approved)).status).to.equal('AUTHORISED');
  });

  it("when a draft without a due date is approved, then Xero's rule shows and it stays a draft", async () => {
    const created = await ann.xero.accountingApi.createInvoices(ann.tenantId, {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { name: 'Marine Systems' },
          lineItems: [{ description: 'No due date', quantity: 1, unitAmount: 5, accountCode: '200' }],
        },
      ],
    });
    const id = created.body.invoices?.[0]?.invoiceID ?? '';
    await ann.pages.get(`${base}/invoices/${id}`);
    const refused = await ann.pages.post(`${base}/invoices/${id}/approve`);
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('The document DueDate field must be specified.');
    expect((await invoiceOf(ann, id)).status).to.equal('DRAFT');
  });

  it('when the list is filtered by status and searched, then only those invoices show, and more than a page of invoices pages', async () => {
    for (let i = 0; i < 26; i += 1) await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED, 10 + i, `Batch ${i}`);
    await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.DRAFT, 5, 'The draft one');
    const drafts = await ann.pages.get(`${base}/invoices?status=DRAFT`);
    expect(drafts.text).to.contain('The draft one').and.not.to.contain('Batch 3<');
    const search = await ann.pages.get(`${base}/invoices?search=batch%2012`);
    expect(search.text).to.contain('Batch 12').and.not.to.contain('Batch 11<').and.not.to.contain('The draft one');
    const first = await ann.pages.get(`${base}/invoices`);
    expect(first.text).to.contain('Page 1 of 2 (27 invoices)').and.to.contain('rel="next"');
    const second = await ann.pages.get(`${base}/invoices?page=2`);
    expect(second.text).to.contain('Page 2 of 2').and.to.contain('rel="prev"');
    const none = await ann.pages.get(`${base}/invoices?status=VOIDED`);
    expect(none.text).to.contain('No invoices match these filters.');
  });

  it('when a credit note for the whole invoice is added on its page, then the invoice is PAID by credit, the credit note shows its allocation, and CREDITNOTE and INVOICE webhooks are sent', async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    await pages.settle();
    const page = await ann.pages.get(`${base}/invoices/${id}`);
    expect(page.text).to.contain('<h2 id="add-credit-note">Add credit note</h2>').and.to.contain('<label for="credit-amount">');
    const added = await ann.pages.post(`${base}/invoices/${id}/credit-notes`, { date: '2026-11-25', amount: '' });
    expect(added.status).to.equal(303);
    const creditNoteId = /\/credit-notes\/([0-9a-f-]{36})\?done=added$/.exec(added.location ?? '')?.[1] ?? '';
    const inv = (await ann.xero.accountingApi.getInvoice(ann.tenantId, id)).body.invoices?.[0];
    expect(String(inv?.status)).to.equal('PAID');
    expect(inv).to.include({ amountCredited: 110, amountDue: 0 });
    const note = (await ann.xero.accountingApi.getCreditNote(ann.tenantId, creditNoteId)).body.creditNotes?.[0];
    expect(note).to.include({ total: 110, remainingCredit: 0 });
    expect(await flushed()).to.deep.equal([
      ['CREDITNOTE', 'CREATE', creditNoteId],
      ['CREDITNOTE', 'UPDATE', creditNoteId],
      ['INVOICE', 'UPDATE', id],
    ]);
    const notePage = await ann.pages.get(added.location ?? '');
    expect(notePage.status).to.equal(200);
    expect(notePage.text)
      .to.contain('Credit note added and applied to the invoice.')
      .and.to.contain('CN-0001')
      .and.to.contain(`/invoices/${id}`)
      .and.to.contain('Fully applied');
    const invoicePage = await ann.pages.get(`${base}/invoices/${id}`);
    expect(invoicePage.text).to.contain(`/credit-notes/${creditNoteId}`).and.to.contain('Credit Applied');
  });

  it('when a part credit is added, then the amount due drops by it and the invoice still awaits payment; a bad amount is refused next to its field', async () => {
    const id = await createInvoice(ann.xero, ann.tenantId, Invoice.StatusEnum.AUTHORISED);
    await ann.pages.get(`${base}/invoices/${id}`);
    const refused = await ann.pages.post(`${base}/invoices/${id}/credit-notes`, { date: '2026-11-25', amount: '-3' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('id="credit-amount-error">Enter an amount greater than zero').and.to.contain('value="-3"');
    expect((await ann.pages.post(`${base}/invoices/${id}/credit-notes`, { date: '2026-11-25', amount: '30' })).status).to.equal(303);
    expect(await invoiceOf(ann, id)).to.include({ status: 'AUTHORISED', amountDue: 80 });
    expect((await ann.pages.get(`${base}/invoices/${id}`)).text).to.contain('Amount due: 80.00 AUD');
  });
});
