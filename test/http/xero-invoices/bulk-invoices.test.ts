import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { press } from '../xero-sync/sync-app.js';
import { refreshSettings, startInvoiceApp, type InvoiceApp } from './invoice-app.js';
import { seedOrders, xeroInvoices } from './bulk-orders.js';

describeEachDialect('Bulk send of sales orders to Xero (invoices in batches) against the sandbox', (ctx) => {
  let a: InvoiceApp | undefined;
  afterEach(async () => {
    await a?.close();
    a = undefined;
  });

  it('when 120 orders of 30 new customers, two of them with an account Xero does not have, are sent in bulk, then the customers and invoices go in batches (each batch reading its orders and settings once), 118 are in Xero once each, the two show Xero’s words, and Retry failed after the fix sends them without doubling any', async function () {
    this.timeout(180_000);
    a = await startInvoiceApp(ctx.current().db, { webhooksToApp: false });
    await refreshSettings(a);
    // The settings cache says account 299 exists (read before it was deleted in Xero): the mapping check lets it through, Xero refuses it.
    await a
      .db('xero_accounts')
      .insert({ organisation_id: a.org.id, account_id: randomUUID(), code: '299', name: 'Old Sales', type: 'REVENUE', status: 'ACTIVE' });
    const ids = await seedOrders(a, 'Bulk', 120, 30, [17, 88]);
    const tdb = tenantDb(a.db, a.org.id);

    // The list offers the selection; the confirmation counts the orders and the customers created on the way.
    const list = await a.agent.get('/sales-orders?q=bulk');
    expect(list.text).to.contain('Select all 120 matching');
    expect(list.text).to.match(/<input type="checkbox" name="id" value="[0-9a-f-]{36}" aria-label="Select SO-\d+"/);
    const confirm = await a.agent.get('/bulk-sends/new?records=sales_order&all=1&unsent=1');
    expect(confirm.status).to.equal(200);
    expect(confirm.text).to.contain('Send 120 to Xero');
    expect(confirm.text).to.match(/<strong>30<\/strong> created in Xero/);
    // The list's own Xero invoice filter is kept by "Select all N matching".
    expect((await a.agent.get('/bulk-sends/new?records=sales_order&all=1&invoice=paid')).text).not.to.contain('Send 120 to Xero');
    expect((await a.agent.get('/bulk-sends/new?records=sales_order&all=1&invoice=not-sent')).text).to.contain('Send 120 to Xero');

    a.sa.calls.clear();
    // The statements the run makes, by what they read or write (the app shares this knex).
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    a.db.on('query', onQuery);
    const run = await a.sa.sync.bulk.forOrganisation(tdb).start('sales_order', { ids }, { userId: null, name: 'Alice Accountant' });
    expect(run.total).to.equal(120);
    await a.sa.sync.engine.worker.drain();
    a.db.off('query', onQuery);
    // A batch reads its orders, their lines, the defaults and the settings cache once for all its orders, not once an order.
    // SQLite quotes names with backticks, PostgreSQL with double quotes.
    const count = (re: RegExp) => statements.filter((sql) => re.test(sql.replace(/`/g, '"'))).length;
    expect(count(/^select .* from "sales_order_lines"/i), 'reads of order lines').to.equal(3);
    expect(count(/^select .* from "xero_defaults"/i), 'reads of the defaults').to.equal(3);
    expect(count(/^select .* from "xero_accounts"/i), 'reads of the accounts cache').to.equal(3);
    expect(count(/^select .* from "contacts" .*"company_id" in/i), 'reads of the companies’ people').to.be.at.most(3);
    // Each create call is marked write-started in one statement, whatever its size: the 3 invoice creates and the one create of the 30 customers.
    expect(count(/^update "xero_sync_operations" set .*"write_started_at"/i), 'write-started marks').to.equal(4);

    // 3 batches (50, 50, 20): each ensures its customers (one lookup and one create where some are new), then one create call of invoices.
    expect(a.sa.calls.get('saveInvoices')).to.equal(3);
    expect(a.sa.calls.get('createInvoice') ?? 0).to.equal(0);
    expect(a.sa.calls.get('createContact') ?? 0).to.equal(0);
    expect(a.sa.calls.get('saveContacts')).to.be.at.most(3);
    const progress = await a.sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(progress.run.status).to.equal('done');
    expect(progress.counts).to.include({ done: 118, failed: 2, pending: 0, running: 0, waiting: 0 });

    const ops = await a.db('xero_sync_operations').where({ organisation_id: a.org.id, run_id: run.id });
    const failed = ops.filter((o) => o.status === 'failed').map((o) => o.record_id);
    expect(failed.sort()).to.deep.equal([ids[16], ids[87]].sort());
    for (const op of ops.filter((o) => o.status === 'failed')) {
      expect(JSON.parse(op.xero_messages)).to.deep.equal(["Account code '299' is not a valid code for this document."]);
      expect(op.result_message).to.equal('Xero refused it.');
    }
    // The sync log shows each record's result too.
    const log = await a.agent.get('/sync-log?state=failed&kind=sales_order');
    expect(log.text).to.contain('Account code &#39;299&#39; is not a valid code for this document.');

    let invoices = await xeroInvoices(a);
    expect(invoices).to.have.length(118);
    const orders = await a.db('sales_orders').where({ organisation_id: a.org.id }).whereIn('id', ids);
    for (const order of orders.filter((o) => !failed.includes(o.id))) {
      const invoice = invoices.find((i) => i.invoiceID?.toLowerCase() === String(order.xero_invoice_id).toLowerCase());
      expect(invoice, order.number).to.not.equal(undefined);
      expect(Math.round((invoice!.total ?? 0) * 100)).to.equal(Number(order.total));
      expect(invoice!.url).to.match(new RegExp(`/sales-orders/${order.id}$`));
    }
    // No customer twice in Xero.
    const contactNames = invoices.map((i) => i.contact?.name);
    expect(new Set(contactNames).size).to.equal(30);
    const contactIds = new Set(invoices.map((i) => i.contact?.contactID));
    expect(contactIds.size).to.equal(30);

    // The progress page shows the two with Xero's words; the fix, then Retry failed sends just them.
    const page = `/bulk-sends/${run.id}`;
    const shown = await a.agent.get(page);
    expect(shown.text).to.contain('Account code &#39;299&#39; is not a valid code for this document.');
    await a.db('sales_order_lines').where({ organisation_id: a.org.id, account_code: '299' }).update({ account_code: '200' });
    a.sa.calls.clear();
    expect((await press(a.agent, page, `${page}/retry-failed`)).status).to.equal(303);
    await a.sa.sync.engine.worker.drain();
    expect(a.sa.calls.get('saveInvoices')).to.equal(1);
    const after = await a.sa.sync.bulk.forOrganisation(tdb).progress(run.id);
    expect(after.counts).to.include({ done: 120, failed: 0 });
    invoices = await xeroInvoices(a);
    expect(invoices).to.have.length(120);
    expect(new Set(invoices.map((i) => i.url)).size).to.equal(120);

    // Sent again: nothing has changed, so no invoice call at all.
    a.sa.calls.clear();
    const again = await a.sa.sync.bulk.forOrganisation(tdb).start('sales_order', { ids }, { userId: null, name: 'Alice Accountant' });
    await a.sa.sync.engine.worker.drain();
    expect(a.sa.calls.get('saveInvoices') ?? 0).to.equal(0);
    expect(a.sa.calls.get('saveContacts') ?? 0).to.equal(0);
    const outcomes = await a.db('xero_sync_operations').where({ organisation_id: a.org.id, run_id: again.id }).select('outcome');
    expect(outcomes.every((o) => o.outcome === 'unchanged')).to.equal(true);
    expect(await xeroInvoices(a)).to.have.length(120);
  });
});
