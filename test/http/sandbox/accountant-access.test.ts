import { expect } from 'chai';
import { CreditNote, Invoice, QuoteStatusCodes, RepeatingInvoice, Schedule } from 'xero-node';
import { PageClient, signInAccountant, type Accountant } from '../../helpers/accountant-pages.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';

async function approvedInvoice(a: Accountant, reference: string): Promise<{ invoiceId: string; contactId: string }> {
  const created = await a.xero.accountingApi.createInvoices(a.tenantId, {
    invoices: [
      {
        type: Invoice.TypeEnum.ACCREC,
        contact: { name: 'Marine Systems' },
        status: Invoice.StatusEnum.AUTHORISED,
        dueDate: '2026-12-31',
        reference,
        lineItems: [{ description: 'Inspection', quantity: 1, unitAmount: 100, accountCode: '200' }],
      },
    ],
  });
  const inv = created.body.invoices?.[0];
  return { invoiceId: inv?.invoiceID ?? '', contactId: inv?.contact?.contactID ?? '' };
}

const statusOf = async (a: Accountant, id: string) => String((await a.xero.accountingApi.getInvoice(a.tenantId, id)).body.invoices?.[0]?.status);

describe('sandbox accountant pages: who may see and change what', () => {
  let h: SandboxHarness;
  let ann: Accountant;
  beforeEach(async () => {
    h = await startSandboxHarness();
    ann = await signInAccountant(h, { email: 'ann@example.com' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('when another user asks for my invoice, through their organisation or mine, then every page and action answers 404 and nothing changes', async () => {
    const { invoiceId, contactId } = await approvedInvoice(ann, 'Private');
    const creditNoteId =
      (
        await ann.xero.accountingApi.createCreditNotes(ann.tenantId, {
          creditNotes: [
            {
              type: CreditNote.TypeEnum.ACCRECCREDIT,
              contact: { contactID: contactId },
              status: CreditNote.StatusEnum.AUTHORISED,
              date: '2026-11-20',
              lineItems: [{ description: 'Goodwill', quantity: 1, unitAmount: 5, accountCode: '200' }],
            },
          ],
        })
      ).body.creditNotes?.[0]?.creditNoteID ?? '';
    const bob = await signInAccountant(h, { email: 'bob@example.com', firstName: 'Bob' });
    const mine = `/app/${ann.shortCode}`;
    expect((await ann.pages.get(`${mine}/credit-notes/${creditNoteId}`)).text).to.contain('Goodwill');
    const theirs = `/app/${bob.shortCode}`;
    expect((await ann.pages.get(`${mine}/invoices/${invoiceId}`)).status).to.equal(200);
    await bob.pages.get(`${theirs}/invoices`);
    for (const path of [
      `${theirs}/invoices/${invoiceId}`,
      `${mine}/invoices/${invoiceId}`,
      `${mine}/invoices`,
      `${theirs}/contacts/${contactId}`,
      `${theirs}/credit-notes/${creditNoteId}`,
    ]) {
      const res = await bob.pages.get(path);
      expect(res.status, path).to.equal(404);
      expect(res.text, path).not.to.contain('Private').and.not.to.contain('Marine Systems').and.not.to.contain('Goodwill');
    }
    for (const path of [`${theirs}/invoices/${invoiceId}/void`, `${mine}/invoices/${invoiceId}/void`]) {
      expect((await bob.pages.post(path)).status, path).to.equal(404);
    }
    const pay = await bob.pages.post(`${theirs}/invoices/${invoiceId}/payments`, { date: '2026-11-20', amount: '1', accountCode: '090', reference: '' });
    expect(pay.status).to.equal(404);
    expect(await statusOf(ann, invoiceId)).to.equal('AUTHORISED');
  });

  it("when a form is posted without the CSRF token or with another session's, then it is refused with 403 and nothing changes", async () => {
    const { invoiceId } = await approvedInvoice(ann, 'Guarded');
    const bob = await signInAccountant(h, { email: 'bob@example.com' });
    const path = `/app/${ann.shortCode}/invoices/${invoiceId}/void`;
    const missing = await ann.pages.post(path, {}, '');
    expect(missing.status).to.equal(403);
    expect(missing.text).to.contain('This form has expired: reload the page and try again.');
    expect((await ann.pages.post(path, {}, bob.pages.csrf)).status).to.equal(403);
    expect(await statusOf(ann, invoiceId)).to.equal('AUTHORISED');
    expect((await ann.pages.post(path)).status).to.equal(303);
    expect(await statusOf(ann, invoiceId)).to.equal('VOIDED');
  });

  it('when a signed-out browser opens a page, then it is sent to sign in and comes back to that page afterwards', async () => {
    const { invoiceId } = await approvedInvoice(ann, 'Come back');
    const stranger = new PageClient(h.url, new Map());
    const path = `/app/${ann.shortCode}/invoices/${invoiceId}`;
    const res = await stranger.get(path);
    expect(res.status).to.equal(303);
    expect(res.location).to.equal(`/identity/sign-in?next=${encodeURIComponent(path)}`);
    const form = await stranger.get(res.location ?? '');
    expect(form.text).to.contain(`name="next" value="${path}"`);
    const signedIn = await stranger.post('/identity/sign-in', { email: 'ann@example.com', first_name: 'Ann', last_name: 'Count', next: path }, '');
    expect(signedIn.status).to.equal(303);
    expect(signedIn.location).to.equal(path);
    expect((await stranger.get(path)).text).to.contain('Come back');
    const offsite = await new PageClient(h.url, new Map()).post(
      '/identity/sign-in',
      { email: 'eve@example.com', first_name: 'Eve', last_name: 'E', next: '//evil.example/x' },
      '',
    );
    expect(offsite.location).to.equal('/identity/my-xero');
  });

  it("when Xero deep links are followed, then each opens its record's page; another user's organisation or a missing record is 404", async () => {
    const { invoiceId, contactId } = await approvedInvoice(ann, 'Linked');
    const api = ann.xero.accountingApi;
    const supplier = (await api.getContacts(ann.tenantId, undefined, 'Name=="PowerDirect"')).body.contacts?.[0]?.contactID ?? '';
    const bill =
      (
        await api.createInvoices(ann.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCPAY,
              contact: { contactID: supplier },
              invoiceNumber: 'SUP-77',
              lineItems: [{ description: 'Power', quantity: 1, unitAmount: 10 }],
            },
          ],
        })
      ).body.invoices?.[0]?.invoiceID ?? '';
    const po =
      (
        await api.createPurchaseOrders(ann.tenantId, {
          purchaseOrders: [{ contact: { contactID: supplier }, lineItems: [{ description: 'Cables', quantity: 1, unitAmount: 1 }] }],
        })
      ).body.purchaseOrders?.[0]?.purchaseOrderID ?? '';
    const repeating =
      (
        await api.createRepeatingInvoices(ann.tenantId, {
          repeatingInvoices: [
            {
              type: RepeatingInvoice.TypeEnum.ACCREC,
              contact: { contactID: contactId },
              reference: 'Monthly retainer',
              schedule: {
                period: 1,
                unit: Schedule.UnitEnum.MONTHLY,
                dueDate: 7,
                dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE,
                startDate: '2027-01-01',
              },
              lineItems: [{ description: 'Retainer', quantity: 1, unitAmount: 10 }],
            },
          ],
        })
      ).body.repeatingInvoices?.[0]?.repeatingInvoiceID ?? '';
    const quote =
      (
        await api.createQuotes(ann.tenantId, {
          quotes: [
            {
              contact: { contactID: contactId },
              date: '2026-11-20',
              status: QuoteStatusCodes.DRAFT,
              lineItems: [{ description: 'Refit quote', quantity: 1, unitAmount: 9 }],
            },
          ],
        })
      ).body.quotes?.[0]?.quoteID ?? '';
    const creditNote =
      (
        await api.createCreditNotes(ann.tenantId, {
          creditNotes: [
            {
              type: CreditNote.TypeEnum.ACCRECCREDIT,
              contact: { contactID: contactId },
              date: '2026-11-20',
              lineItems: [{ description: 'Refund of deposit', quantity: 1, unitAmount: 3, accountCode: '200' }],
            },
          ],
        })
      ).body.creditNotes?.[0]?.creditNoteID ?? '';
    const link = (shortCode: string, path: string) =>
      `/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${encodeURIComponent(path)}`;
    const base = `/app/${ann.shortCode}`;
    const cases: [string, string, string][] = [
      [`/AccountsReceivable/View.aspx?InvoiceID=${invoiceId}`, `${base}/invoices/${invoiceId}`, 'Linked'],
      [`/AccountsPayable/View.aspx?InvoiceID=${bill}`, `${base}/invoices/${bill}`, 'SUP-77'],
      [`/Accounts/Payable/PurchaseOrders/View/${po}/`, `${base}/purchase-orders/${po}`, 'PO-0001'],
      [`/Contacts/View/${contactId}`, `${base}/contacts/${contactId}`, 'Marine Systems'],
      [`/RepeatTransactions/Edit.aspx?invoiceID=${repeating}`, `${base}/repeating-invoices/${repeating}`, 'Retainer'],
      [`/Accounts/Receivable/Quotes/View/${quote}/`, `${base}/quotes/${quote}`, 'Refit quote'],
      [`/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${creditNote}`, `${base}/credit-notes/${creditNote}`, 'Refund of deposit'],
    ];
    for (const [deep, page, text] of cases) {
      const res = await ann.pages.get(link(ann.shortCode, deep));
      expect(res.status, deep).to.equal(303);
      expect(res.location, deep).to.equal(page);
      const shown = await ann.pages.get(page);
      expect(shown.status, page).to.equal(200);
      expect(shown.text, page).to.contain(text);
    }
    expect((await ann.pages.get(link(ann.shortCode, '/Contacts/View/00000000-0000-0000-0000-000000000000'))).status).to.equal(404);
    expect((await ann.pages.get(link(ann.shortCode, '/Reports/Index.aspx'))).status).to.equal(404);
    const bob = await signInAccountant(h, { email: 'bob@example.com' });
    expect((await bob.pages.get(link(ann.shortCode, `/Contacts/View/${contactId}`))).status).to.equal(404);
    const signedOut = await new PageClient(h.url, new Map()).get(link(ann.shortCode, `/Contacts/View/${contactId}`));
    expect(signedOut.status).to.equal(303);
    expect(signedOut.location).to.equal(`/identity/sign-in?next=${encodeURIComponent(link(ann.shortCode, `/Contacts/View/${contactId}`))}`);
  });

  it('when My organisations is opened, then each organisation links to its accountant pages', async () => {
    const page = await ann.pages.get('/identity/my-xero');
    expect(page.text).to.contain(`href="/app/${encodeURIComponent(ann.shortCode)}/invoices" aria-label="Invoices of Demo Company (AU)"`);
    const invoices = await ann.pages.get(`/app/${encodeURIComponent(ann.shortCode)}/invoices`);
    expect(invoices.status).to.equal(200);
    expect(invoices.text).to.contain('<h1>Invoices</h1>').and.to.contain('aria-current="page"');
  });
});
