import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { productRepository, productService } from '../../../src/products/index.js';
import type { ProductListOptions } from '../../../src/products/product-repository.js';
import { createContact } from '../../fixtures/contacts.js';
import { cacheNzSettings, createProduct, productInput } from '../../fixtures/products.js';

const LIST: ProductListOptions = { q: '', supplierId: null, archived: 'active', sort: 'code', dir: 'asc', page: 1, pageSize: 25 };

describeEachDialect('product repository and service', (ctx) => {
  it('when searching, filtering, sorting and paging, then the right products come back with their supplier', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const supplier = await createContact(db, org.id, { name: 'Timber Supplies', isSupplier: true });
    await createProduct(db, org.id, { code: 'b-plank', name: 'Plank', salePrice: 300000, defaultSupplierId: supplier }, new Date('2026-01-01T00:00:00Z'));
    await createProduct(db, org.id, { code: 'A-NAIL', name: 'Nail 50%', salePrice: 100 }, new Date('2026-01-02T00:00:00Z'));
    await createProduct(db, org.id, { code: 'C-GLUE', name: 'Glue', salePrice: null }, new Date('2026-01-03T00:00:00Z'));
    const old = await createProduct(db, org.id, { code: 'D-OLD', name: 'Old thing' });
    await productService(tenantDb(db, org.id)).archive(old);
    const repo = productRepository(tenantDb(db, org.id));
    const codes = async (o: Partial<ProductListOptions>) => (await repo.list({ ...LIST, ...o })).products.map((p) => p.code);
    expect(await codes({})).to.deep.equal(['A-NAIL', 'b-plank', 'C-GLUE']);
    expect(await codes({ q: 'PLANK' })).to.deep.equal(['b-plank']);
    expect(await codes({ q: '50%' })).to.deep.equal(['A-NAIL']);
    expect(await codes({ supplierId: supplier })).to.deep.equal(['b-plank']);
    expect(await codes({ archived: 'archived' })).to.deep.equal(['D-OLD']);
    expect(await codes({ sort: 'name' })).to.deep.equal(['C-GLUE', 'A-NAIL', 'b-plank']);
    expect(await codes({ sort: 'updated', dir: 'desc' })).to.deep.equal(['C-GLUE', 'A-NAIL', 'b-plank']);
    const page = await repo.list({ ...LIST, pageSize: 2, page: 2 });
    expect([page.total, page.products.map((p) => p.code)]).to.deep.equal([3, ['C-GLUE']]);
    expect((await repo.list({ ...LIST, q: 'plank' })).products[0]?.supplierName).to.equal('Timber Supplies');
  });

  it('when two products would share a code (any case), then the database refuses it even past the service check', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const repo = productRepository(tenantDb(db, org.id));
    await repo.insert('11111111-1111-1111-1111-111111111111', productInput({ code: 'ABC' }), new Date());
    let refused = false;
    try {
      await repo.insert('22222222-2222-2222-2222-222222222222', productInput({ code: 'abc ' }), new Date());
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });

  it('when another organisation uses the same code, then it is free here and their product is invisible', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const other = await createTestOrganisation(db);
    const theirs = await createProduct(db, other.id, { code: 'SAME' });
    expect(await createProduct(db, org.id, { code: 'SAME' })).to.be.a('string');
    const repo = productRepository(tenantDb(db, org.id));
    expect(await repo.findById(theirs)).to.equal(null);
    expect(await repo.update(theirs, productInput({ name: 'Changed' }), new Date())).to.equal(false);
    expect(await repo.setArchived(theirs, new Date(), new Date())).to.equal(false);
    expect((await repo.list({ ...LIST, archived: 'all' })).total).to.equal(1);
  });

  it('when an account is archived in Xero after a product used it, then editing other fields still saves but new products cannot pick it', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    await cacheNzSettings(db, org.id);
    const service = productService(tenantDb(db, org.id));
    const id = await service.create(productInput({ salesAccountCode: '200', salesTaxType: 'OUTPUT2' }));
    await db('xero_accounts').where({ organisation_id: org.id, code: '200' }).update({ status: 'ARCHIVED' });
    await service.update(id, productInput({ name: 'Renamed', salesAccountCode: '200', salesTaxType: 'OUTPUT2' }));
    expect((await service.get(id)).name).to.equal('Renamed');
    let fieldErrors: Record<string, string> = {};
    try {
      await service.create(productInput({ code: 'NEW', salesAccountCode: '200' }));
    } catch (error) {
      fieldErrors = (error as { fieldErrors: Record<string, string> }).fieldErrors;
    }
    expect(Object.keys(fieldErrors)).to.deep.equal(['sales_account_code']);
    const options = await service.formOptions(await service.get(id));
    expect(options.salesAccounts[0]).to.deep.equal({ value: '200', label: '200 (not active in Xero)' });
  });

  it('when a product is saved and read back, then prices stay exact integers (no floats) on every dialect', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const id = await createProduct(db, org.id, { salePrice: 9_999_999_999_999, costPrice: 1, description: 'd' });
    const p = await productService(tenantDb(db, org.id)).get(id);
    expect([p.salePrice, p.costPrice, p.description]).to.deep.equal([9_999_999_999_999, 1, 'd']);
  });
});
