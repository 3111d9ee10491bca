import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/contacts.js';
import { SUPPLIER_CHOICE_LIMIT } from '../../../src/products/product-service.js';

describeEachDialect('suppliers on product pages in a large organisation', (ctx) => {
  /** More active suppliers than the form's dropdown lists; "Zenith Timber" sorts past them all. */
  async function setup() {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Big Book');
    const many = Array.from({ length: SUPPLIER_CHOICE_LIMIT + 5 }, (_, i) => {
      const name = `Supplier ${String(i).padStart(4, '0')}`;
      return { organisation_id: org.id, id: randomUUID(), kind: 'company', name, name_key: name.toLowerCase(), is_supplier: true };
    });
    for (let i = 0; i < many.length; i += 100) await db('contacts').insert(many.slice(i, i + 100));
    const zenith = await createContact(db, org.id, { name: 'Zenith Timber', isSupplier: true, isCustomer: false });
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    return { db, org, zenith, agent: signedIn.agent, csrf: await signedIn.csrf() };
  }

  it('when a product is added, then "Find supplier" offers any supplier, keeps what was typed, and Save sets it', async () => {
    const { db, org, zenith, agent, csrf } = await setup();
    const blank = await agent.get('/products/new');
    expect(blank.text).to.contain(`Showing the first ${SUPPLIER_CHOICE_LIMIT} suppliers by name: use &#34;Find supplier&#34; for the others.`);
    expect(blank.text).not.to.contain('Zenith Timber');
    const typed = {
      _csrf: csrf,
      code: 'BEAM-1',
      name: 'Oak beam',
      description: 'Kept description',
      sale_price: '10',
      cost_price: '',
      default_supplier_id: '',
      supplier_search: 'zenith',
    };
    const found = await agent
      .post('/products')
      .type('form')
      .send({ ...typed, action: 'find-supplier' });
    expect(found.status).to.equal(200);
    expect(found.text).to.contain(`<option value="${zenith}" selected>Zenith Timber</option>`);
    expect(found.text).to.contain('value="BEAM-1"');
    expect(found.text).to.contain('Kept description');
    expect(await db('products').where({ organisation_id: org.id }).first()).to.equal(undefined);
    const saved = await agent
      .post('/products')
      .type('form')
      .send({ ...typed, default_supplier_id: zenith, action: 'save' });
    expect(saved.status).to.equal(303);
    expect((await db('products').where({ organisation_id: org.id }).first()).default_supplier_id).to.equal(zenith);
  });

  it("when there are too many suppliers for the list filter, then it offers none but the chosen one, and a supplier's page links to its products", async () => {
    const { db, org, zenith, agent } = await setup();
    await db('products').insert({
      organisation_id: org.id,
      id: randomUUID(),
      code: 'BEAM-1',
      code_key: 'beam-1',
      name: 'Oak beam',
      name_key: 'oak beam',
      default_supplier_id: zenith,
    });
    const list = await agent.get('/products');
    expect(list.text).to.contain('To see one supplier&#39;s products, open the supplier and choose “Products”.');
    expect(list.text).not.to.contain('Supplier 0001');
    const page = await agent.get(`/contacts/${zenith}`);
    expect(page.text).to.contain(`href="/products?supplier=${zenith}">Products</a>`);
    const filtered = await agent.get(`/products?supplier=${zenith}`);
    expect(filtered.text).to.contain(`<option value="${zenith}" selected>Zenith Timber</option>`);
    expect(filtered.text).to.contain('Oak beam');
  });
});
