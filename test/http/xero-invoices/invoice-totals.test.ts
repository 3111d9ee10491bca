import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { gstLine } from '../../fixtures/documents.js';
import { createOrder, pressOnOrder, refreshSettings, startInvoiceApp, type InvoiceApp } from './invoice-app.js';

const cents = (amount: number | undefined): number => Math.round((amount ?? 0) * 100);

/** The order's figures and its lines' as Ledgerside computed them (cents). */
async function orderFigures(a: InvoiceApp, id: string) {
  const order = await a.db('sales_orders').where({ organisation_id: a.org.id, id }).first();
  const lines: Array<{ line_amount: number | string; tax_amount: number | string }> = await a
    .db('sales_order_lines')
    .where({ organisation_id: a.org.id, sales_order_id: id })
    .orderBy('position');
  return {
    invoiceId: String(order.xero_invoice_id),
    totals: [Number(order.sub_total), Number(order.total_tax), Number(order.total)],
    lines: lines.map((l) => [Number(l.line_amount), Number(l.tax_amount)]),
  };
}

async function send(a: InvoiceApp, id: string) {
  expect((await pressOnOrder(a, id, `/sales-orders/${id}/send-to-xero`)).status).to.equal(303);
  await a.settle();
}

/** The Xero defaults form with Xero's own numbering or the order number. */
async function saveNumbering(a: InvoiceApp, numbering: 'xero' | 'sales_order') {
  const res = await a.agent
    .post('/settings/xero/defaults')
    .type('form')
    .send({
      _csrf: await a.csrf(),
      invoice_status: 'DRAFT',
      purchase_order_status: 'DRAFT',
      sales_account_code: '',
      sales_tax_type: '',
      purchases_account_code: '',
      purchases_tax_type: '',
      branding_theme_id: '',
      due_date_rule: 'contact_terms',
      due_days: '30',
      invoice_numbering: numbering,
    });
  expect(res.status, res.text.slice(0, 400)).to.equal(303);
}

// Amounts chosen to land on half cents, where rounding per line (Xero's way) and on the total differ.
const CASES: Array<{ name: string; fields: Record<string, string>; lines: Record<string, string>[] }> = [
  {
    name: 'tax exclusive',
    fields: { lineAmountTypes: 'Exclusive' },
    lines: [
      gstLine({ description: 'Build', quantity: '3', unitPrice: '99.99' }),
      gstLine({ description: 'Fittings', quantity: '7', unitPrice: '0.0715' }),
      gstLine({ description: 'Exempt part', quantity: '1', unitPrice: '45.55', taxType: 'EXEMPTOUTPUT' }),
    ],
  },
  {
    name: 'tax inclusive',
    fields: { lineAmountTypes: 'Inclusive' },
    lines: [
      gstLine({ description: 'Fit-out', quantity: '1', unitPrice: '110.00' }),
      gstLine({ description: 'Parts', quantity: '3', unitPrice: '9.99', discount: '10' }),
      gstLine({ description: 'Sundries', quantity: '7', unitPrice: '3.3333' }),
    ],
  },
  {
    name: 'no tax',
    fields: { lineAmountTypes: 'NoTax' },
    lines: [
      gstLine({ description: 'Donation', quantity: '3', unitPrice: '1.2345', taxType: '' }),
      gstLine({ description: 'Fee', quantity: '2.5', unitPrice: '19.99', taxType: '' }),
    ],
  },
  {
    name: 'discounted',
    fields: { lineAmountTypes: 'Exclusive' },
    lines: [
      gstLine({ description: 'Elbow', quantity: '3', unitPrice: '33.335', discount: '12.5' }),
      gstLine({ description: 'Pipe', quantity: '1.5', unitPrice: '12.3456', discount: '7.5' }),
      gstLine({ description: 'Tape', quantity: '1', unitPrice: '0.05', discount: '50' }),
    ],
  },
];

describeEachDialect('Sales order → Xero invoice: totals in Xero equal the order’s, to the cent (sandbox)', (ctx) => {
  let a: InvoiceApp | undefined;
  afterEach(async () => {
    await a?.close();
    a = undefined;
  });

  it('when tax exclusive, tax inclusive, no-tax and discounted orders are sent, then Xero’s line amounts, taxes and totals equal the order’s', async () => {
    a = await startInvoiceApp(ctx.current().db);
    await refreshSettings(a);
    for (const c of CASES) {
      const { id } = await createOrder(a, `Customer ${c.name}`, c.lines, c.fields);
      await send(a, id);
      const order = await orderFigures(a, id);
      const invoice = await a.invoice(order.invoiceId);
      expect(String(invoice.lineAmountTypes), c.name).to.equal(c.fields.lineAmountTypes);
      expect(
        invoice.lineItems?.map((l) => [cents(l.lineAmount), cents(l.taxAmount)]),
        `${c.name}: each line's amount and tax`,
      ).to.deep.equal(order.lines);
      expect([cents(invoice.subTotal), cents(invoice.totalTax), cents(invoice.total)], `${c.name}: sub-total, tax, total`).to.deep.equal(order.totals);
      // The figures are not trivially equal: every case has tax or rounding to get right.
      expect(order.totals[2], c.name).to.be.greaterThan(0);
    }
  });

  it('when the organisation chooses the order number as invoice number, then the invoice in Xero is numbered as the order; back on Xero’s numbering, Xero numbers the next', async () => {
    a = await startInvoiceApp(ctx.current().db);
    await refreshSettings(a);
    await saveNumbering(a, 'sales_order');
    const first = await createOrder(a, 'Numbered Cafe');
    await send(a, first.id);
    const firstRow = await a.db('sales_orders').where({ organisation_id: a.org.id, id: first.id }).first();
    const numbered = await a.invoice(String(firstRow.xero_invoice_id));
    expect(numbered.invoiceNumber).to.equal(firstRow.number);
    expect(firstRow.xero_invoice_number).to.equal(firstRow.number);
    expect((await a.agent.get(`/sales-orders/${first.id}`)).text).to.contain(`Xero invoice ${String(firstRow.number)}`);

    await saveNumbering(a, 'xero');
    const second = await createOrder(a, 'Sequenced Cafe');
    await send(a, second.id);
    const secondRow = await a.db('sales_orders').where({ organisation_id: a.org.id, id: second.id }).first();
    const sequenced = await a.invoice(String(secondRow.xero_invoice_id));
    expect(sequenced.invoiceNumber).to.be.a('string').and.not.equal(secondRow.number);
    expect(sequenced.invoiceNumber).to.match(/^INV-\d+$/);
  });
});
