import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Acme Plumbing');
  const settings = await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  const header = {
    _csrf: csrf,
    contactId,
    number: '',
    issueDate: '2026-11-20',
    expiryDate: '2026-12-20',
    currency: 'AUD',
    lineAmountTypes: 'Exclusive',
    reference: 'Kitchen refit',
    notes: '',
  };
  return { org, settings, contactId, agent: signedIn.agent, csrf, header };
}

describeEachDialect('quotes (HTTP)', (ctx) => {
  it('when an organisation has no quotes, then the list says what to do next', async () => {
    const { agent } = await setup(ctx.current().db);
    const res = await agent.get('/quotes');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('No quotes yet');
    expect(res.text).to.contain('href="/quotes/new"');
  });

  it("when a user opens a new quote, then the form suggests the next number and offers the organisation's settings", async () => {
    const { agent } = await setup(ctx.current().db);
    const res = await agent.get('/quotes/new');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Leave blank for QU-0001.');
    expect(res.text).to.contain('GST on Income (10%)');
    expect(res.text).to.contain('200 – Sales');
    expect(res.text).to.contain('Bluebird Cafe');
    expect(res.text).to.contain('name="lines[0][description]"');
    expect(res.text).to.contain('>North</option>');
  });

  it("when a line is left on Default, then it is saved with the organisation's default account and tax rate (as Xero would suggest from its chart), and the form says which", async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    // Xero's chart carries each account's tax rate; with no saved defaults, the first revenue account (200) and its rate apply.
    await db('xero_accounts').where({ organisation_id: org.id, code: '200' }).update({ tax_type: 'OUTPUT' });
    const form = await agent.get('/quotes/new');
    expect(form.text).to.contain('<option value="" title="Default: the product&#39;s, else 200 – Sales" selected>Default</option>');
    expect(form.text).to.contain(
      'A line left on Default takes its product&#39;s account and tax rate, else 200 – Sales and GST on Income (10%) (the organisation&#39;s defaults, set on the Xero settings page).',
    );
    const saved = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine({ accountCode: '', taxType: '' }), gstLine({ accountCode: '260', taxType: 'EXEMPTOUTPUT' })]));
    expect(saved.status, saved.text.slice(0, 300)).to.equal(303);
    const lines = await db('quote_lines').where({ organisation_id: org.id }).orderBy('position').select('account_code', 'tax_type', 'tax_amount');
    expect(lines.map((l: { account_code: string; tax_type: string; tax_amount: number }) => [l.account_code, l.tax_type, Number(l.tax_amount)])).to.deep.equal([
      ['200', 'OUTPUT', 2000],
      ['260', 'EXEMPTOUTPUT', 0],
    ]);
  });

  it('when a user presses "Add line", then the form comes back with what they typed and one more line, and nothing is saved', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine({ description: 'Typed by hand' })], { action: 'add-line' }));
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Typed by hand');
    expect(res.text).to.contain('name="lines[1][description]"');
    expect(res.text).to.contain('value="Kitchen refit"');
    expect(res.text).to.contain('220.00');
    expect(await countRows(db, 'quotes', org.id)).to.equal(0);
  });

  it('when a user presses "Remove line 1", then that line goes and the others stay as typed', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine({ description: 'First line' }), gstLine({ description: 'Second line' })], { action: 'remove-line:0' }));
    expect(res.status).to.equal(200);
    expect(res.text).not.to.contain('First line');
    expect(res.text).to.contain('Second line');
    expect(res.text).not.to.contain('name="lines[1][description]"');
    expect(await countRows(db, 'quotes', org.id)).to.equal(0);
  });

  it('when a valid quote is saved, then it gets the next number, Xero totals and its lines, and its page shows them', async () => {
    const { db } = ctx.current();
    const { org, agent, header, settings } = await setup(db);
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(
        documentBody(header, [gstLine({ tracking1: settings.north }), gstLine({ description: 'Half-cent', quantity: '1', unitPrice: '0.125', discount: '' })], {
          action: 'save',
        }),
      );
    expect(res.status).to.equal(303);
    const quote = await db('quotes').where({ organisation_id: org.id }).first();
    expect(quote.number).to.equal('QU-0001');
    expect(Number(quote.sub_total)).to.equal(20013);
    expect(Number(quote.total_tax)).to.equal(2001);
    expect(Number(quote.total)).to.equal(22014);
    expect(res.headers.location).to.equal(`/quotes/${quote.id}`);
    expect(await countRows(db, 'quote_lines', org.id)).to.equal(2);
    const page = await agent.get(`/quotes/${quote.id}`);
    expect(page.text).to.contain('Quote QU-0001');
    expect(page.text).to.contain('<dt class="grand">Total AUD</dt><dd class="grand">220.14</dd>'); // the totals box names the currency once
    // The record page labels what the lines use (loadLineLabels), not the raw codes.
    expect(page.text).to.contain('Region: North');
    expect(page.text).to.contain('200 – Sales');
    expect(page.text).to.match(/GST on Income/);
    expect(page.text).to.contain('Quote saved.');
  });

  it('when amounts are tax inclusive, then the tax is extracted from the line amounts', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...header, lineAmountTypes: 'Inclusive' }, [gstLine({ quantity: '1', unitPrice: '110' })]));
    const quote = await db('quotes').where({ organisation_id: org.id }).first();
    expect([Number(quote.sub_total), Number(quote.total_tax), Number(quote.total)]).to.deep.equal([10000, 1000, 11000]);
  });

  it('when a user types their own number, then it is kept, and the sequence skips numbers already used', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...header, number: 'QU-0001' }, [gstLine()]));
    await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine()]));
    const numbers = (await db('quotes').where({ organisation_id: org.id }).orderBy('number')).map((q: { number: string }) => q.number);
    expect(numbers).to.deep.equal(['QU-0001', 'QU-0002']);
  });

  it('when a number is already used in this organisation, then the form says so next to the number and nothing is written', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine()]));
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...header, number: 'QU-0001' }, [gstLine({ description: 'Second try' })]));
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="f-number-error">QU-0001 is already used by another quote/);
    expect(res.text).to.contain('Second try');
    expect(await countRows(db, 'quotes', org.id)).to.equal(1);
  });

  it('when the same number exists in another organisation, then it is still free here', async () => {
    const { db } = ctx.current();
    const { agent, header } = await setup(db);
    const other = await createTestOrganisation(db, 'Other Co');
    const otherContact = await createContact(db, other.id, 'Someone');
    await db('quotes').insert({
      organisation_id: other.id,
      id: 'q-other',
      number: 'QU-0001',
      contact_id: otherContact,
      issue_date: '2026-01-01',
      currency: 'AUD',
      line_amount_types: 'Exclusive',
    });
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...header, number: 'QU-0001' }, [gstLine()]));
    expect(res.status).to.equal(303);
  });

  const badLines: Array<[string, Record<string, string>, string, RegExp]> = [
    ['a negative quantity', { quantity: '-2' }, 'quantity', /Quantity can&#39;t be negative/],
    ['a zero quantity', { quantity: '0' }, 'quantity', /Quantity must be more than 0/],
    ['a price that is not a number', { unitPrice: 'ten' }, 'unitPrice', /Unit price must be a number/],
    ['a price with 5 decimals', { unitPrice: '1.23456' }, 'unitPrice', /at most 4 decimal places/],
    ['a discount over 100%', { discount: '150' }, 'discount', /Discount % must be at most 100/],
    ['an unknown tax rate', { taxType: 'BOGUS' }, 'taxType', /this organisation&#39;s Xero tax rates/],
    ['an unknown account', { accountCode: '999' }, 'accountCode', /this organisation&#39;s Xero accounts/],
    ['an unknown tracking option', { tracking1: 'not-an-option' }, 'tracking1', /Choose a tracking option/],
    ['no description', { description: '' }, 'description', /Enter a description/],
    ['an absurdly long description', { description: 'x'.repeat(4001) }, 'description', /4000 characters or fewer/],
  ];
  for (const [what, line, field, message] of badLines) {
    it(`when a line has ${what}, then the message is next to that field and nothing is written`, async () => {
      const { db } = ctx.current();
      const { org, agent, header } = await setup(db);
      const res = await agent
        .post('/quotes/new')
        .type('form')
        .send(documentBody(header, [gstLine(line)]));
      expect(res.status).to.equal(422);
      expect(res.text).to.match(new RegExp(`id="line-0-${field}-error">[^<]*${message.source}`));
      expect(res.text).to.contain('nothing was saved');
      expect(await countRows(db, 'quotes', org.id)).to.equal(0);
      expect(await countRows(db, 'quote_lines', org.id)).to.equal(0);
    });
  }

  const badHeaders: Array<[string, Record<string, string>, string, RegExp]> = [
    ['an unknown currency', { currency: 'XYZ' }, 'currency', /this organisation&#39;s currencies/],
    ['a currency that is not a code', { currency: 'dollars' }, 'currency', /Choose a currency from the list/],
    ['no contact', { contactId: '' }, 'contactId', /Choose a contact/],
    ['a contact that does not exist', { contactId: 'no-such-contact' }, 'contactId', /Choose a contact from the list/],
    ['an impossible date', { issueDate: '2026-02-30' }, 'issueDate', /Date must be a date like/],
    ['an expiry before the date', { expiryDate: '2026-11-01' }, 'expiryDate', /on or after the quote date/],
    ['a reference that is too long', { reference: 'r'.repeat(256) }, 'reference', /255 characters or fewer/],
    ['an unknown amount type', { lineAmountTypes: 'Sometimes' }, 'lineAmountTypes', /tax exclusive, tax inclusive or no tax/],
  ];
  for (const [what, fields, field, message] of badHeaders) {
    it(`when a quote has ${what}, then the message is next to that field and nothing is written`, async () => {
      const { db } = ctx.current();
      const { org, agent, header } = await setup(db);
      const res = await agent
        .post('/quotes/new')
        .type('form')
        .send(documentBody({ ...header, ...fields }, [gstLine()]));
      expect(res.status).to.equal(422);
      expect(res.text).to.match(new RegExp(`id="f-${field}-error">[^<]*${message.source}`));
      expect(await countRows(db, 'quotes', org.id)).to.equal(0);
    });
  }

  it("when a quote names another organisation's contact, then it is refused as unknown and nothing is written", async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    const other = await createTestOrganisation(db, 'Other Co');
    const theirContact = await createContact(db, other.id, 'Their Customer');
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...header, contactId: theirContact }, [gstLine()]));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Choose a contact from the list.');
    expect(res.text).not.to.contain('Their Customer');
    expect(await countRows(db, 'quotes', org.id)).to.equal(0);
  });

  it('when a quote has no lines at all, then the form asks for one', async () => {
    const { db } = ctx.current();
    const { agent, header } = await setup(db);
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [{ description: '', quantity: '1', unitPrice: '' }]));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Add at least one line');
  });
  it("when a line names another organisation's product, then the product field says so and nothing is written", async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    const other = await createTestOrganisation(db, 'Other Co');
    const theirProduct = 'their-product-id';
    await db('products').insert({
      organisation_id: other.id,
      id: theirProduct,
      code: 'SECRET',
      code_key: 'secret',
      name: 'Secret widget',
      name_key: 'secret widget',
      sale_price: 10000,
    });
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody(header, [gstLine({ productId: theirProduct, description: '', unitPrice: '' })]));
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="line-0-productId-error">Choose a product from the list/);
    expect(res.text).not.to.contain('Secret widget');
    expect(await countRows(db, 'quotes', org.id)).to.equal(0);
  });

  it('when the chosen contact is archived, then a new quote is refused with a message next to the contact', async () => {
    const { db } = ctx.current();
    const { org, agent, header } = await setup(db);
    const archived = await createContact(db, org.id, 'Gone Ltd', { archived_at: new Date().toISOString() });
    const res = await agent
      .post('/quotes/new')
      .type('form')
      .send(documentBody({ ...header, contactId: archived }, [gstLine()]));
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="f-contactId-error">That contact is archived/);
    expect(await countRows(db, 'quotes', org.id)).to.equal(0);
  });
});
