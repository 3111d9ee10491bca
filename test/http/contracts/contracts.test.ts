/**
 * Contracts through the app: "Create contract" on a sales order, the contract form and its messages,
 * the record page's revenue, statuses and locks, and the "Contracts" overview with its chart.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { createProduct } from '../../fixtures/products.js';
import type { Database } from '../../../src/db/database.js';
import { todayIso } from '../../../src/common/dates.js';
import { addDays, addMonths, contractRevenue } from '../../../src/contracts/contract-revenue.js';
import { contractRepository } from '../../../src/contracts/contract-repository.js';
import { formatAmount } from '../../../src/common/money.js';
import { tenantDb } from '../../../src/db/tenant-db.js';

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Acme Plumbing');
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  // Sells at 125.00, costs 50.00 (a period, on a contract).
  const productId = await createProduct(db, org.id, { code: 'SUPPORT', name: 'Support plan', salePrice: 1_250_000, costPrice: 500_000 });
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  const { agent } = signedIn;
  const projectId = randomUUID();
  await db('projects').insert({ organisation_id: org.id, id: projectId, name: 'Cafe IT', contact_id: contactId, status: 'active' });
  const createOrder = async (): Promise<string> => {
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrf,
            contactId,
            number: '',
            projectId,
            issueDate: '2026-11-20',
            dueDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: 'Managed IT',
            notes: '',
            deliveryAddress: '',
            deliveryDate: '',
            deliveryInstructions: '',
          },
          [gstLine({ productId, description: 'Support plan', quantity: '2', unitPrice: '125.00' })],
        ),
      );
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  const contractForm = (fields: Record<string, string> = {}, lines = [gstLine({ productId, description: 'Support plan', quantity: '1', unitPrice: '300' })]) =>
    documentBody(
      {
        _csrf: csrf,
        contactId,
        number: '',
        title: 'Website care',
        salesOrderId: '',
        projectId: '',
        issueDate: '2026-01-01',
        termMonths: '12',
        billingFrequency: 'monthly',
        firstInvoiceDate: '2026-01-01',
        paymentTermsDays: '14',
        paymentTermsType: 'DAYSAFTERBILLDATE',
        autoRenew: 'on',
        noticeDays: '30',
        currency: 'AUD',
        lineAmountTypes: 'Exclusive',
        reference: '',
        notes: '',
        ...fields,
      },
      lines,
    );
  const createContract = async (fields: Record<string, string> = {}): Promise<string> => {
    const res = await agent.post('/contracts/new').type('form').send(contractForm(fields));
    expect(res.status, (res.text.match(/class="field-error"[^<]*<[^]*?<\//g) ?? []).join(' | ') || res.text.slice(0, 600)).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  return { org, contactId, productId, projectId, agent, csrf, createOrder, contractForm, createContract };
}

describeEachDialect('contracts (HTTP)', (ctx) => {
  it('when an organisation has no contracts, then the list and the overview say how to get one', async () => {
    const { agent } = await setup(ctx.current().db);
    const list = await agent.get('/contracts');
    expect(list.status).to.equal(200);
    expect(list.text).to.contain('No contracts yet').and.to.contain('Create contract');
    expect(list.text).to.match(/<a href="\/contracts" aria-current="page">(?:<svg[^]*?<\/svg>)?(?:<span>)?Contracts(?:<\/span>)?<\/a>/);
    const overview = await agent.get('/contracts/overview');
    expect(overview.status).to.equal(200);
    expect(overview.text).to.contain('No active contracts');
  });

  it('when "Create contract" is pressed on a sales order, then a draft contract has its customer, project and lines, and a second press leads to it', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createOrder } = await setup(db);
    const orderId = await createOrder();
    const before = await agent.get(`/sales-orders/${orderId}`);
    expect(before.text).to.contain('Create contract');

    const res = await agent.post(`/sales-orders/${orderId}/contract`).type('form').send({ _csrf: csrf });
    expect(res.status).to.equal(303);
    const contractPath = String(res.headers.location);
    expect(contractPath).to.match(/^\/contracts\/[0-9a-f-]{36}$/);
    const page = await agent.get(contractPath);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Contract CT-0001').and.to.contain('Draft').and.to.contain('Draft contract created from the sales order');
    expect(page.text).to.contain('Bluebird Cafe').and.to.contain('Cafe IT').and.to.contain('SO-0001').and.to.contain('Support plan');
    // 2 × 125.00 a month, costing 2 × 50.00: ACV 3,000.00, annual cost 1,200.00, GP 1,800.00, 60%.
    expect(page.text).to.contain('AUD 3,000.00').and.to.contain('AUD 1,200.00').and.to.contain('AUD 1,800.00').and.to.contain('60.0%');
    const line = await db('contract_lines').where({ organisation_id: org.id }).first();
    expect(Number(line.unit_cost)).to.equal(500_000);

    const again = await agent.post(`/sales-orders/${orderId}/contract`).type('form').send({ _csrf: csrf });
    expect(again.headers.location).to.equal(contractPath);
    expect(await countRows(db, 'contracts', org.id)).to.equal(1);
    const after = await agent.get(`/sales-orders/${orderId}`);
    expect(after.text).to.contain('Contract CT-0001').and.not.to.contain('Create contract');
  });

  it('when the form has a first invoice before the start, a bad term and no title, then each field says so and nothing is saved', async () => {
    const { db } = ctx.current();
    const { org, agent, contractForm } = await setup(db);
    const res = await agent
      .post('/contracts/new')
      .type('form')
      .send(contractForm({ title: '', termMonths: '0', firstInvoiceDate: '2025-12-01', paymentTermsType: 'OFFOLLOWINGMONTH', paymentTermsDays: '40' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Enter the title.');
    expect(res.text).to.contain('Term (months) must be a whole number from 1 to 600, or blank.');
    expect(res.text).to.contain('First invoice date must be on or after the start date.');
    expect(await countRows(db, 'contracts', org.id)).to.equal(0);
    const outside = await agent
      .post('/contracts/new')
      .type('form')
      .send(contractForm({ termMonths: '1', firstInvoiceDate: '2026-03-01' }));
    expect(outside.status).to.equal(422);
    expect(outside.text).to.contain('First invoice date must fall within the term.');
  });

  it('when a contract is saved open-ended and quarterly, then its page shows no end, its renewal terms and its figures', async () => {
    const { agent, createContract } = await setup(ctx.current().db);
    const id = await createContract({ termMonths: '', billingFrequency: 'quarterly', autoRenew: '' });
    const page = await agent.get(`/contracts/${id}`);
    expect(page.text).to.contain('Open-ended').and.to.contain('Quarterly').and.to.contain('Ends unless renewed');
    // 300.00 a quarter, costing 50.00: ACV 1,200.00, cost 200.00, GP 1,000.00, 83.3%.
    expect(page.text).to.contain('AUD 1,200.00').and.to.contain('AUD 1,000.00').and.to.contain('83.3%');
    expect(page.text).to.contain('Due 14 day(s) after the invoice date');
  });

  it('when contracts are active, then the overview totals ACV and GP, lists those renewing within 90 days and charts GP by customer', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createContract } = await setup(db);
    const other = await createContact(db, org.id, 'Zephyr Bikes');
    const today = todayIso();
    // Renews in about 45 days: a 12-month term that started 10½ months ago.
    const soonStart = addDays(addMonths(today, -12), 45);
    const soon = await createContract({ issueDate: soonStart, firstInvoiceDate: soonStart });
    const later = await createContract({ contactId: other, issueDate: today, firstInvoiceDate: today, billingFrequency: 'annually' });
    await createContract({ title: 'Still a draft' });
    for (const id of [soon, later]) {
      const res = await agent.post(`/contracts/${id}/status`).type('form').send({ _csrf: csrf, status: 'active' });
      expect(res.status).to.equal(303);
    }
    const res = await agent.get('/contracts/overview');
    expect(res.status).to.equal(200);
    // Monthly 300 → 3,600 a year + annually 300 → 300: ACV 3,900.00; costs 600 + 50 → GP 3,250.00.
    expect(res.text).to.match(
      /<td>AUD<\/td><td class="num">2<\/td><td class="num">3,900\.00<\/td><td class="num">650\.00<\/td><td class="num"><strong>3,250\.00<\/strong><\/td><td class="num">83\.3%/,
    );
    expect(res.text)
      .to.contain('<strong>0</strong> within 30 days')
      .and.to.contain('<strong>1</strong> within 60 days')
      .and.to.contain('<strong>1</strong> within 90 days');
    expect(res.text).to.contain('Renews automatically');
    expect(res.text).to.match(/<svg role="img"[^>]*>/);
    expect(res.text).to.contain('Annual gross profit by customer (AUD)').and.contain('Bluebird Cafe: 3,000.00').and.to.contain('Zephyr Bikes: 250.00');
    expect(res.text).not.to.contain('Still a draft');
  });

  it('when many contracts of several customers, frequencies, currencies and costs are active and one has its services changed, then the overview shows what contractRevenue gives for each of them', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, productId, createContract, contractForm } = await setup(db);
    const today = todayIso();
    // 33.3333 a unit: 1.5 units cost 49.99995 a period, rounded half away from zero to 50.00.
    const odd = await createProduct(db, org.id, { code: 'ODD', name: 'Odd cost', salePrice: 999_900, costPrice: 333_333 });
    const line = (overrides: Record<string, string>) => gstLine({ productId, description: 'Support plan', quantity: '1', unitPrice: '300', ...overrides });
    const plans: Array<{ customer: string; fields: Record<string, string>; lines: Record<string, string>[] }> = [];
    const frequencies = ['weekly', 'fortnightly', 'monthly', 'quarterly', 'half_yearly', 'annually'];
    for (let i = 0; i < 12; i++) {
      plans.push({
        customer: `Customer ${String(i + 1).padStart(2, '0')}`,
        fields: {
          billingFrequency: frequencies[i % frequencies.length] ?? 'monthly',
          lineAmountTypes: i % 3 === 0 ? 'Inclusive' : 'Exclusive',
          currency: i === 11 ? 'NZD' : 'AUD',
          issueDate: today,
          firstInvoiceDate: today,
        },
        lines: [
          line({ unitPrice: String(100 + 37 * i), quantity: String(1 + (i % 4)) }),
          // No product: its cost is unknown and counts as 0.
          ...(i % 2 === 0 ? [gstLine({ description: 'Setup', quantity: '1', unitPrice: '19.95' })] : []),
          ...(i % 4 === 1 ? [gstLine({ productId: odd, description: 'Odd cost', quantity: '1.5', unitPrice: '99.99' })] : []),
        ],
      });
    }
    // Renews in about 45 days (counted in the 60 and 90 day figures, listed with its ACV).
    const soonStart = addDays(addMonths(today, -12), 45);
    plans.push({ customer: 'Customer 01', fields: { issueDate: soonStart, firstInvoiceDate: soonStart }, lines: [line({ unitPrice: '80' })] });
    const ids: string[] = [];
    for (const plan of plans) {
      const contactId =
        (await db('contacts').where({ organisation_id: org.id, name: plan.customer }).first('id'))?.id ?? (await createContact(db, org.id, plan.customer));
      const id = await createContract({ ...plan.fields, contactId: String(contactId) });
      ids.push(id);
      if (plan.lines.length) {
        const saved = await agent
          .post(`/contracts/${id}/edit`)
          .type('form')
          .send(contractForm({ ...plan.fields, contactId: String(contactId) }, plan.lines));
        expect(saved.status, saved.text.slice(0, 400)).to.equal(303);
      }
      expect((await agent.post(`/contracts/${id}/status`).type('form').send({ _csrf: csrf, status: 'active' })).status).to.equal(303);
    }
    await createContract({ title: 'Still a draft' });
    // An active contract's services change: a line more and another price, so its cost is stamped again.
    const changed = ids[4] ?? '';
    const changedContact = String((await db('contracts').where({ organisation_id: org.id, id: changed }).first('contact_id')).contact_id);
    const edited = await agent
      .post(`/contracts/${changed}/edit`)
      .type('form')
      .send(
        contractForm({ ...plans[4]?.fields, contactId: changedContact }, [
          line({ unitPrice: '1234.56', quantity: '3' }),
          gstLine({ productId: odd, description: 'Odd cost', quantity: '4.5', unitPrice: '10' }),
        ]),
      );
    expect(edited.status, edited.text.slice(0, 400)).to.equal(303);

    // What the overview computed per contract before it summed in SQL: contractRevenue over each contract.
    const repo = contractRepository(tenantDb(db, org.id));
    const expected = new Map<string, { count: number; acv: number; cost: number; gp: Map<string, { label: string; gp: number }> }>();
    const renewals: Array<{ number: string; acv: number }> = [];
    for (const id of ids) {
      const c = await repo.find(id);
      if (!c) throw new Error('contract missing');
      expect(c.status).to.equal('active');
      const r = contractRevenue(c.lines, {
        frequency: c.billingFrequency,
        lineAmountTypes: c.lineAmountTypes,
        firstInvoiceDate: c.firstInvoiceDate,
        endDate: c.endDate,
      });
      const sums = expected.get(c.currency) ?? { count: 0, acv: 0, cost: 0, gp: new Map() };
      sums.count += 1;
      sums.acv += r.acv;
      sums.cost += r.annualCost;
      const customer = sums.gp.get(c.contactId) ?? { label: c.contactName, gp: 0 };
      customer.gp += r.annualGrossProfit;
      sums.gp.set(c.contactId, customer);
      expected.set(c.currency, sums);
      if (c.renewalDate && c.renewalDate > today && c.renewalDate <= addDays(today, 90)) renewals.push({ number: c.number, acv: r.acv });
    }
    const aud = expected.get('AUD');
    const nzd = expected.get('NZD');
    if (!aud || !nzd) throw new Error('both currencies expected');
    expect(aud.gp.size).to.equal(11);
    const page = await agent.get('/contracts/overview');
    expect(page.status).to.equal(200);
    for (const [currency, s] of [
      ['AUD', aud],
      ['NZD', nzd],
    ] as const) {
      const gp = s.acv - s.cost;
      const margin = ((gp / s.acv) * 100).toFixed(1);
      expect(page.text).to.contain(
        `<td>${currency}</td><td class="num">${s.count}</td><td class="num">${formatAmount(s.acv)}</td><td class="num">${formatAmount(s.cost)}</td><td class="num"><strong>${formatAmount(gp)}</strong></td><td class="num">${margin}%</td>`,
      );
    }
    expect(renewals).to.have.length(1);
    expect(page.text).to.contain('<strong>0</strong> within 30 days').and.to.contain('<strong>1</strong> within 60 days');
    expect(page.text).to.match(
      new RegExp(`>${renewals[0]?.number}</a>[^]*?<td class="num">${formatAmount(renewals[0]?.acv ?? 0).replace('.', '\\.')}</td></tr>`),
    );
    // The chart (AUD, the base currency): the top 9 customers, then the other 2 together.
    const ranked = [...aud.gp.values()].sort((a, b) => b.gp - a.gp || a.label.localeCompare(b.label));
    const wanted = [...ranked.slice(0, 9), { label: '2 other customers', gp: ranked.slice(9).reduce((sum, c) => sum + c.gp, 0) }];
    const table = /The figures as a table[^]*?<tbody>([^]*?)<\/tbody>/.exec(page.text)?.[1] ?? '';
    const shown = [...table.matchAll(/<tr><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g)].map((m) => ({ label: m[1], value: m[2] }));
    expect(shown).to.deep.equal(wanted.map((c) => ({ label: c.label, value: formatAmount(c.gp) })));
  });

  it('when a contract is created, its services and billing are edited, it is made from a sales order and it renews, then its row keeps the annual revenue and cost contractRevenue gives from its services', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, productId, createOrder, createContract, contractForm } = await setup(db);
    const repo = contractRepository(tenantDb(db, org.id));
    /** The row's stored figures, which must be what contractRevenue makes of the contract's services as stored. */
    const stored = async (id: string): Promise<{ acv: number; cost: number }> => {
      const c = await repo.find(id);
      if (!c) throw new Error('contract missing');
      const row = await db('contracts').where({ organisation_id: org.id, id }).first('annual_revenue', 'annual_cost');
      const figures = { acv: Number(row.annual_revenue), cost: Number(row.annual_cost) };
      const r = contractRevenue(c.lines, {
        frequency: c.billingFrequency,
        lineAmountTypes: c.lineAmountTypes,
        firstInvoiceDate: c.firstInvoiceDate,
        endDate: c.endDate,
      });
      expect(figures, `${c.number} as stored`).to.deep.equal({ acv: r.acv, cost: r.annualCost });
      return figures;
    };

    // Created: 300.00 a month costing 50.00 → 3,600.00 and 600.00 a year.
    const id = await createContract({ autoRenew: 'on' });
    expect(await stored(id)).to.deep.equal({ acv: 360_000, cost: 60_000 });

    // Edited: quarterly, tax inclusive, a line without a product (no cost) and a cost of half a cent (1.5 × 33.3333).
    const odd = await createProduct(db, org.id, { code: 'ODD', name: 'Odd cost', salePrice: 999_900, costPrice: 333_333 });
    const lines = [
      gstLine({ productId, description: 'Support plan', quantity: '2', unitPrice: '125' }),
      gstLine({ description: 'Setup', quantity: '1', unitPrice: '19.95' }),
      gstLine({ productId: odd, description: 'Odd cost', quantity: '1.5', unitPrice: '99.99' }),
    ];
    const edited = await agent
      .post(`/contracts/${id}/edit`)
      .type('form')
      .send(contractForm({ billingFrequency: 'quarterly', lineAmountTypes: 'Inclusive', autoRenew: 'on' }, lines));
    expect(edited.status, edited.text.slice(0, 400)).to.equal(303);
    // 250.00 + 19.95 + 149.99 a quarter including 10% GST: 227.27 + 18.14 + 136.35 without it; cost 100.00 + 50.00 a quarter.
    const afterEdit = await stored(id);
    expect(afterEdit).to.deep.equal({ acv: 4 * 38_176, cost: 4 * 15_000 });

    // Made from a sales order: 2 × 125.00 a month costing 2 × 50.00.
    const orderId = await createOrder();
    const made = await agent.post(`/sales-orders/${orderId}/contract`).type('form').send({ _csrf: csrf });
    expect(made.status).to.equal(303);
    expect(await stored(String(made.headers.location).split('/').pop() ?? '')).to.deep.equal({ acv: 300_000, cost: 120_000 });

    // Activated, then past its end with auto-renew: Renewed into its next term, the same services and figures.
    expect((await agent.post(`/contracts/${id}/status`).type('form').send({ _csrf: csrf, status: 'active' })).status).to.equal(303);
    const start = addMonths(todayIso(), -13);
    const end = addDays(addMonths(start, 12), -1);
    await db('contracts')
      .where({ organisation_id: org.id, id })
      .update({ issue_date: start, first_invoice_date: start, end_date: end, renewal_date: addDays(end, 1) });
    expect((await agent.get(`/contracts/${id}`)).text).to.match(/Contract CT-\d+ <span class="[^"]*">Renewed</);
    expect(await stored(id)).to.deep.equal(afterEdit);
  });

  it('when a contract page is viewed, then it reads the contract, its services (with their costs) and its files once each for all its panels', async () => {
    const { db } = ctx.current();
    const { agent, createContract } = await setup(db);
    const id = await createContract();
    const statements: string[] = [];
    const listener = (query: { sql: string }) => statements.push(query.sql);
    db.on('query', listener);
    let page: string;
    try {
      page = (await agent.get(`/contracts/${id}`)).text;
    } finally {
      db.removeListener('query', listener);
    }
    expect(page).to.contain('Support plan').and.to.contain('Xero repeating invoice').and.to.contain('Files');
    const reading = (table: string) => statements.filter((sql) => new RegExp(`^select .* from \\(select \\* from [\`"]${table}[\`"]`).test(sql));
    expect(reading('contract_lines'), 'services').to.have.length(1);
    expect(reading('contract_files'), 'files').to.have.length(1);
    expect(
      reading('contracts').filter((sql) => sql.includes('sales_order_number')),
      'the contract',
    ).to.have.length(1);
  });

  it('when a contract is active, then it cannot be deleted; when cancelled, it cannot be edited; a draft can be deleted', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createContract, contractForm } = await setup(db);
    const id = await createContract();
    await agent.post(`/contracts/${id}/status`).type('form').send({ _csrf: csrf, status: 'active' });
    const refused = await agent.post(`/contracts/${id}/delete`).type('form').send({ _csrf: csrf });
    expect(refused.status).to.equal(409);
    expect(refused.text).to.contain('only a draft can be deleted');
    // Cancel goes through its confirmation page (it deletes the repeating invoice in Xero when there is one).
    const direct = await agent.post(`/contracts/${id}/status`).type('form').send({ _csrf: csrf, status: 'cancelled' });
    expect([direct.status, direct.headers.location]).to.deep.equal([303, `/contracts/${id}/cancel`]);
    expect((await agent.get(`/contracts/${id}/cancel`)).text)
      .to.contain('Cancel contract')
      .and.not.contain('repeating invoice in Xero is deleted');
    expect((await agent.post(`/contracts/${id}/cancel`).type('form').send({ _csrf: csrf })).status).to.equal(303);
    const edit = await agent
      .post(`/contracts/${id}/edit`)
      .type('form')
      .send(contractForm({ title: 'Changed' }));
    expect(edit.status).to.equal(409);
    expect(edit.text).to.contain('is cancelled, so it can&#39;t be edited');
    const draft = await createContract();
    const deleted = await agent.post(`/contracts/${draft}/delete`).type('form').send({ _csrf: csrf });
    expect(deleted.status).to.equal(303);
    expect(await countRows(db, 'contracts', org.id)).to.equal(1);
  });

  it('when active contracts are past their end date, then their pages show one Expired and the auto-renewing one Renewed into its next term, and the overview still counts the renewed one', async () => {
    const { db } = ctx.current();
    const { org, agent, createContract } = await setup(db);
    const ending = await createContract({ autoRenew: '' });
    const renewing = await createContract({ autoRenew: 'on' });
    // Both started 13 months ago for 12 months: their end date was last month.
    const start = addMonths(todayIso(), -13);
    const end = addDays(addMonths(start, 12), -1);
    for (const id of [ending, renewing])
      await db('contracts')
        .where({ organisation_id: org.id, id })
        .update({ status: 'active', issue_date: start, first_invoice_date: start, end_date: end, renewal_date: addDays(end, 1) });

    const expired = await agent.get(`/contracts/${ending}`);
    expect(expired.text).to.match(/Contract CT-\d+ <span class="[^"]*">Expired</);
    const renewed = (await agent.get(`/contracts/${renewing}`)).text;
    expect(renewed).to.match(/Contract CT-\d+ <span class="[^"]*">Renewed</);
    const row = await db('contracts').where({ organisation_id: org.id, id: renewing }).first();
    expect([row.status, row.issue_date, row.end_date]).to.deep.equal(['renewed', addDays(end, 1), addDays(addMonths(addDays(end, 1), 12), -1)]);
    expect((await db('contracts').where({ organisation_id: org.id, id: ending }).first()).status).to.equal('expired');
    const overview = (await agent.get('/contracts/overview')).text;
    expect(overview).to.match(/<td class="num">1<\/td>/);
  });
});
