import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';

describeEachDialect('dashboard (HTTP)', (ctx) => {
  it('when an organisation is new, then the dashboard shows first steps and empty recent activity', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Fresh Start Ltd');
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    const res = await agent.get('/dashboard');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('First steps');
    expect(res.text).to.contain('0 of 5 done');
    expect(res.text).to.contain('load by themselves');
    expect(res.text).to.contain('href="/import/xero"');
    expect(res.text).to.contain('No quotes yet.');
    expect(res.text).to.contain('Import from Xero');
    expect(res.text).to.contain('Xero settings');
  });

  it("when an organisation has open quotes and orders, then their counts, values and latest numbers show, and another organisation's do not", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Busy Ltd');
    await seedSalesSettings(db, org.id);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe');
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    const csrf = await signedIn.csrf();
    const quoteHeader = {
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
      .send(documentBody(quoteHeader, [gstLine()]));
    await signedIn.agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...quoteHeader, currency: 'NZD' }, [gstLine({ quantity: '1' })]));
    await signedIn.agent
      .post('/sales-orders/new')
      .type('form')
      .send(documentBody({ ...quoteHeader, projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' }, [gstLine()]));
    const other = await createTestOrganisation(db, 'Other Ltd');
    const otherContact = await createContact(db, other.id, 'Hidden Customer');
    await db('quotes').insert({
      organisation_id: other.id,
      id: 'other-q',
      number: 'QU-9999',
      contact_id: otherContact,
      issue_date: '2026-11-01',
      currency: 'AUD',
      line_amount_types: 'Exclusive',
      total: 99999,
    });

    const res = await signedIn.agent.get('/dashboard');
    expect(res.text).to.match(/Open quotes<\/h2>\s*<p class="stat">2<\/p>/);
    expect(res.text).to.contain('AUD 220.00');
    expect(res.text).to.contain('NZD 110.00');
    expect(res.text).to.match(/Open sales orders<\/h2>\s*<p class="stat">1<\/p>/);
    expect(res.text).to.contain('QU-0002');
    expect(res.text).to.contain('SO-0001');
    expect(res.text).not.to.contain('QU-9999');
    expect(res.text).not.to.contain('Hidden Customer');
    expect(res.text).to.contain('3 of 5 done');
    // The pipeline chart: open work in the base currency, one bar per figure.
    expect(res.text).to.match(/<h2 id="pipeline-heading">Pipeline<\/h2>/);
    expect(res.text).to.match(/class="pipeline-label">Open quotes<\/a>[\s\S]*?class="num pipeline-amount">220.00</);
  });
});
