import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';

describeEachDialect('global search (HTTP)', (ctx) => {
  it("when a user searches for a customer's name, then its contact, quote, sales order and project are listed, and another organisation's are not", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Finder Ltd');
    await seedSalesSettings(db, org.id);
    const contactId = await createContact(db, org.id, 'Harbourside Bakery');
    await createContact(db, org.id, 'Unrelated Plumbing');
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
    await signedIn.agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine()]));
    await signedIn.agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ ...header, projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' }, [gstLine()]));
    await signedIn.agent
      .post('/projects/new')
      .type('form')
      .send({ _csrf: csrf, name: 'Harbourside fit-out', contactId, status: 'active', startDate: '', endDate: '', budget: '', description: '' });
    const other = await createTestOrganisation(db, 'Other Finder Ltd');
    await createContact(db, other.id, 'Harbourside Hidden');

    const res = await signedIn.agent.get('/search').query({ q: 'harbourside' });
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Harbourside Bakery');
    expect(res.text).to.match(/QU-\d{4}/);
    expect(res.text).to.match(/SO-\d{4}/);
    expect(res.text).to.contain('Harbourside fit-out');
    expect(res.text).not.to.contain('Unrelated Plumbing');
    expect(res.text).not.to.contain('Harbourside Hidden');
  });

  it('when nothing matches, then the page says so, and an empty search asks for words', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Empty Finder Ltd');
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    expect((await agent.get('/search').query({ q: 'zzz-nothing' })).text).to.contain('Nothing matches “zzz-nothing”');
    expect((await agent.get('/search')).text).to.contain('Type a name, email, number or reference');
  });
});
