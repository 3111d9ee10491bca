import { expect } from 'chai';
import { Invoice, PurchaseOrder, RepeatingInvoice, Schedule } from 'xero-node';
import { startPagesWithWebhooks, type Accountant } from '../../helpers/accountant-pages.js';
import type { SandboxHarness } from '../../helpers/sandbox-harness.js';

type Pages = Awaited<ReturnType<typeof startPagesWithWebhooks>>;

const KEY = 'accountant-documents-webhook-key';

async function supplierId(a: Accountant): Promise<string> {
  return (await a.xero.accountingApi.getContacts(a.tenantId, undefined, 'Name=="PowerDirect"')).body.contacts?.[0]?.contactID ?? '';
}

async function purchaseOrder(a: Accountant, status: PurchaseOrder.StatusEnum): Promise<string> {
  const created = await a.xero.accountingApi.createPurchaseOrders(a.tenantId, {
    purchaseOrders: [
      {
        contact: { contactID: await supplierId(a) },
        status,
        reference: 'Site cabling',
        date: '2026-11-20',
        lineItems: [
          { description: 'Cat6 cable', quantity: 3, unitAmount: 12.5, accountCode: '300' },
          { description: 'Patch panel', quantity: 1, unitAmount: 80, accountCode: '300' },
        ],
      },
    ],
  });
  return created.body.purchaseOrders?.[0]?.purchaseOrderID ?? '';
}

describe('sandbox accountant pages: purchase orders, contacts and repeating invoices', () => {
  let h: SandboxHarness;
  let ann: Accountant;
  let base: string;
  let pages: Pages;
  beforeEach(async () => {
    pages = await startPagesWithWebhooks(KEY);
    ({ h, ann, base } = pages);
  });
  afterEach(async () => {
    await pages.close();
  });
  const flushed = () => pages.flushed();
  const poStatus = async (id: string) => String((await ann.xero.accountingApi.getPurchaseOrder(ann.tenantId, id)).body.purchaseOrders?.[0]?.status);

  it('when a draft purchase order is approved and then copied to a bill, then a draft bill with its lines exists, the order is BILLED and INVOICE CREATE is sent', async () => {
    const id = await purchaseOrder(ann, PurchaseOrder.StatusEnum.DRAFT);
    await pages.settle();
    const page = await ann.pages.get(`${base}/purchase-orders/${id}`);
    expect(page.text).to.contain('PO-0001').and.to.contain('Cat6 cable').and.to.contain('>Approve</button>').and.not.to.contain('>Copy to bill</button>');
    expect((await ann.pages.post(`${base}/purchase-orders/${id}/approve`)).location).to.equal(`${base}/purchase-orders/${id}?done=approved`);
    expect(await poStatus(id)).to.equal('AUTHORISED');
    expect((await ann.pages.get(`${base}/purchase-orders/${id}`)).text)
      .to.contain('>Copy to bill</button>')
      .and.to.contain('>Mark as billed</button>');
    const copied = await ann.pages.post(`${base}/purchase-orders/${id}/copy-to-bill`);
    expect(copied.status).to.equal(303);
    const billId = /\/invoices\/([0-9a-f-]{36})\?done=billed-from-order$/.exec(copied.location ?? '')?.[1] ?? '';
    const bill = (await ann.xero.accountingApi.getInvoice(ann.tenantId, billId)).body.invoices?.[0];
    expect(bill?.type).to.equal(Invoice.TypeEnum.ACCPAY);
    expect(String(bill?.status)).to.equal('DRAFT');
    expect(bill?.reference).to.equal('PO-0001');
    expect(bill?.contact?.name).to.equal('PowerDirect');
    expect(bill?.lineItems?.map((l) => [l.description, l.quantity, l.unitAmount, l.accountCode])).to.deep.equal([
      ['Cat6 cable', 3, 12.5, '300'],
      ['Patch panel', 1, 80, '300'],
    ]);
    expect(bill?.total).to.equal(orderTotal(await ann.xero.accountingApi.getPurchaseOrder(ann.tenantId, id)));
    expect(await poStatus(id)).to.equal('BILLED');
    expect(await flushed()).to.deep.equal([['INVOICE', 'CREATE', billId]]);
    const billed = await ann.pages.get(`${base}/purchase-orders/${id}`);
    expect(billed.text).to.contain('Billed').and.to.contain(`/invoices/${billId}`).and.not.to.contain('>Copy to bill</button>');
    const again = await ann.pages.post(`${base}/purchase-orders/${id}/copy-to-bill`);
    expect(again.status).to.equal(400);
    expect(again.text).to.contain('Only an approved purchase order can be copied to a bill.');
  });

  it('when an approved order is marked as billed, then it is BILLED with no bill; when a draft is deleted, then it is DELETED, leaves the list and cannot be approved', async () => {
    const approved = await purchaseOrder(ann, PurchaseOrder.StatusEnum.AUTHORISED);
    const draft = await purchaseOrder(ann, PurchaseOrder.StatusEnum.DRAFT);
    await ann.pages.get(`${base}/purchase-orders`);
    expect((await ann.pages.post(`${base}/purchase-orders/${approved}/mark-billed`)).status).to.equal(303);
    expect(await poStatus(approved)).to.equal('BILLED');
    expect((await ann.xero.accountingApi.getInvoices(ann.tenantId, undefined, 'Type=="ACCPAY"')).body.invoices ?? []).to.have.length(0);
    expect((await ann.pages.post(`${base}/purchase-orders/${draft}/delete`)).status).to.equal(303);
    expect(await poStatus(draft)).to.equal('DELETED');
    const list = await ann.pages.get(`${base}/purchase-orders`);
    expect(list.text).to.contain('PO-0001').and.not.to.contain('PO-0002');
    expect((await ann.pages.get(`${base}/purchase-orders?status=DELETED`)).text).to.contain('PO-0002');
    const refused = await ann.pages.post(`${base}/purchase-orders/${draft}/approve`);
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('Purchase Order not of valid status for modification');
  });

  it('when a contact is edited and archived on its page, then the API shows the new name, email and ARCHIVED, with CONTACT UPDATE webhooks', async () => {
    const id = await supplierId(ann);
    await pages.settle();
    const page = await ann.pages.get(`${base}/contacts/${id}`);
    expect(page.text).to.contain('<label for="contact-name">Contact name</label>').and.to.contain('value="PowerDirect"');
    const saved = await ann.pages.post(`${base}/contacts/${id}/edit`, { name: 'PowerDirect Energy', email: 'accounts@powerdirect.example' });
    expect(saved.location).to.equal(`${base}/contacts/${id}?done=saved`);
    const contact = async () => (await ann.xero.accountingApi.getContact(ann.tenantId, id)).body.contacts?.[0];
    expect(await contact()).to.include({ name: 'PowerDirect Energy', emailAddress: 'accounts@powerdirect.example' });
    expect((await ann.pages.post(`${base}/contacts/${id}/archive`)).location).to.equal(`${base}/contacts/${id}?done=archived`);
    expect(String((await contact())?.contactStatus)).to.equal('ARCHIVED');
    expect(await flushed()).to.deep.equal([
      ['CONTACT', 'UPDATE', id],
      ['CONTACT', 'UPDATE', id],
    ]);
    expect((await ann.pages.get(`${base}/contacts`)).text).not.to.contain('PowerDirect Energy');
    expect((await ann.pages.get(`${base}/contacts?status=ARCHIVED`)).text).to.contain('PowerDirect Energy');
  });

  it("when a contact is given another active contact's name or a bad email, then Xero's messages show next to the fields and nothing changes", async () => {
    const id = await supplierId(ann);
    await ann.pages.get(`${base}/contacts/${id}`);
    const clash = await ann.pages.post(`${base}/contacts/${id}/edit`, { name: 'Marine Systems', email: 'ok@example.com' });
    expect(clash.status).to.equal(400);
    expect(clash.text).to.contain('id="contact-name-error">The contact name Marine Systems is already assigned to another contact.');
    const badEmail = await ann.pages.post(`${base}/contacts/${id}/edit`, { name: 'PowerDirect', email: 'not-an-email' });
    expect(badEmail.text).to.contain('id="contact-email-error">Email address must be valid.').and.to.contain('value="not-an-email"');
    const empty = await ann.pages.post(`${base}/contacts/${id}/edit`, { name: '  ', email: '' });
    expect(empty.text).to.contain('id="contact-name-error">Enter the contact name.');
    expect((await ann.xero.accountingApi.getContact(ann.tenantId, id)).body.contacts?.[0]?.name).to.equal('PowerDirect');
  });

  it('when a repeating invoice has an attachment and has run, then its page shows the schedule, next date, attachment and the invoices made from it', async () => {
    const contactId = await supplierId(ann);
    const created = await ann.xero.accountingApi.createRepeatingInvoices(ann.tenantId, {
      repeatingInvoices: [
        {
          type: RepeatingInvoice.TypeEnum.ACCREC,
          contact: { contactID: contactId },
          reference: 'Monthly retainer',
          status: RepeatingInvoice.StatusEnum.AUTHORISED,
          schedule: {
            period: 1,
            unit: Schedule.UnitEnum.MONTHLY,
            dueDate: 14,
            dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE,
            startDate: '2026-01-05',
          },
          lineItems: [{ description: 'Retainer', quantity: 1, unitAmount: 250, accountCode: '200' }],
        },
      ],
    });
    const id = created.body.repeatingInvoices?.[0]?.repeatingInvoiceID ?? '';
    await ann.xero.accountingApi.createRepeatingInvoiceAttachmentByFileName(ann.tenantId, id, 'terms.pdf', Buffer.from('%PDF-1.4 terms'));
    const token = ann.xero.readTokenSet().access_token ?? '';
    const run = await fetch(`${h.apiBasePath}/sandbox-admin/repeating-invoices/${id}/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': ann.tenantId, 'content-type': 'application/json' },
      body: JSON.stringify({ until: '2026-02-10' }),
    });
    expect(run.status).to.equal(200);
    const list = await ann.pages.get(`${base}/repeating-invoices`);
    expect(list.text).to.contain('Monthly retainer').and.to.contain('Every month').and.to.contain('5 Mar 2026');
    const page = await ann.pages.get(`${base}/repeating-invoices/${id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Every month').and.to.contain('5 Jan 2026').and.to.contain('5 Mar 2026').and.to.contain('14 day(s) after the invoice date');
    expect(page.text).to.contain('terms.pdf').and.to.contain('Approved');
    expect(page.text).to.contain('INV-0001').and.to.contain('INV-0002').and.to.contain('19 Jan 2026');
  });
});

function orderTotal(res: { body: { purchaseOrders?: { total?: number }[] } }): number | undefined {
  return res.body.purchaseOrders?.[0]?.total;
}
