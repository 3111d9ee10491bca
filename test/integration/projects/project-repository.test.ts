import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { projectService } from '../../../src/projects/index.js';
import { parseProjectListQuery } from '../../../src/projects/project-list.js';
import { salesOrderProjectContribution } from '../../../src/sales-orders/index.js';
import { createContact } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';

async function setup(db: Database, name = 'Acme') {
  const org = await createTestOrganisation(db, name);
  const contactId = await createContact(db, org.id, `${name} customer`);
  const tdb = tenantDb(db, org.id);
  const service = projectService({ tdb, contributions: [salesOrderProjectContribution] });
  const values = (fields: Record<string, string> = {}) => ({
    name: `${name} project`,
    contactId,
    status: 'active',
    startDate: '',
    endDate: '',
    budget: '',
    description: '',
    ...fields,
  });
  return { org, contactId, tdb, service, values };
}

async function addOrder(
  db: Database,
  orgId: string,
  contactId: string,
  projectId: string,
  number: string,
  subTotal: number,
  lines: { productId: string | null; quantity: number }[],
) {
  const id = randomUUID();
  await db('sales_orders').insert({
    organisation_id: orgId,
    id,
    number,
    contact_id: contactId,
    project_id: projectId,
    issue_date: '2026-11-01',
    currency: 'AUD',
    line_amount_types: 'Exclusive',
    sub_total: subTotal,
    total: subTotal,
  });
  if (lines.length)
    await db('sales_order_lines').insert(
      lines.map((l, position) => ({
        organisation_id: orgId,
        id: randomUUID(),
        sales_order_id: id,
        position,
        product_id: l.productId,
        description: 'x',
        quantity: l.quantity,
        unit_price: 0,
        line_amount: 0,
        tax_amount: 0,
      })),
    );
}

describeEachDialect('project repository', (ctx) => {
  it('when a project page is built, then revenue and cost come from its own orders and products only', async () => {
    const { db } = ctx.current();
    const mine = await setup(db, 'Mine');
    const theirs = await setup(db, 'Theirs');
    const projectId = await mine.service.create(mine.values());
    const product = randomUUID();
    await db('products').insert({ organisation_id: mine.org.id, id: product, code: 'P', code_key: 'p', name: 'P', name_key: 'p', cost_price: 25000 });
    // The other organisation uses the same product id with a different cost: it must not be read.
    await db('products').insert({ organisation_id: theirs.org.id, id: product, code: 'P', code_key: 'p', name: 'P', name_key: 'p', cost_price: 99990000 });
    await addOrder(db, mine.org.id, mine.contactId, projectId, 'SO-1', 10000, [{ productId: product, quantity: 20000 }]);
    const page = await mine.service.page(projectId);
    expect(page.totals.byCurrency).to.deep.equal([
      { currency: 'AUD', revenue: 10000, cost: 500, committed: 0, estimated: 500, grossProfit: 9500, marginPercent: 95 },
    ]);
    expect(page.sections.map((s) => [s.heading, s.rows.map((o) => o.number)])).to.deep.equal([['Sales orders', ['SO-1']]]);
  });

  it('when projects are listed, then each shows its number of sales orders, and search, filter and sort apply', async () => {
    const { db } = ctx.current();
    const { org, contactId, service, values } = await setup(db);
    const a = await service.create(values({ name: 'Alpha' }));
    await service.create(values({ name: 'Beta', status: 'completed' }));
    await addOrder(db, org.id, contactId, a, 'SO-1', 0, []);
    await addOrder(db, org.id, contactId, a, 'SO-2', 0, []);
    const all = await service.list(parseProjectListQuery({ sort: 'name', dir: 'desc' }));
    expect(all.countHeadings).to.deep.equal(['Sales orders']);
    expect(all.rows.map((r) => [r.name, r.counts])).to.deep.equal([
      ['Beta', [0]],
      ['Alpha', [2]],
    ]);
    expect((await service.list(parseProjectListQuery({ status: 'completed' }))).rows.map((r) => r.name)).to.deep.equal(['Beta']);
    expect((await service.list(parseProjectListQuery({ q: 'ALPH' }))).total).to.equal(1);
  });

  it('when a contact has fewer, exactly as many or more projects than a page holds, then the list gives the right rows and total on pages 1 and 2', async () => {
    const { db } = ctx.current();
    const { contactId, service, values } = await setup(db);
    const pageOf = (page: number) => service.list({ ...parseProjectListQuery({ contactId, sort: 'name', dir: 'asc', page: String(page) }), pageSize: 3 });
    for (const [made, first, second] of [
      [2, ['P1', 'P2'], []],
      [3, ['P1', 'P2', 'P3'], []],
      [4, ['P1', 'P2', 'P3'], ['P4']],
    ] as const) {
      for (let i = (await pageOf(1)).total; i < made; i++) await service.create(values({ name: `P${i + 1}` }));
      const one = await pageOf(1);
      const two = await pageOf(2);
      expect([one.rows.map((r) => r.name), one.total], `${made} projects, page 1`).to.deep.equal([first, made]);
      expect([two.rows.map((r) => r.name), two.total], `${made} projects, page 2`).to.deep.equal([second, made]);
    }
  });
});
