import { expect } from 'chai';
import type { Database } from '../../../src/db/database.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { createLogger } from '../../../src/common/logger.js';
import { productRepository, type ProductInput } from '../../../src/products/index.js';
import { xeroImports, type XeroImports } from '../../../src/xero-import/index.js';
import { jobRunner } from '../../../src/jobs/index.js';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation, type TestOrganisation } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/contacts.js';
import { FakeImportSource, xeroItem } from './fake-import-source.js';

async function setup(db: Database) {
  const sources = new Map<string, FakeImportSource>();
  const sourceOf = (orgId: string) => sources.get(orgId) ?? sources.set(orgId, new FakeImportSource()).get(orgId)!;
  const logger = createLogger('silent');
  const imports: XeroImports = xeroImports({ db, logger, runner: jobRunner(logger), sourceFor: (o) => sourceOf(o.id) });
  const org = await createTestOrganisation(db, 'Items Org');
  return { imports, org, sourceOf };
}

async function importItems(db: Database, imports: XeroImports, org: TestOrganisation) {
  const service = imports.forOrganisation(org, tenantDb(db, org.id));
  const run = await service.start('items');
  await imports.idle();
  return service.get(run.id);
}

const productInput = (overrides: Partial<ProductInput>): ProductInput => ({
  code: 'X',
  name: 'X',
  description: null,
  salePrice: null,
  costPrice: null,
  salesAccountCode: null,
  purchasesAccountCode: null,
  salesTaxType: null,
  purchasesTaxType: null,
  defaultSupplierId: null,
  ...overrides,
});

describeEachDialect('xero import: items', (ctx) => {
  it('when Xero items are imported, then each becomes a linked product with 4 dp prices, accounts and tax types, in one page', async () => {
    const { db } = ctx.current();
    const { imports, org, sourceOf } = await setup(db);
    sourceOf(org.id).itemList = [
      xeroItem(1, {
        code: 'DevD',
        name: 'Development work',
        salesDetails: { unitPrice: 650, accountCode: '200', taxType: 'OUTPUT' },
        purchaseDetails: { unitPrice: 450.125, accountCode: '300', taxType: 'INPUT' },
      }),
      xeroItem(2, { code: 'GB1-White', salesDetails: { unitPrice: 5.5 } }),
      xeroItem(3, { code: '' }),
    ];
    const run = await importItems(db, imports, org);
    expect(run).to.include({ status: 'completed', nextPage: 2, processed: 3, created: 2, skipped: 1 });
    const rows = await db('products').where({ organisation_id: org.id }).orderBy('code_key');
    expect(
      rows.map((r) => [
        r.code,
        Number(r.sale_price),
        r.cost_price === null ? null : Number(r.cost_price),
        r.sales_account_code,
        r.purchases_tax_type,
        r.xero_item_id,
      ]),
    ).to.deep.equal([
      ['DevD', 6_500_000, 4_501_250, '200', 'INPUT', sourceOf(org.id).itemList[0]!.itemID],
      ['GB1-White', 55_000, null, null, null, sourceOf(org.id).itemList[1]!.itemID],
    ]);
  });

  it('when items are imported again after a price change, then nothing is duplicated and only the changed product is updated, keeping its supplier', async () => {
    const { db } = ctx.current();
    const { imports, org, sourceOf } = await setup(db);
    sourceOf(org.id).itemList = [xeroItem(1), xeroItem(2), xeroItem(3)];
    await importItems(db, imports, org);
    const supplierId = await createContact(db, org.id, { name: 'Supplier Ltd', isSupplier: true });
    const first = await db('products').where({ organisation_id: org.id, code: 'ITEM-1' }).first();
    await db('products').where({ organisation_id: org.id, id: first.id }).update({ default_supplier_id: supplierId });
    sourceOf(org.id).itemList[0] = xeroItem(1, { salesDetails: { unitPrice: 99.99, accountCode: '200', taxType: 'OUTPUT2' } });
    const second = await importItems(db, imports, org);
    expect(second).to.include({ status: 'completed', processed: 3, created: 0, updated: 1, unchanged: 2, skipped: 0 });
    const product = await productRepository(tenantDb(db, org.id)).findById(first.id);
    expect(product).to.include({ salePrice: 999_900, defaultSupplierId: supplierId });
    expect(await db('products').where({ organisation_id: org.id })).to.have.length(3);
  });

  it("when a product already has an item's code and no link, then it is linked and updated rather than duplicated; a code linked elsewhere is skipped", async () => {
    const { db } = ctx.current();
    const { imports, org, sourceOf } = await setup(db);
    const repo = productRepository(tenantDb(db, org.id));
    await repo.insert('a0000000-0000-4000-8000-000000000001', productInput({ code: 'item-1', name: 'Typed by hand' }), new Date());
    await repo.insert('a0000000-0000-4000-8000-000000000002', productInput({ code: 'ITEM-2', name: 'Linked elsewhere' }), new Date());
    await db('products').where({ id: 'a0000000-0000-4000-8000-000000000002' }).update({ xero_item_id: '99999999-0000-4000-8000-000000000000' });
    sourceOf(org.id).itemList = [xeroItem(1), xeroItem(2)];
    const run = await importItems(db, imports, org);
    expect(run).to.include({ processed: 2, created: 0, updated: 1, skipped: 1 });
    expect(await repo.findById('a0000000-0000-4000-8000-000000000001')).to.include({
      code: 'ITEM-1',
      name: 'Item 1',
      xeroItemId: sourceOf(org.id).itemList[0]!.itemID,
    });
    expect(await repo.findById('a0000000-0000-4000-8000-000000000002')).to.include({ name: 'Linked elsewhere' });
  });

  it("when Xero fails to list items, then the run fails with Xero's message and Resume imports them", async () => {
    const { db } = ctx.current();
    const { imports, org, sourceOf } = await setup(db);
    sourceOf(org.id).itemList = [xeroItem(1)];
    sourceOf(org.id).failPage = 1;
    const failed = await importItems(db, imports, org);
    expect(failed).to.include({ status: 'failed', nextPage: 1, processed: 0 });
    expect(failed.lastError).to.contain('An error occurred in Xero.');
    const service = imports.forOrganisation(org, tenantDb(db, org.id));
    await service.resume(failed.id);
    await imports.idle();
    expect(await service.get(failed.id)).to.include({ status: 'completed', created: 1 });
  });

  it('when two organisations import the same Xero item ids, then each gets its own products', async () => {
    const { db } = ctx.current();
    const { imports, org, sourceOf } = await setup(db);
    const other = await createTestOrganisation(db, 'Other Items Org');
    sourceOf(org.id).itemList = [xeroItem(1)];
    sourceOf(other.id).itemList = [xeroItem(1, { name: 'Theirs' })];
    await importItems(db, imports, org);
    await importItems(db, imports, other);
    expect((await db('products').where({ organisation_id: org.id })).map((r) => r.name)).to.deep.equal(['Item 1']);
    expect((await db('products').where({ organisation_id: other.id })).map((r) => r.name)).to.deep.equal(['Theirs']);
  });
});
