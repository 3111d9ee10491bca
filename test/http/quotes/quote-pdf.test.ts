/**
 * Download PDF on a quote: the kit's PDF of a sales document, to send to the customer: the
 * organisation, the customer with its postal address and tax number, the number and dates, the lines
 * with discount and tax rate, and the totals the way Xero computes them.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { hasPdfToText, pdfText } from '../../helpers/pdf-text.js';

describeEachDialect('quote PDF', (ctx) => {
  it('when Download PDF is followed, then the quote comes as a PDF naming both parties, the lines and the totals', async function () {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme Plumbing');
    await seedSalesSettings(db, org.id);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe', { postal_line1: '12 Quay St', postal_city: 'Sydney', tax_number: '51 824 753 556' });
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    const agent = signedIn.agent;
    const created = await agent
      .post('/quotes/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: await signedIn.csrf(),
            contactId,
            number: '',
            issueDate: '2026-11-20',
            expiryDate: '2026-12-20',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: 'Fit-out stage 2',
            notes: 'Valid for 30 days.',
          },
          [gstLine({ description: 'Pipe fitting', quantity: '3', unitPrice: '45.50', discount: '10' }), gstLine({ description: 'Call-out' })],
        ),
      );
    expect(created.status, created.text.slice(0, 300)).to.equal(303);
    const id = String(created.headers.location).split('/').pop();
    const page = await agent.get(`/quotes/${id}`);
    expect(page.text).to.contain(`href="/quotes/${id}/pdf"`).and.contain('Download PDF');

    const res = await agent
      .get(`/quotes/${id}/pdf`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal('inline; filename="QU-0001.pdf"');
    expect(res.headers['cache-control']).to.contain('no-store');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    if (!hasPdfToText) this.skip(); // poppler-utils reads the text
    const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
    expect(text).to.contain('Acme Plumbing').and.contain('QUOTE').and.contain('QU-0001');
    expect(text).to.contain('Bluebird Cafe').and.contain('12 Quay St').and.contain('Sydney').and.contain('Tax number: 51 824 753 556');
    expect(text)
      .to.match(/Date 20 Nov 2026/)
      .and.match(/Valid until 20 Dec 2026/)
      .and.match(/Reference Fit-out stage 2/)
      .and.match(/Number QU-0001/);
    expect(text).to.match(/Pipe fitting 3 45\.50 10% GST on Income \(10%\) 122\.85/); // 3 × 45.50 less 10%
    expect(text).to.match(/Call-out 2 100\.00 GST on Income \(10%\) 200\.00/);
    expect(text)
      .to.match(/Subtotal 322\.85/)
      .and.match(/Total tax 32\.29/)
      .and.match(/Total AUD 355\.14/);
    expect(text).to.contain('Valid for 30 days.');
  });
});
