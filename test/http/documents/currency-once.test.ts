/**
 * Money with the currency shown once per table: a list whose rows share one currency names it beside
 * the amount heading and its cells are figures alone; rows in two currencies get one Currency column.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';

describeEachDialect('money: the currency once per table', (ctx) => {
  it('when every quote is in AUD, then the list says AUD once in the Total heading and the cells are figures; with an NZD quote it has a Currency column', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    await seedSalesSettings(db, org.id);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe');
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    const create = async (currency: string) => {
      const body = documentBody(
        { _csrf: await signedIn.csrf(), contactId, number: '', issueDate: '2026-11-20', expiryDate: '', currency, lineAmountTypes: 'Exclusive' },
        [gstLine({ description: 'Call-out' })],
      );
      const res = await signedIn.agent.post('/quotes/new').type('form').send(body);
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
    };
    await create('AUD');
    const single = (await signedIn.agent.get('/quotes')).text;
    expect(single).to.match(/>Total<\/a> <span class="currency-code">AUD<\/span><\/th>/);
    expect(single).to.contain('<td class="num">220.00</td>').and.not.contain('AUD 220.00').and.not.contain('<th scope="col">Currency</th>');

    await create('NZD');
    const mixed = (await signedIn.agent.get('/quotes')).text;
    expect(mixed).to.contain('<th scope="col">Currency</th>').and.not.contain('class="currency-code"');
    expect(mixed).to.contain('<td>NZD</td><td class="num">220.00</td>').and.contain('<td>AUD</td><td class="num">220.00</td>');
  });
});
