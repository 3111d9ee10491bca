/**
 * Issue 17, defects 1 and 2: a line amount past the limit (quantity and price each capped, their
 * product not) came back as a 500 that lost the form; totals past 2^53 cents were saved a cent short.
 * Now line amounts and totals are computed exactly and refused past 999,999,999,999.99 with the
 * message next to the field and what was typed kept, on quotes and sales orders, new and edit; a
 * total at the limit is stored to the cent on both dialects.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';
import { exactDocumentTotals } from '../../../src/documents/totals.js';

const KINDS = [
  { base: '/quotes', table: 'quotes', extra: { expiryDate: '' } },
  {
    base: '/sales-orders',
    table: 'sales_orders',
    extra: { projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' },
  },
] as const;

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Big Numbers Ltd');
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  const header = (extra: Record<string, string>, lineAmountTypes = 'Exclusive') => ({
    _csrf: csrf,
    contactId,
    number: '',
    issueDate: '2026-11-20',
    currency: 'AUD',
    lineAmountTypes,
    reference: 'Large order',
    notes: '',
    ...extra,
  });
  return { org, agent: signedIn.agent, header };
}

const LINE_MESSAGE = 'This line comes to more than 999,999,999,999.99, the most a line can be: lower the quantity or the unit price.';
const TOTAL_MESSAGE = 'The total comes to more than 999,999,999,999.99, the most a document can be: split it into several.';

describe('exact document totals (unit)', () => {
  it('when two lines of 90071992 × 1000000 and one of 0.01 are summed, then the total is exact to the cent (past 2^53)', () => {
    const line = (quantity: number, unitPrice: number) => ({ quantity: quantity * 10_000, unitPrice: unitPrice * 10_000, taxRate: 0 });
    const totals = exactDocumentTotals([line(90071992, 1000000), line(90071992, 1000000), { quantity: 10_000, unitPrice: 100, taxRate: 0 }], 'NoTax');
    expect(totals.total).to.equal(18014398400000001n);
    expect(totals.total > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
  });
});

describeEachDialect('amount limits on document forms', (ctx) => {
  for (const kind of KINDS) {
    it(`when a ${kind.table} line of 10000000 × 10000000 is saved, then the form comes back (422) with the message next to the line's price and what was typed, and nothing is saved`, async () => {
      const { db } = ctx.current();
      const { org, agent, header } = await setup(db);
      const res = await agent
        .post(`${kind.base}/new`)
        .type('form')
        .send(documentBody(header(kind.extra), [gstLine({ description: 'Huge', quantity: '10000000', unitPrice: '10000000' })], { action: 'save' }));
      expect(res.status).to.equal(422);
      expect(res.text).to.contain(LINE_MESSAGE);
      expect(res.text).to.contain('value="10000000"');
      expect(res.text).to.contain('Huge');
      expect(res.text).to.contain('value="Large order"');
      expect(await db(kind.table).where({ organisation_id: org.id })).to.have.length(0);
    });

    it(`when a ${kind.table} has lines that are each allowed but total past the limit (the issue's 2^53 case too), then the total's message is shown and nothing is saved`, async () => {
      const { db } = ctx.current();
      const { org, agent, header } = await setup(db);
      const big = (quantity: string) => gstLine({ quantity, unitPrice: '1000000000', taxType: '' });
      const res = await agent
        .post(`${kind.base}/new`)
        .type('form')
        .send(documentBody(header(kind.extra, 'NoTax'), [big('999'), big('999')], { action: 'save' }));
      expect(res.status).to.equal(422);
      expect(res.text).to.contain(TOTAL_MESSAGE);

      const issueCase = [
        gstLine({ quantity: '90071992', unitPrice: '1000000', taxType: '' }),
        gstLine({ quantity: '90071992', unitPrice: '1000000', taxType: '' }),
        gstLine({ quantity: '1', unitPrice: '0.01', taxType: '' }),
      ];
      const again = await agent
        .post(`${kind.base}/new`)
        .type('form')
        .send(documentBody(header(kind.extra, 'NoTax'), issueCase, { action: 'save' }));
      expect(again.status).to.equal(422);
      expect(again.text).to.contain(LINE_MESSAGE);
      expect(await db(kind.table).where({ organisation_id: org.id })).to.have.length(0);
    });

    it(`when a ${kind.table}'s total is exactly the limit, then it is saved to the cent`, async () => {
      const { db } = ctx.current();
      const { org, agent, header } = await setup(db);
      const lines = [gstLine({ quantity: '999', unitPrice: '1000000000', taxType: '' }), gstLine({ quantity: '1', unitPrice: '999999999.99', taxType: '' })];
      const res = await agent
        .post(`${kind.base}/new`)
        .type('form')
        .send(documentBody(header(kind.extra, 'NoTax'), lines, { action: 'save' }));
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
      const row = await db(kind.table).where({ organisation_id: org.id }).first();
      expect(String(row.total)).to.equal('99999999999999');
      const page = await agent.get(String(res.headers.location));
      expect(page.text).to.contain('999,999,999,999.99');
    });

    it(`when an existing ${kind.table} is edited to a line past the limit, then the edit form comes back with the message and the saved one is unchanged`, async () => {
      const { db } = ctx.current();
      const { org, agent, header } = await setup(db);
      const created = await agent
        .post(`${kind.base}/new`)
        .type('form')
        .send(documentBody(header(kind.extra), [gstLine()], { action: 'save' }));
      expect(created.status).to.equal(303);
      const id = String(created.headers.location).split('/').pop();
      const res = await agent
        .post(`${kind.base}/${id}/edit`)
        .type('form')
        .send(documentBody(header(kind.extra), [gstLine({ quantity: '10000000', unitPrice: '10000000' })], { action: 'save' }));
      expect(res.status).to.equal(422);
      expect(res.text).to.contain(LINE_MESSAGE);
      expect(String((await db(kind.table).where({ organisation_id: org.id, id }).first()).total)).to.equal('22000');
      // "Add line" with the same lines re-renders (no 500) and keeps them.
      const added = await agent
        .post(`${kind.base}/${id}/edit`)
        .type('form')
        .send(documentBody(header(kind.extra), [gstLine({ quantity: '10000000', unitPrice: '10000000' })], { action: 'add-line' }));
      expect(added.status).to.equal(200);
      expect(added.text).to.contain('value="10000000"');
    });
  }
});
