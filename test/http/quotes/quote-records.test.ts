import { expect } from 'chai';
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
  const header = {
    _csrf: csrf,
    contactId,
    number: '',
    issueDate: '2026-11-20',
    expiryDate: '',
    currency: 'AUD',
    lineAmountTypes: 'Exclusive',
    reference: '',
    notes: '',
  };
  const create = async (fields: Record<string, string> = {}, lines = [gstLine()]): Promise<string> => {
    const res = await signedIn.agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...header, ...fields }, lines));
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  return { org, contactId, agent: signedIn.agent, csrf, header, create };
}

describeEachDialect('quote records (HTTP)', (ctx) => {
  it('when a quote is edited, then its header, lines and totals are replaced in one save', async () => {
    const { db } = ctx.current();
    const { org, agent, header, create } = await setup(db);
    const id = await create();
    const form = await agent.get(`/quotes/${id}/edit`);
    expect(form.text).to.contain('value="QU-0001"');
    expect(form.text).to.contain('Consulting');
    const res = await agent
      .post(`/quotes/${id}/edit`)
      .type('form')
      .send(documentBody({ ...header, number: 'QU-0001', reference: 'Revised' }, [gstLine({ description: 'Only line now', quantity: '3' })]));
    expect(res.status).to.equal(303);
    const quote = await db('quotes').where({ organisation_id: org.id, id }).first();
    expect(quote.reference).to.equal('Revised');
    expect(Number(quote.total)).to.equal(33000);
    const lines = await db('quote_lines').where({ organisation_id: org.id, quote_id: id });
    expect(lines.map((l: { description: string }) => l.description)).to.deep.equal(['Only line now']);
  });

  it('when an edit is invalid, then the stored quote is unchanged and the form keeps what was typed', async () => {
    const { db } = ctx.current();
    const { org, agent, header, create } = await setup(db);
    const id = await create();
    const res = await agent
      .post(`/quotes/${id}/edit`)
      .type('form')
      .send(documentBody({ ...header, number: 'QU-0001' }, [gstLine({ description: 'New text', quantity: '-1' })]));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('New text');
    const lines = await db('quote_lines').where({ organisation_id: org.id, quote_id: id });
    expect(lines.map((l: { description: string }) => l.description)).to.deep.equal(['Consulting']);
  });

  it('when a quote is marked accepted, then its page offers to create a sales order', async () => {
    const { db } = ctx.current();
    const { agent, csrf, create } = await setup(db);
    const id = await create();
    const res = await agent.post(`/quotes/${id}/status`).type('form').send({ _csrf: csrf, status: 'accepted' });
    expect(res.status).to.equal(303);
    const page = await agent.get(`/quotes/${id}`);
    expect(page.text).to.contain('Accepted');
    expect(page.text).to.contain(`action="/quotes/${id}/sales-order"`);
  });

  it('when a status is not one of the four, then it is refused and the quote is unchanged', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, create } = await setup(db);
    const id = await create();
    const res = await agent.post(`/quotes/${id}/status`).type('form').send({ _csrf: csrf, status: 'paid' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Choose a valid status.');
    expect((await db('quotes').where({ organisation_id: org.id, id }).first()).status).to.equal('draft');
  });

  it('when a quote is deleted after confirming, then it and its lines are gone', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, create } = await setup(db);
    const id = await create();
    const confirm = await agent.get(`/quotes/${id}/delete`);
    expect(confirm.text).to.contain('Delete quote QU-0001?');
    const res = await agent.post(`/quotes/${id}/delete`).type('form').send({ _csrf: csrf });
    expect(res.status).to.equal(303);
    expect(await countRows(db, 'quotes', org.id)).to.equal(0);
    expect(await countRows(db, 'quote_lines', org.id)).to.equal(0);
  });

  it("when another organisation's quote id is used on any quote route, then it is 404 and nothing changes", async () => {
    const { db } = ctx.current();
    const mine = await setup(db);
    const theirs = await setup(db);
    const theirId = await theirs.create({ reference: 'Secret reference' });
    for (const path of [`/quotes/${theirId}`, `/quotes/${theirId}/edit`, `/quotes/${theirId}/delete`]) {
      const res = await mine.agent.get(path);
      expectNotFound(res, 'quote', path);
      expect(res.text).not.to.contain('Secret reference');
    }
    const posts: Array<[string, Record<string, string>]> = [
      [`/quotes/${theirId}/edit`, documentBody({ ...mine.header, number: 'X' }, [gstLine()])],
      [`/quotes/${theirId}/status`, { _csrf: mine.csrf, status: 'accepted' }],
      [`/quotes/${theirId}/delete`, { _csrf: mine.csrf }],
    ];
    for (const [path, body] of posts) {
      expectNotFound(await mine.agent.post(path).type('form').send(body), 'quote', path);
    }
    const quote = await db('quotes').where({ organisation_id: theirs.org.id, id: theirId }).first();
    expect([quote.status, quote.number, quote.reference]).to.deep.equal(['draft', 'QU-0001', 'Secret reference']);
  });

  it('when the list is searched and filtered, then only matching quotes of this organisation show', async () => {
    const { db } = ctx.current();
    const { org, agent, create } = await setup(db);
    const other = await createContact(db, org.id, 'Zebra Holdings');
    await create({ reference: 'Roof' });
    await create({ contactId: other, issueDate: '2026-10-01', reference: 'Gutter' });
    const outsider = await setup(db);
    await outsider.create({ reference: 'Roof outsider' });
    const search = await agent.get('/quotes?q=zebra');
    expect(search.text).to.contain('Zebra Holdings');
    expect(search.text).not.to.contain('Bluebird Cafe</td>');
    const byReference = await agent.get('/quotes?q=roof');
    expect(byReference.text).to.contain('QU-0001');
    expect(byReference.text).not.to.contain('Roof outsider');
    const byDate = await agent.get('/quotes?from=2026-11-01&to=2026-11-30');
    expect(byDate.text).to.contain('Bluebird Cafe</td>');
    expect(byDate.text).not.to.contain('Zebra Holdings</td>');
    const byCustomer = await agent.get(`/quotes?contactId=${other}`);
    expect(byCustomer.text).to.contain('QU-0002');
    expect(byCustomer.text).not.to.contain('>QU-0001<');
    const byStatus = await agent.get('/quotes?status=accepted');
    expect(byStatus.text).to.contain('No quotes match these filters');
  });

  it('when there are more quotes than a page, then the list paginates and sorts', async () => {
    const { db } = ctx.current();
    const { agent, create } = await setup(db);
    for (let i = 0; i < 27; i += 1) await create({ issueDate: `2026-10-${String(i + 1).padStart(2, '0')}` });
    const first = await agent.get('/quotes?sort=number&dir=asc');
    expect(first.text).to.contain('Showing 1–25 of 27');
    expect(first.text.indexOf('>QU-0001<')).to.be.lessThan(first.text.indexOf('>QU-0002<'));
    const second = await agent.get('/quotes?sort=number&dir=asc&page=2');
    expect(second.text).to.contain('>QU-0027<');
    expect(second.text).not.to.contain('>QU-0001<');
  });
});
