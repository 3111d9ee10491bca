import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { PRODUCT_CHOICE_LIMIT } from '../../../src/products/product-choices.js';
import type { Database } from '../../../src/db/database.js';

const product = (organisationId: string, code: string, name: string) => ({
  organisation_id: organisationId,
  id: randomUUID(),
  code,
  code_key: code.toLowerCase(),
  name,
  name_key: name.toLowerCase(),
  sale_price: 125000,
});

/** More active products than a line's dropdown lists; "Zinc flashing" sorts past them all. */
async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Big Catalogue');
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe');
  const many = Array.from({ length: PRODUCT_CHOICE_LIMIT + 5 }, (_, i) =>
    product(org.id, `P${String(i).padStart(4, '0')}`, `Part ${String(i).padStart(4, '0')}`),
  );
  for (let i = 0; i < many.length; i += 100) await db('products').insert(many.slice(i, i + 100));
  const zinc = product(org.id, 'ZF-9', 'Zinc flashing');
  await db('products').insert(zinc);
  const other = await createTestOrganisation(db, 'Someone else');
  await db('products').insert(product(other.id, 'ZF-X', 'Zinc elsewhere'));
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  return { org, contactId, zinc: zinc.id, first: many[0]!.id, agent: signedIn.agent, csrf };
}

const forms = [
  { path: '/quotes/new', table: 'quotes', lines: 'quote_lines', header: { expiryDate: '' } },
  {
    path: '/sales-orders/new',
    table: 'sales_orders',
    lines: 'sales_order_lines',
    header: { projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' },
  },
] as const;

describeEachDialect('finding a product on a quote or sales order form (no JavaScript)', (ctx) => {
  for (const form of forms) {
    it(`when an organisation has more products than a line's dropdown (${form.path}), then "Find product" offers any of them and keeps every line's own product`, async () => {
      const { db } = ctx.current();
      const { org, contactId, zinc, first, agent, csrf } = await setup(db);
      const blank = await agent.get(form.path);
      expect(blank.text).to.contain(`The product lists show the first ${PRODUCT_CHOICE_LIMIT} products by name`);
      expect(blank.text).to.contain('<label for="f-productSearch">Find product (code or name)</label>');
      expect(blank.text).not.to.contain('Zinc flashing');

      const header = {
        _csrf: csrf,
        contactId,
        productSearch: 'ZINC',
        number: '',
        issueDate: '2026-11-20',
        currency: 'AUD',
        lineAmountTypes: 'Exclusive',
        reference: 'Roof job',
        notes: '',
        ...form.header,
      };
      const lines = [gstLine({ productId: first, description: 'Part kept' }), gstLine({ description: 'To be zinc' })];
      const found = await agent
        .post(form.path)
        .type('form')
        .send(documentBody(header, lines, { action: 'find-product' }));
      expect(found.status).to.equal(200);
      expect(found.text).to.match(new RegExp(`<option value="${zinc}"[^>]*>ZF-9 – Zinc flashing</option>`));
      expect(found.text).to.match(new RegExp(`<option value="${first}"[^>]* selected>P0000 – Part 0000</option>`));
      expect(found.text).not.to.contain('Part 0001');
      expect(found.text).not.to.contain('Zinc elsewhere');
      expect(found.text).to.contain('The product lists show the 1 product matching &#34;ZINC&#34;, and any product a line already has.');
      expect(found.text).to.contain('value="Roof job"');
      expect(await countRows(db, form.table, org.id)).to.equal(0);

      const none = await agent
        .post(form.path)
        .type('form')
        .send(documentBody({ ...header, productSearch: 'no such thing' }, lines, { action: 'find-product' }));
      expect(none.text).to.contain('No active product&#39;s code or name contains &#34;no such thing&#34;.');

      const saved = await agent
        .post(form.path)
        .type('form')
        .send(documentBody(header, [lines[0]!, gstLine({ productId: zinc, description: 'Zinc flashing' })], { action: 'save' }));
      expect(saved.status).to.equal(303);
      const products = (await db(form.lines).where({ organisation_id: org.id }).orderBy('position')).map((l: { product_id: string }) => l.product_id);
      expect(products).to.deep.equal([first, zinc]);
    });
  }
});
