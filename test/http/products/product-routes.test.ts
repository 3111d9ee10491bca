import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/contacts.js';
import { cacheNzSettings, createProduct } from '../../fixtures/products.js';
import { expectCsrfRefused, expectNotFound } from '../../helpers/refusals.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { xeroDefaultsService } from '../../../src/xero-settings/xero-defaults-service.js';
import { DEFAULT_XERO_DEFAULTS } from '../../../src/xero-settings/xero-defaults.js';

const count = async (db: import('../../../src/db/database.js').Database, where: Record<string, string> = {}) =>
  Number((await db('products').where(where).count({ n: '*' }).first())?.n);

describeEachDialect('product routes', (ctx) => {
  async function setup() {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Mine Ltd');
    const other = await createTestOrganisation(db, 'Other Ltd');
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    return { db, org, other, signedIn, agent: signedIn.agent };
  }
  const form = (csrf: string, fields: Record<string, string>) => ({ _csrf: csrf, code: 'W-1', name: 'Widget', ...fields });

  it('when a visitor opens products, then they are sent to sign in', async () => {
    expect((await request(testApp(ctx.current().db)).get('/products')).status).to.equal(303);
  });

  it('when there are no products, then the list tells the user what to do next', async () => {
    const { agent } = await setup();
    const res = await agent.get('/products');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('No products yet').and.contain('href="/products/new"').and.contain('import your items from Xero');
  });

  it("when products exist, then the list shows this organisation's, searchable, filterable by supplier, sortable and paged", async () => {
    const { db, org, other, agent } = await setup();
    const supplier = await createContact(db, org.id, { name: 'Timber Supplies', isSupplier: true });
    await createProduct(db, org.id, { code: 'PLANK', name: 'Pine plank', salePrice: 99900, defaultSupplierId: supplier });
    await createProduct(db, org.id, { code: 'NAIL', name: 'Nails', salePrice: 500 });
    await createProduct(db, other.id, { code: 'SECRET', name: 'Secret product' });
    const all = await agent.get('/products');
    expect(all.text).to.contain('Pine plank').and.contain('Nails').and.not.contain('Secret product');
    expect(all.text).to.contain('9.99').and.contain('0.05').and.contain('>Timber Supplies</a>');
    expect((await agent.get('/products').query({ q: 'plank' })).text)
      .to.contain('Pine plank')
      .and.not.contain('Nails');
    expect((await agent.get('/products').query({ supplier })).text)
      .to.contain('Pine plank')
      .and.not.contain('Nails');
    const byPrice = await agent.get('/products').query({ sort: 'sale_price', dir: 'desc' });
    expect(byPrice.text.indexOf('Pine plank')).to.be.lessThan(byPrice.text.indexOf('Nails'));
    for (let i = 0; i < 25; i++) await createProduct(db, org.id, { code: `P${String(i).padStart(2, '0')}`, name: `Part ${i}` });
    const page2 = await agent.get('/products').query({ page: '2' });
    expect(page2.text).to.contain('Showing 26–27 of 27');
  });

  it('when the form opens before Xero settings are cached, then it says where accounts and tax rates come from', async () => {
    const { agent } = await setup();
    const res = await agent.get('/products/new');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('which are still loading').and.contain('href="/settings/xero"').and.contain('<label for="f-code">').and.contain('name="_csrf"');
  });

  it("when the settings are cached, then account and tax dropdowns offer only the organisation's active, usable codes", async () => {
    const { db, org, agent } = await setup();
    await cacheNzSettings(db, org.id);
    const res = await agent.get('/products/new');
    expect(res.text).to.contain('<option value="200"').and.contain('200 – Sales').and.contain('<option value="OUTPUT2"').and.contain('<option value="310"');
    expect(res.text).not.to.contain('Old Sales').and.not.contain('Business Bank Account').and.not.contain('Old 12.5% GST');
  });

  it("when a new product's form opens, then its accounts and tax rates start from Xero's chart, or from the organisation's saved defaults, and prices say their currency", async () => {
    const { db, org, agent } = await setup();
    const selected = (html: string, name: string) => {
      const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
      return /<option value="([^"]*)" selected>/.exec(select)?.[1] ?? null;
    };
    const blank = await agent.get('/products/new');
    expect(selected(blank.text, 'sales_account_code')).to.equal(''); // nothing cached: nothing invented
    await cacheNzSettings(db, org.id);
    const suggested = await agent.get('/products/new');
    expect(selected(suggested.text, 'sales_account_code')).to.equal('200'); // first active revenue account (205 is archived)
    expect(selected(suggested.text, 'sales_tax_type')).to.equal('OUTPUT2'); // the tax rate Xero has on 200
    expect(selected(suggested.text, 'purchases_account_code')).to.equal('310');
    expect(selected(suggested.text, 'purchases_tax_type')).to.equal('INPUT2');
    expect(suggested.text).to.contain('In AUD, up to 4 decimal places.');
    await xeroDefaultsService(tenantDb(db, org.id)).save(
      { ...DEFAULT_XERO_DEFAULTS, salesAccountCode: '260', purchasesAccountCode: '429', purchasesTaxType: 'INPUT2' },
      new Date(),
    );
    const saved = await agent.get('/products/new');
    expect(selected(saved.text, 'sales_account_code')).to.equal('260');
    expect(selected(saved.text, 'sales_tax_type')).to.equal('OUTPUT2'); // 260's own tax rate
    expect(selected(saved.text, 'purchases_account_code')).to.equal('429');
    expect(selected(saved.text, 'purchases_tax_type')).to.equal('INPUT2');
  });

  it('when a valid product is created, then it is saved with 4 dp prices and its record page names its accounts', async () => {
    const { db, org, agent, signedIn } = await setup();
    await cacheNzSettings(db, org.id);
    const supplier = await createContact(db, org.id, { name: 'Timber Supplies', isSupplier: true });
    const res = await agent
      .post('/products')
      .type('form')
      .send(
        form(await signedIn.csrf(), {
          code: 'PLANK-2',
          name: 'Pine plank 2m',
          description: 'Treated pine',
          sale_price: '12.3456',
          cost_price: '4.5',
          sales_account_code: '200',
          sales_tax_type: 'OUTPUT2',
          purchases_account_code: '310',
          purchases_tax_type: 'INPUT2',
          default_supplier_id: supplier,
        }),
      );
    expect(res.status).to.equal(303);
    const row = await db('products').where({ organisation_id: org.id }).first();
    expect([Number(row.sale_price), Number(row.cost_price), row.sales_account_code]).to.deep.equal([123456, 45000, '200']);
    const page = await agent.get(String(res.headers.location));
    expect(page.text)
      .to.contain('Saved Pine plank 2m.')
      .and.contain('12.3456')
      .and.contain('4.50')
      .and.contain('200 – Sales')
      .and.contain('15% GST on Expenses (15%)')
      .and.contain(`href="/contacts/${supplier}"`)
      .and.contain('Treated pine');
  });

  it('when the form has bad input, then each message sits next to its field, input is kept and nothing is written', async () => {
    const { db, org, agent, signedIn } = await setup();
    await cacheNzSettings(db, org.id);
    const res = await agent
      .post('/products')
      .type('form')
      .send(
        form(await signedIn.csrf(), {
          code: 'C'.repeat(31),
          name: 'N'.repeat(51),
          sale_price: '-5',
          cost_price: '1.23456',
          sales_account_code: '205',
          sales_tax_type: 'INPUT2',
          purchases_account_code: '200',
          purchases_tax_type: 'MADEUP',
          description: 'keep me typed',
        }),
      );
    expect(res.status).to.equal(422);
    for (const field of ['code', 'name', 'sale_price', 'cost_price']) expect(res.text, field).to.contain(`id="f-${field}-error"`);
    expect(res.text).to.contain('30 characters or fewer').and.contain('keep me typed').and.contain('value="-5"');
    expect(await count(db)).to.equal(0);
    // With the form otherwise valid, codes not offered for that side are refused next to their fields.
    const codes = await agent
      .post('/products')
      .type('form')
      .send(
        form(await signedIn.csrf(), {
          sales_account_code: '205',
          sales_tax_type: 'INPUT2',
          purchases_account_code: '200',
          purchases_tax_type: 'MADEUP',
        }),
      );
    expect(codes.status).to.equal(422);
    for (const field of ['sales_account_code', 'sales_tax_type', 'purchases_account_code', 'purchases_tax_type'])
      expect(codes.text, field).to.contain(`id="f-${field}-error"`);
    expect(await count(db)).to.equal(0);
  });

  it('when a code is already used (any case), then the code field says so and nothing is written', async () => {
    const { db, org, agent, signedIn } = await setup();
    await createProduct(db, org.id, { code: 'WIDGET' });
    const res = await agent
      .post('/products')
      .type('form')
      .send(form(await signedIn.csrf(), { code: 'widget' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-code-error"').and.contain('Another product already uses this code');
    expect(await count(db)).to.equal(1);
  });

  it('when a taken code comes with other mistakes, then the code message shows in the same round', async () => {
    const { db, org, agent, signedIn } = await setup();
    await createProduct(db, org.id, { code: 'WIDGET' });
    const res = await agent
      .post('/products')
      .type('form')
      .send(form(await signedIn.csrf(), { code: 'WIDGET', sale_price: 'lots' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="f-code-error"').and.contain('id="f-sale_price-error"');
  });

  it("when the default supplier is another organisation's contact or not a supplier, then the field refuses it", async () => {
    const { db, org, other, agent, signedIn } = await setup();
    const theirs = await createContact(db, other.id, { name: 'Their Supplier', isSupplier: true });
    const customer = await createContact(db, org.id, { name: 'Only A Customer', isSupplier: false });
    for (const id of [theirs, customer]) {
      const res = await agent
        .post('/products')
        .type('form')
        .send(form(await signedIn.csrf(), { default_supplier_id: id }));
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="f-default_supplier_id-error"').and.contain('Choose one of your active suppliers.').and.not.contain('Their Supplier');
    }
    expect(await count(db)).to.equal(0);
  });

  it('when a product is edited, then the form starts from its values and the change is saved', async () => {
    const { db, org, agent, signedIn } = await setup();
    const id = await createProduct(db, org.id, { code: 'OLD', name: 'Old name', salePrice: 125000 });
    const edit = await agent.get(`/products/${id}/edit`);
    expect(edit.text).to.contain('value="OLD"').and.contain('value="12.50"').and.contain(`action="/products/${id}"`);
    const res = await agent
      .post(`/products/${id}`)
      .type('form')
      .send(form(await signedIn.csrf(), { code: 'OLD', name: 'New name', sale_price: '13' }));
    expect(res.status).to.equal(303);
    const row = await db('products').where({ id }).first();
    expect([row.name, Number(row.sale_price)]).to.deep.equal(['New name', 130000]);
  });

  it('when an edit has bad input, then the form re-renders with the message and the product is unchanged', async () => {
    const { db, org, agent, signedIn } = await setup();
    const id = await createProduct(db, org.id, { code: 'KEEP', name: 'Keep me' });
    const res = await agent
      .post(`/products/${id}`)
      .type('form')
      .send(form(await signedIn.csrf(), { code: 'KEEP', name: '', sale_price: 'abc' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Enter the product name.').and.contain('value="abc"');
    expect((await db('products').where({ id }).first()).name).to.equal('Keep me');
  });

  it('when a product is archived after confirming, then it leaves the active list and can be restored', async () => {
    const { db, org, agent, signedIn } = await setup();
    const id = await createProduct(db, org.id, { code: 'GONE', name: 'Gone soon' });
    const confirm = await agent.get(`/products/${id}/archive`);
    expect(confirm.text).to.contain('Archive Gone soon?').and.contain(`action="/products/${id}/archive"`).and.contain('name="_csrf"');
    const csrf = await signedIn.csrf();
    expect((await agent.post(`/products/${id}/archive`).type('form').send({ _csrf: csrf })).status).to.equal(303);
    expect((await agent.get(`/products/${id}`)).text)
      .to.contain('Archived Gone soon.')
      .and.contain('Restore');
    expect((await agent.get('/products')).text).not.to.contain('Gone soon');
    expect((await agent.get('/products').query({ archived: 'archived' })).text).to.contain('Gone soon');
    expect((await agent.post(`/products/${id}/unarchive`).type('form').send({ _csrf: csrf })).status).to.equal(303);
    expect((await db('products').where({ id }).first()).archived_at).to.equal(null);
  });

  it('when a product is posted without a CSRF token, then it is refused', async () => {
    const { db, agent } = await setup();
    expectCsrfRefused(await agent.post('/products').type('form').send({ code: 'X', name: 'X' }));
    expect(await count(db)).to.equal(0);
  });

  it("when another organisation's product id is used on any route, then it is 404 and nothing changes", async () => {
    const { db, other, agent, signedIn } = await setup();
    const theirs = await createProduct(db, other.id, { code: 'THEIRS', name: 'Not yours' });
    const csrf = await signedIn.csrf();
    for (const path of [`/products/${theirs}`, `/products/${theirs}/edit`, `/products/${theirs}/archive`, '/products/nope']) {
      const res = await agent.get(path);
      expectNotFound(res, 'product', path);
      expect(res.text).not.to.contain('Not yours');
    }
    for (const path of [`/products/${theirs}`, `/products/${theirs}/archive`, `/products/${theirs}/unarchive`]) {
      expectNotFound(
        await agent
          .post(path)
          .type('form')
          .send(form(csrf, { name: 'Hijacked' })),
        'product',
        path,
      );
    }
    const row = await db('products').where({ id: theirs }).first();
    expect([row.name, row.archived_at]).to.deep.equal(['Not yours', null]);
  });
});
