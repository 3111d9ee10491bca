import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { csrfFrom } from '../../helpers/app-on-sandbox.js';
import { gstLine } from '../../fixtures/documents.js';
import { addDaysIso, todayIso } from '../../../src/common/dates.js';
import { createOrder, refreshSettings, startInvoiceApp, type InvoiceApp } from '../xero-invoices/invoice-app.js';

/** The app's token for the organisation, to call the sandbox's API and admin routes as the app does. */
async function token(a: InvoiceApp): Promise<string> {
  const grant = await a.db('xero_grants').first();
  return (await a.sa.xero.tokenStore.find(String(grant.id)))!.tokenSet.access_token!;
}

async function xeroApi(a: InvoiceApp, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; bytes: Buffer }> {
  const res = await fetch(`${a.h.apiBasePath}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await token(a)}`,
      'xero-tenant-id': a.org.xeroTenantId,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    // not JSON (an attachment's bytes)
  }
  return { status: res.status, json, bytes };
}

/** A Xero date (/Date(ms)/ or ISO) as a calendar date. */
const day = (v: unknown): string => {
  const ms = /^\/Date\((-?\d+)/.exec(String(v));
  return ms ? new Date(Number(ms[1])).toISOString().slice(0, 10) : String(v).slice(0, 10);
};

const first = (json: Record<string, unknown>, key: string): Record<string, unknown> => (json[key] as Record<string, unknown>[])[0]!;

async function press(a: InvoiceApp, page: string, action: string, fields: Record<string, string | string[]> = {}) {
  const html = (await a.agent.get(page)).text;
  if (!html.includes(`action="${action}"`)) throw new Error(`no ${action} on ${page}`);
  return a.agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(html), ...fields });
}

/** Alice approves then pays an invoice in the sandbox's own pages, as an accountant would in Xero. */
async function approveAndPay(a: InvoiceApp, invoiceId: string, amount: string) {
  const base = `/app/${a.org.shortCode}`;
  a.h.clock.advance(1000);
  await a.xeroPages.get(`${base}/invoices/${invoiceId}`);
  expect((await a.xeroPages.post(`${base}/invoices/${invoiceId}/approve`)).status).to.equal(303);
  a.h.clock.advance(1000);
  await a.xeroPages.get(`${base}/invoices/${invoiceId}`);
  const paid = await a.xeroPages.post(`${base}/invoices/${invoiceId}/payments`, { date: todayIso(), amount, accountCode: '090', reference: 'Card' });
  expect(paid.status, paid.text.slice(0, 400)).to.equal(303);
}

describeEachDialect('Contracts → Xero repeating invoices against the sandbox', (ctx) => {
  let a: InvoiceApp | undefined;
  afterEach(async () => {
    await a?.close();
    a = undefined;
  });

  it('when a contract made from a sales order is sent, then Xero has its repeating invoice with the PDF and the ticked file attached, its generated invoice shows on the contract with its paid status, and cancelling deletes it in Xero', async () => {
    a = await startInvoiceApp(ctx.current().db);
    await refreshSettings(a);
    // Sign-in read the organisation's own address and tax number from Xero (the contract document's supplier).
    const organisation = await a.db('organisations').where({ id: a.org.id }).first();
    expect([JSON.parse(String(organisation.address_lines)), organisation.tax_number]).to.deep.equal([
      ['23 Main Street', 'Marineville VIC 3210', 'Australia'],
      '12 345 678 901',
    ]);
    const order = await createOrder(a, 'Wattle Gardens', [gstLine({ description: 'Lawn care', quantity: '1', unitPrice: '100.00' })]);
    const made = await press(a, `/sales-orders/${order.id}`, `/sales-orders/${order.id}/contract`);
    expect(made.status).to.equal(303);
    const contractId = String(made.headers.location).split('/').pop()!;
    // The first invoice a few days ahead, so only the advanced clock makes it.
    const firstInvoice = addDaysIso(todayIso(), 3);
    await a.db('contracts').where({ organisation_id: a.org.id, id: contractId }).update({ first_invoice_date: firstInvoice });
    await press(a, `/contracts/${contractId}`, `/contracts/${contractId}/status`, { status: 'active' });
    expect((await press(a, `/contracts/${contractId}`, `/contracts/${contractId}/generate`)).status).to.equal(303);
    const notes = Buffer.from('Site access: side gate, code 4471.\n');
    const upload = await a.agent
      .post(`/contracts/${contractId}/files`)
      .field('_csrf', await a.csrf())
      .attach('file', notes, 'site-notes.txt');
    expect(upload.status).to.equal(303);
    const uploaded = await a.db('contract_files').where({ organisation_id: a.org.id, contract_id: contractId, source: 'upload' }).first();

    const sent = await press(a, `/contracts/${contractId}`, `/contracts/${contractId}/send-to-xero`, { attach: String(uploaded.id) });
    expect(sent.status).to.equal(303);
    await a.settle();

    const row = await a.db('contract_repeating_invoices').where({ organisation_id: a.org.id, contract_id: contractId }).first();
    expect(row, 'a repeating invoice was recorded').to.not.equal(undefined);
    const contract = await a.db('contracts').where({ organisation_id: a.org.id, id: contractId }).first();
    const template = first((await xeroApi(a, 'GET', `/RepeatingInvoices/${row.repeating_invoice_id}`)).json, 'RepeatingInvoices');
    expect(template.Reference).to.equal(contract.number);
    expect(template.Status).to.equal('DRAFT');
    const schedule = template.Schedule as Record<string, unknown>;
    expect([schedule.Period, schedule.Unit, schedule.DueDate, schedule.DueDateType]).to.deep.equal([1, 'MONTHLY', 14, 'DAYSAFTERBILLDATE']);
    expect(day(schedule.StartDate)).to.equal(firstInvoice);
    expect(day(schedule.EndDate)).to.equal(contract.end_date);
    expect((template.LineItems as Record<string, unknown>[]).map((l) => [l.Description, l.UnitAmount])).to.deep.equal([['Lawn care', 100]]);

    // The generated contract PDF and the ticked file are attached, byte for byte.
    const attachments = (await xeroApi(a, 'GET', `/RepeatingInvoices/${row.repeating_invoice_id}/Attachments`)).json.Attachments as Record<string, unknown>[];
    expect(attachments.map((x) => x.FileName).sort()).to.deep.equal([`${contract.number} contract v1.pdf`, 'site-notes.txt']);
    const bytes = (await xeroApi(a, 'GET', `/RepeatingInvoices/${row.repeating_invoice_id}/Attachments/site-notes.txt`)).bytes;
    expect(bytes.equals(notes)).to.equal(true);

    let page = (await a.agent.get(`/contracts/${contractId}`)).text;
    expect(page).to.contain('Xero repeating invoice').and.contain('Open in Xero').and.contain('RepeatTransactions').and.contain('Next scheduled invoice');
    expect(page).to.contain('None yet: Xero makes the first one on the next scheduled date.');

    // Xero's clock passes the next scheduled date: the invoice it makes arrives by webhook, with the template's next date.
    const advanced = await xeroApi(a, 'POST', '/sandbox-admin/clock/advance', { days: 4 });
    expect(advanced.status).to.equal(200);
    const generated = (advanced.json.invoices as Record<string, unknown>[]).filter((i) => i.RepeatingInvoiceID === row.repeating_invoice_id);
    expect(generated).to.have.length(1);
    await a.settle();
    const kept = await a.db('contract_xero_invoices').where({ organisation_id: a.org.id, contract_id: contractId });
    expect(kept.map((i: { invoice_id: string; status: string }) => [i.invoice_id, i.status])).to.deep.equal([
      [String(generated[0]!.InvoiceID).toLowerCase(), 'DRAFT'],
    ]);
    page = (await a.agent.get(`/contracts/${contractId}`)).text;
    expect(page).to.contain(String(generated[0]!.InvoiceNumber)).and.contain('AUD 110.00');
    const next = (await a.db('contract_repeating_invoices').where({ organisation_id: a.org.id, contract_id: contractId }).first()).next_scheduled_date;
    expect(next > firstInvoice, `next scheduled ${next}`).to.equal(true);

    // Paid in Xero → the contract shows it paid.
    await approveAndPay(a, String(generated[0]!.InvoiceID), '110.00');
    await a.settle();
    const paid = await a.db('contract_xero_invoices').where({ organisation_id: a.org.id, contract_id: contractId }).first();
    expect([paid.status, Number(paid.amount_paid), Number(paid.amount_due)]).to.deep.equal(['PAID', 11000, 0]);
    expect((await a.agent.get(`/contracts/${contractId}`)).text).to.match(/<td>Paid<\/td>/);

    // Cancel asks first, then deletes the repeating invoice in Xero.
    const confirm = await a.agent.get(`/contracts/${contractId}/cancel`);
    expect(confirm.text).to.contain('Its repeating invoice in Xero is deleted');
    const cancelled = await press(a, `/contracts/${contractId}/cancel`, `/contracts/${contractId}/cancel`);
    expect(cancelled.status).to.equal(303);
    await a.settle();
    const gone = first((await xeroApi(a, 'GET', `/RepeatingInvoices/${row.repeating_invoice_id}`)).json, 'RepeatingInvoices');
    expect(gone.Status).to.equal('DELETED');
    expect((await a.db('contracts').where({ organisation_id: a.org.id, id: contractId }).first()).status).to.equal('cancelled');
    page = (await a.agent.get(`/contracts/${contractId}`)).text;
    expect(page).to.contain('The contract is cancelled and its repeating invoice was deleted in Xero.');
  });

  it('when a contract is changed after Xero made its first invoice, then re-sending replaces the repeating invoice from its next scheduled date, and with webhooks off the poll brings the invoice and the date', async () => {
    a = await startInvoiceApp(ctx.current().db, { webhooksToApp: false });
    await refreshSettings(a);
    const order = await createOrder(a, 'Banksia Bakery', [gstLine({ description: 'Oven service', quantity: '1', unitPrice: '100.00' })]);
    const contractId = String((await press(a, `/sales-orders/${order.id}`, `/sales-orders/${order.id}/contract`)).headers.location)
      .split('/')
      .pop()!;
    const firstInvoice = addDaysIso(todayIso(), 3);
    await a.db('contracts').where({ organisation_id: a.org.id, id: contractId }).update({ first_invoice_date: firstInvoice });
    await press(a, `/contracts/${contractId}`, `/contracts/${contractId}/send-to-xero`);
    await a.settle();
    const old = await a.db('contract_repeating_invoices').where({ organisation_id: a.org.id, contract_id: contractId }).first();
    expect(old.start_date).to.equal(firstInvoice);

    const advanced = await xeroApi(a, 'POST', '/sandbox-admin/clock/advance', { days: 4 });
    expect((advanced.json.invoices as unknown[]).length).to.equal(1);
    await a.settle();
    expect(await a.db('contract_xero_invoices').where({ organisation_id: a.org.id, contract_id: contractId })).to.have.length(0);

    const { sentDocumentsPoll } = await import('../../../src/xero-sync/index.js');
    const { contractsPollKind } = await import('../../../src/xero-contracts/index.js');
    const { createLogger } = await import('../../../src/common/logger.js');
    const poll = sentDocumentsPoll({
      db: a.db,
      logger: createLogger('silent'),
      gatewayFor: (o) => a!.sa.xero.gateway.forOrganisation(o),
      kinds: [contractsPollKind],
    });
    const [result] = await poll.pollNow(a.org.id);
    expect(result?.updated).to.be.greaterThan(0);
    const kept = await a.db('contract_xero_invoices').where({ organisation_id: a.org.id, contract_id: contractId });
    expect(kept.map((i: { invoice_date: string; total: string | number }) => [i.invoice_date, Number(i.total)])).to.deep.equal([[firstInvoice, 11000]]);
    const nextDate = (await a.db('contract_repeating_invoices').where({ organisation_id: a.org.id, repeating_invoice_id: old.repeating_invoice_id }).first())
      .next_scheduled_date;
    expect(nextDate > firstInvoice, `next ${nextDate}`).to.equal(true);

    // The price per period changes: the page says Xero has an older version; re-sending replaces the template.
    await a
      .db('contract_lines')
      .where({ organisation_id: a.org.id, contract_id: contractId })
      .update({ unit_price: 1200000, line_amount: 12000, tax_amount: 1200 });
    expect((await a.agent.get(`/contracts/${contractId}`)).text).to.contain('; changed since');
    await press(a, `/contracts/${contractId}`, `/contracts/${contractId}/send-to-xero`);
    await a.settle();
    const templates = await a.db('contract_repeating_invoices').where({ organisation_id: a.org.id, contract_id: contractId }).orderBy('sent_at');
    expect(templates.map((t: { status: string }) => t.status)).to.deep.equal(['DELETED', 'DRAFT']);
    expect(templates[1].start_date).to.equal(nextDate);
    expect(first((await xeroApi(a, 'GET', `/RepeatingInvoices/${old.repeating_invoice_id}`)).json, 'RepeatingInvoices').Status).to.equal('DELETED');
    const replacement = first((await xeroApi(a, 'GET', `/RepeatingInvoices/${templates[1].repeating_invoice_id}`)).json, 'RepeatingInvoices');
    expect(day((replacement.Schedule as Record<string, unknown>).StartDate)).to.equal(nextDate);
    expect((replacement.LineItems as Record<string, unknown>[]).map((l) => l.UnitAmount)).to.deep.equal([120]);
    const ops = await a.db('xero_sync_operations').where({ organisation_id: a.org.id, record_kind: 'contract' }).orderBy('created_at');
    expect(ops.map((o: { outcome: string }) => o.outcome)).to.deep.equal(['created', 'updated']);
    const page = (await a.agent.get(`/contracts/${contractId}`)).text;
    expect(page).not.to.contain('; changed since');
    // The invoice the old template made stays on the contract.
    expect(page).to.contain(String((advanced.json.invoices as Record<string, unknown>[])[0]!.InvoiceNumber));
    // Refresh from Xero reads the invoices of every template the contract has had (the replaced one's too).
    await a.db('contract_xero_invoices').where({ organisation_id: a.org.id, contract_id: contractId }).delete();
    const refreshed = await press(a, `/contracts/${contractId}`, `/contracts/${contractId}/refresh-from-xero`);
    expect(refreshed.status).to.equal(303);
    expect((await a.agent.get(`/contracts/${contractId}`)).text).to.contain('Refreshed from Xero: 1 invoice made from');
    expect(await a.db('contract_xero_invoices').where({ organisation_id: a.org.id, contract_id: contractId })).to.have.length(1);
  });
  it('when the sandbox saves a new contract’s repeating invoice and drops the answer, then the retry finds it by its Reference and Xero has it once; a first send that only created the customer looks nothing up', async () => {
    a = await startInvoiceApp(ctx.current().db, { webhooksToApp: false });
    await refreshSettings(a);
    const order = await createOrder(a, 'Grevillea Gym', [gstLine({ description: 'Equipment service', quantity: '1', unitPrice: '80.00' })]);
    const contractId = String((await press(a, `/sales-orders/${order.id}`, `/sales-orders/${order.id}/contract`)).headers.location)
      .split('/')
      .pop()!;
    const contract = await a.db('contracts').where({ organisation_id: a.org.id, id: contractId }).first();
    const faults = await xeroApi(a, 'PUT', '/sandbox-admin/faults', { afterSave: [{ mode: 'drop', collections: ['RepeatingInvoices'], next: 1 }] });
    expect(faults.status).to.equal(200);
    await press(a, `/contracts/${contractId}`, `/contracts/${contractId}/send-to-xero`);
    await a.settle();
    const op = () => a!.db('xero_sync_operations').where({ organisation_id: a!.org.id, record_id: contractId }).first();
    expect((await op()).status, 'the answer was lost: the send waits to try again').to.equal('waiting');
    // The customer was created in this attempt; that alone is no reason to look for a repeating invoice.
    expect([a.sa.calls.get('createContact'), a.sa.calls.get('getRepeatingInvoices') ?? 0]).to.deep.equal([1, 0]);
    const inXero = async () =>
      ((await xeroApi(a!, 'GET', '/RepeatingInvoices')).json.RepeatingInvoices as Record<string, unknown>[]).filter((t) => t.Reference === contract.number);
    expect(await inXero(), 'Xero saved it').to.have.length(1);

    a.sa.clock.advance(10 * 60_000);
    await a.settle();
    const done = await op();
    expect([done.status, done.outcome, done.result_message]).to.deep.equal([
      'done',
      'created',
      'Repeating invoice created in Xero (confirmed after Xero’s answer was lost).',
    ]);
    expect(a.sa.calls.get('createRepeatingInvoice'), 'created once, not twice').to.equal(1);
    const templates = await inXero();
    expect(templates).to.have.length(1);
    const row = await a.db('contract_repeating_invoices').where({ organisation_id: a.org.id, contract_id: contractId }).first();
    expect(row.repeating_invoice_id).to.equal(String(templates[0]!.RepeatingInvoiceID).toLowerCase());
  });
});
