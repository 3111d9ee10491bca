import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/documents.js';
import { todayIso } from '../../../src/common/dates.js';
import type { Database } from '../../../src/db/database.js';

/** A date `days` from today (negative: in the past), as the list compares it. */
function dayFromToday(days: number): string {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type InvoiceState = { status: string; due: number; dueDate: string } | null;

/**
 * Orders written directly with the invoice state the Xero sync keeps on them (src/xero-invoices writes
 * these columns from Xero's answers; here they stand for what Xero said).
 */
async function orderWith(db: Database, organisationId: string, contactId: string, number: string, invoice: InvoiceState): Promise<void> {
  await db('sales_orders').insert({
    organisation_id: organisationId,
    id: randomUUID(),
    number,
    contact_id: contactId,
    issue_date: '2026-11-20',
    currency: 'AUD',
    line_amount_types: 'Exclusive',
    status: 'open',
    sub_total: 10000,
    total_tax: 1000,
    total: 11000,
    ...(invoice
      ? {
          xero_invoice_id: randomUUID(),
          xero_invoice_number: `INV-${number}`,
          xero_invoice_status: invoice.status,
          xero_amount_due: invoice.due,
          xero_amount_paid: 11000 - invoice.due,
          xero_due_date: invoice.dueDate,
          xero_currency: 'AUD',
          xero_total: 11000,
        }
      : {}),
  });
}

async function setup(db: Database, name: string, prefix: string) {
  const org = await createTestOrganisation(db, name);
  const contactId = await createContact(db, org.id, `${name} customer`);
  const orders: Record<string, InvoiceState> = {
    [`${prefix}-NOT-SENT`]: null,
    [`${prefix}-DRAFT`]: { status: 'DRAFT', due: 11000, dueDate: dayFromToday(-30) },
    [`${prefix}-AWAITING`]: { status: 'AUTHORISED', due: 11000, dueDate: dayFromToday(10) },
    [`${prefix}-DUE-TODAY`]: { status: 'AUTHORISED', due: 5000, dueDate: dayFromToday(0) },
    [`${prefix}-OVERDUE`]: { status: 'AUTHORISED', due: 6000, dueDate: dayFromToday(-3) },
    [`${prefix}-PAID`]: { status: 'PAID', due: 0, dueDate: dayFromToday(-3) },
    [`${prefix}-VOIDED`]: { status: 'VOIDED', due: 0, dueDate: dayFromToday(-3) },
  };
  for (const [number, invoice] of Object.entries(orders)) await orderWith(db, org.id, contactId, number, invoice);
  const { agent } = await signedInAgent(testApp(db), db, [org]);
  return { org, agent };
}

/** The list's rows as "number: invoice cell", in the page's order. */
function rowsOf(html: string): string[] {
  const rows = [
    ...html.matchAll(/<tr>\s*(?:<td><input type="checkbox"[^>]*><\/td>\s*)?<td><a href="\/sales-orders\/[^"]+">([^<]+)<\/a><\/td>([\s\S]*?)<\/tr>/g),
  ];
  return rows
    .map(([, number, cells]) => {
      const invoice = [...(cells ?? '').matchAll(/<span class="[^"]*">([^<]+)<\/span>/g)].map((m) => m[1])[1];
      return `${number}: ${invoice}`;
    })
    .sort();
}

describeEachDialect("sales orders list's Xero invoice column and filter (HTTP)", (ctx) => {
  it('when orders are in every invoice state, then the list shows each one’s invoice status, with Overdue past the due date', async () => {
    const { db } = ctx.current();
    const { agent } = await setup(db, 'Acme Plumbing', 'A');
    const page = await agent.get('/sales-orders');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('<th scope="col">Xero invoice</th>');
    expect(rowsOf(page.text)).to.deep.equal([
      'A-AWAITING: Awaiting payment',
      'A-DRAFT: Draft',
      'A-DUE-TODAY: Awaiting payment',
      'A-NOT-SENT: Not sent',
      'A-OVERDUE: Overdue',
      'A-PAID: Paid',
      'A-VOIDED: Voided',
    ]);
    expect(page.text).to.match(/<select id="f-invoice" name="invoice">\s*<option value="" selected>Any invoice status<\/option>/);
  });

  it("when the list is filtered by invoice status, then only matching orders of the organisation show, never another organisation's", async () => {
    const { db } = ctx.current();
    const mine = await setup(db, 'Acme Plumbing', 'A');
    // The other organisation has an order in every state too: none of them may appear in A's lists.
    await setup(db, 'Other Trades', 'B');
    const listed = async (query: string) => {
      const page = await mine.agent.get(`/sales-orders?${query}`);
      expect(page.status, query).to.equal(200);
      expect(page.text, query).not.to.contain('B-');
      return rowsOf(page.text);
    };
    expect(await listed('invoice=not-sent')).to.deep.equal(['A-NOT-SENT: Not sent']);
    // Awaiting payment counts the overdue ones too, as the dashboard's "Awaiting payment in Xero" does.
    expect(await listed('invoice=awaiting')).to.deep.equal(['A-AWAITING: Awaiting payment', 'A-DUE-TODAY: Awaiting payment', 'A-OVERDUE: Overdue']);
    expect(await listed('invoice=overdue')).to.deep.equal(['A-OVERDUE: Overdue']);
    expect(await listed('invoice=paid')).to.deep.equal(['A-PAID: Paid']);
    // A value the list does not know is ignored like every list parameter: the whole list.
    expect(await listed('invoice=bogus')).to.have.length(7);
    // Combined with the kit's own filters and kept in the sort and page links.
    expect(await listed('invoice=awaiting&q=overdue')).to.deep.equal(['A-OVERDUE: Overdue']);
    const filtered = await mine.agent.get('/sales-orders?invoice=overdue');
    expect(filtered.text).to.match(/<option value="overdue" selected>Overdue<\/option>/);
    expect(filtered.text).to.match(/href="\/sales-orders\?invoice=overdue&amp;sort=number&amp;dir=asc"/);
    expect(filtered.text).to.contain('>Clear</a>');
  });

  it("when the dashboard's invoice figures are followed, then their links list exactly the orders they count", async () => {
    const { db } = ctx.current();
    const { agent } = await setup(db, 'Acme Plumbing', 'A');
    const dashboard = await agent.get('/dashboard');
    expect(dashboard.status).to.equal(200);
    expect(dashboard.text).to.contain('href="/sales-orders?invoice=awaiting"');
    expect(dashboard.text).to.contain('href="/sales-orders?invoice=overdue"');
    expect(rowsOf((await agent.get('/sales-orders?invoice=awaiting')).text)).to.have.length(3);
    expect(rowsOf((await agent.get('/sales-orders?invoice=overdue')).text)).to.have.length(1);
  });
});
