/**
 * One date format per organisation's locale: a US organisation reads "Nov 20, 2026" and an AU one
 * "20 Nov 2026" on the list, the record, the form's date echo and the PDF; the page's lang says so.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { hasPdfToText, pdfText } from '../../helpers/pdf-text.js';
import type { Database } from '../../../src/db/database.js';

async function quoteIn(db: Database, countryCode: string) {
  const org = await createTestOrganisation(db);
  await db('organisations').where({ id: org.id }).update({ country_code: countryCode });
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const body = documentBody(
    { _csrf: await signedIn.csrf(), contactId, number: '', issueDate: '2026-11-20', expiryDate: '2026-12-05', currency: 'AUD', lineAmountTypes: 'Exclusive' },
    [gstLine({ description: 'Call-out' })],
  );
  const created = await signedIn.agent.post('/quotes/new').type('form').send(body);
  expect(created.status, created.text.slice(0, 300)).to.equal(303);
  return { agent: signedIn.agent, path: String(created.headers.location) };
}

describeEachDialect('dates in the organisation’s locale', (ctx) => {
  it('when a US organisation opens its quotes, then every date reads month day, year and the page says en-US', async function () {
    const { agent, path } = await quoteIn(ctx.current().db, 'US');
    const list = await agent.get('/quotes');
    expect(list.text).to.contain('<html lang="en-US">').and.contain('Nov 20, 2026').and.not.contain('20 Nov 2026');
    const page = await agent.get(path);
    expect(page.text).to.contain('Nov 20, 2026').and.contain('Dec 5, 2026');
    const form = await agent.get(`${path}/edit`);
    expect(form.text).to.match(/<input id="f-issueDate" name="issueDate" type="date" value="2026-11-20"[^>]*aria-describedby="f-issueDate-echo"/);
    expect(form.text).to.contain('<span class="date-echo" id="f-issueDate-echo">Nov 20, 2026</span>');
    const pdf = await agent
      .get(`${path}/pdf`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).to.equal(200);
    if (!hasPdfToText) this.skip(); // poppler-utils reads the text
    expect(pdfText(pdf.body as Buffer).replace(/[ \t]+/g, ' ')).to.match(/Date Nov 20, 2026/);
  });

  it('when an AU organisation opens the same, then its dates read day month year', async () => {
    const { agent, path } = await quoteIn(ctx.current().db, 'AU');
    const page = await agent.get(path);
    expect(page.text).to.contain('<html lang="en-AU">').and.contain('20 Nov 2026').and.contain('5 Dec 2026').and.not.contain('Nov 20, 2026');
  });
});
