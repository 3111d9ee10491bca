import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';
import { expectNotFound } from '../../helpers/refusals.js';

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Acme Plumbing');
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  const agent = signedIn.agent;
  const project = {
    _csrf: csrf,
    name: 'Kitchen refit',
    contactId,
    status: 'active',
    startDate: '2026-11-01',
    endDate: '2026-12-31',
    budget: '10,000.00',
    description: '',
  };
  const createProject = async (fields: Record<string, string> = {}): Promise<string> => {
    const res = await agent
      .post('/projects/new')
      .type('form')
      .send({ ...project, ...fields });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  const createProduct = async (code: string, salePrice: number, costPrice: number | null): Promise<string> => {
    const id = randomUUID();
    await db('products').insert({
      organisation_id: org.id,
      id,
      code,
      code_key: code.toLowerCase(),
      name: `Product ${code}`,
      name_key: `product ${code}`.toLowerCase(),
      sale_price: salePrice,
      cost_price: costPrice,
    });
    return id;
  };
  const orderHeader = {
    _csrf: csrf,
    contactId,
    number: '',
    projectId: '',
    issueDate: '2026-11-20',
    dueDate: '',
    currency: 'AUD',
    lineAmountTypes: 'Exclusive',
    reference: '',
    notes: '',
    deliveryAddress: '',
    deliveryDate: '',
    deliveryInstructions: '',
  };
  const createOrder = async (projectId: string, lines: Record<string, string>[]): Promise<string> => {
    const res = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ ...orderHeader, projectId }, lines));
    expect(res.status, res.text.slice(0, 600)).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  return { org, contactId, agent, csrf, project, createProject, createProduct, createOrder };
}

describeEachDialect('projects (HTTP)', (ctx) => {
  it('when an organisation has no projects, then the list explains what a project is for', async () => {
    const { agent } = await setup(ctx.current().db);
    const res = await agent.get('/projects');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('No projects yet');
    expect(res.text).to.contain('Create your first project');
  });

  it('when a project is created, then it is stored with its budget in cents and listed', async () => {
    const { db } = ctx.current();
    const { org, agent, createProject } = await setup(db);
    const id = await createProject();
    const row = await db('projects').where({ organisation_id: org.id, id }).first();
    expect([row.name, Number(row.budget), row.status]).to.deep.equal(['Kitchen refit', 1000000, 'active']);
    const list = await agent.get('/projects');
    expect(list.text).to.contain('Kitchen refit');
    // Budgets are in the base currency: AUD once, in the heading; the cell is the figure alone.
    expect(list.text)
      .to.contain('Budget <span class="currency-code">AUD</span>')
      .and.contain('<td class="num">10,000.00</td>')
      .and.not.contain('AUD 10,000.00');
  });

  const bad: Array<[string, Record<string, string>, string, RegExp]> = [
    ['no name', { name: '' }, 'name', /Enter the name/],
    ['a name that is too long', { name: 'n'.repeat(256) }, 'name', /255 characters or fewer/],
    ['a budget that is not money', { budget: '12.345' }, 'budget', /at most 2 decimal places/],
    ['a negative budget', { budget: '-5' }, 'budget', /can&#39;t be negative/],
    ['an end before the start', { endDate: '2026-10-01' }, 'endDate', /on or after the start date/],
    ['an unknown status', { status: 'paused' }, 'status', /active, on hold or completed/],
  ];
  for (const [what, fields, field, message] of bad) {
    it(`when a project has ${what}, then the message is next to the field and nothing is written`, async () => {
      const { db } = ctx.current();
      const { org, agent, project } = await setup(db);
      const res = await agent
        .post('/projects/new')
        .type('form')
        .send({ ...project, ...fields });
      expect(res.status).to.equal(422);
      expect(res.text).to.match(new RegExp(`id="f-${field}-error">[^<]*${message.source}`));
      expect(await countRows(db, 'projects', org.id)).to.equal(0);
    });
  }

  it("when a project names another organisation's customer, then it is refused and nothing is written", async () => {
    const { db } = ctx.current();
    const { org, agent, project } = await setup(db);
    const other = await createTestOrganisation(db, 'Other Co');
    const theirs = await createContact(db, other.id, 'Their Customer');
    const res = await agent
      .post('/projects/new')
      .type('form')
      .send({ ...project, contactId: theirs });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Choose a customer from the list.');
    expect(await countRows(db, 'projects', org.id)).to.equal(0);
  });

  it('when a project has sales orders, then its page shows revenue, cost from product cost prices, gross profit and margin', async () => {
    const { db } = ctx.current();
    const { agent, csrf, createProject, createProduct, createOrder } = await setup(db);
    const projectId = await createProject();
    const pipe = await createProduct('PIPE', 250000, 100000); // sells 25.00, costs 10.00
    await createOrder(projectId, [
      gstLine({ productId: pipe, description: '', unitPrice: '', quantity: '4' }),
      gstLine({ description: 'Labour', quantity: '2', unitPrice: '100' }),
    ]);
    const cancelled = await createOrder(projectId, [gstLine({ quantity: '50' })]);
    await agent.post(`/sales-orders/${cancelled}/status`).type('form').send({ _csrf: csrf, status: 'cancelled' });
    const page = await agent.get(`/projects/${projectId}`);
    expect(page.status).to.equal(200);
    // Revenue 4 × 25 + 2 × 100 = 300.00 (the cancelled order is left out); cost 4 × 10 = 40.00.
    // One row per currency: the Currency column names it, the amounts are figures alone.
    expect(page.text).to.match(/<td>AUD<\/td><td class="num">300\.00<\/td>/);
    expect(page.text).to.contain('<td class="num">40.00</td>');
    expect(page.text).to.contain('<td class="num">260.00</td>');
    expect(page.text).not.to.contain('AUD 300.00');
    expect(page.text).to.contain('86.7%');
    expect(page.text).to.contain('1 line has no product cost price');
    expect(page.text).to.contain('SO-0001');
    expect(page.text).to.contain('SO-0002');
    expect(page.text).to.contain(`/sales-orders/new?projectId=${projectId}`);
  });

  it('when a project has sales orders, then deleting it is refused; without orders it is deleted after confirming', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, createProject, createOrder } = await setup(db);
    const busy = await createProject({ name: 'Busy' });
    await createOrder(busy, [gstLine()]);
    const refused = await agent.post(`/projects/${busy}/delete`).type('form').send({ _csrf: csrf });
    expect(refused.status).to.equal(409);
    expect(refused.text).to.contain('has 1 sales order');
    const idle = await createProject({ name: 'Idle' });
    expect((await agent.get(`/projects/${idle}/delete`)).text).to.contain('Delete project Idle?');
    expect((await agent.post(`/projects/${idle}/delete`).type('form').send({ _csrf: csrf })).status).to.equal(303);
    expect(await countRows(db, 'projects', org.id)).to.equal(1);
  });

  it('when a project is edited, then the change is stored and bad input keeps what was typed', async () => {
    const { db } = ctx.current();
    const { org, agent, project, createProject } = await setup(db);
    const id = await createProject();
    expect((await agent.get(`/projects/${id}/edit`)).text).to.contain('value="10000.00"');
    const bad = await agent
      .post(`/projects/${id}/edit`)
      .type('form')
      .send({ ...project, name: 'Renamed', budget: 'lots' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('value="Renamed"');
    expect((await db('projects').where({ organisation_id: org.id, id }).first()).name).to.equal('Kitchen refit');
    const ok = await agent
      .post(`/projects/${id}/edit`)
      .type('form')
      .send({ ...project, name: 'Renamed', status: 'on_hold' });
    expect(ok.status).to.equal(303);
    const row = await db('projects').where({ organisation_id: org.id, id }).first();
    expect([row.name, row.status]).to.deep.equal(['Renamed', 'on_hold']);
  });

  it("when another organisation's project id is used on any project route, then it is 404 and nothing changes", async () => {
    const { db } = ctx.current();
    const mine = await setup(db);
    const theirs = await setup(db);
    const theirId = await theirs.createProject({ name: 'Secret project' });
    for (const path of [`/projects/${theirId}`, `/projects/${theirId}/edit`, `/projects/${theirId}/delete`]) {
      const res = await mine.agent.get(path);
      expectNotFound(res, 'project', path);
      expect(res.text).not.to.contain('Secret project');
    }
    expectNotFound(
      await mine.agent
        .post(`/projects/${theirId}/edit`)
        .type('form')
        .send({ ...mine.project, name: 'Hijacked' }),
      'project',
      'edit',
    );
    expectNotFound(await mine.agent.post(`/projects/${theirId}/delete`).type('form').send({ _csrf: mine.csrf }), 'project', 'delete');
    expect((await db('projects').where({ organisation_id: theirs.org.id, id: theirId }).first()).name).to.equal('Secret project');
  });

  it('when the project list is searched and filtered, then only matches show', async () => {
    const { db } = ctx.current();
    const { agent, createProject } = await setup(db);
    await createProject({ name: 'Roof repair' });
    await createProject({ name: 'Garden', status: 'completed' });
    const search = await agent.get('/projects?q=roof');
    expect(search.text).to.contain('Roof repair');
    expect(search.text).not.to.contain('>Garden<');
    const completed = await agent.get('/projects?status=completed');
    expect(completed.text).to.contain('>Garden<');
    expect(completed.text).not.to.contain('Roof repair');
  });
});
