import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { quoteRepository, quoteService } from '../../../src/quotes/index.js';
import { salesOrderOfQuote } from '../../../src/sales-orders/index.js';
import { takeNextNumber, peekNextNumber } from '../../../src/documents/numbering.js';
import { QUOTE_KIND as QUOTE_NUMBERS } from '../../../src/quotes/quote-kind.js';
import { parseDocumentListQuery } from '../../../src/documents/document-list.js';
import { emptyLineDraft, type DocumentLine } from '../../../src/documents/lines.js';
import type { LineLookups } from '../../../src/documents/line-lookups.js';
import { createContact } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';

const lookups: LineLookups = {
  baseCurrency: 'AUD',
  currencies: [{ value: 'AUD', label: 'AUD' }],
  accounts: [{ value: '200', label: 'Sales' }],
  taxRates: [{ taxType: 'OUTPUT', label: 'GST', rate: 100000 }],
  tracking: [],
  products: [],
};

async function setup(db: Database, name = 'Acme') {
  const org = await createTestOrganisation(db, name);
  const contactId = await createContact(db, org.id, `${name} customer`);
  const tdb = tenantDb(db, org.id);
  const service = quoteService({ tdb, lookups: async () => lookups, salesOrderOf: salesOrderOfQuote });
  const form = (number = '') => ({
    values: {
      number,
      contactId,
      issueDate: '2026-11-20',
      expiryDate: '',
      projectId: '',
      currency: 'AUD',
      lineAmountTypes: 'Exclusive',
      reference: '',
      notes: '',
    },
    drafts: [{ ...emptyLineDraft(), description: 'Work', quantity: '1', unitPrice: '10', taxType: 'OUTPUT' }],
    action: { kind: 'save' as const },
  });
  return { org, contactId, tdb, service, form };
}

const line = (overrides: Partial<DocumentLine> = {}): DocumentLine => ({
  productId: null,
  description: 'Line',
  quantity: 10000,
  unitPrice: 100000,
  discountRate: 0,
  accountCode: null,
  taxType: null,
  taxRate: 0,
  trackingOption1Id: null,
  trackingOption2Id: null,
  lineAmount: 1000,
  taxAmount: 0,
  ...overrides,
});

describeEachDialect('quote repository and numbering', (ctx) => {
  it('when two organisations number quotes, then each has its own sequence starting at QU-0001', async () => {
    const { db } = ctx.current();
    const a = await setup(db, 'A');
    const b = await setup(db, 'B');
    expect(await takeNextNumber(a.tdb, QUOTE_NUMBERS)).to.equal('QU-0001');
    expect(await takeNextNumber(a.tdb, QUOTE_NUMBERS)).to.equal('QU-0002');
    expect(await takeNextNumber(b.tdb, QUOTE_NUMBERS)).to.equal('QU-0001');
  });

  it('when the next number was already typed by a user, then the sequence skips it', async () => {
    const { db } = ctx.current();
    const { service, form, tdb } = await setup(db);
    await service.create(form('QU-0001'));
    expect(await peekNextNumber(tdb, QUOTE_NUMBERS)).to.equal('QU-0002');
    const id = await service.create(form());
    expect((await service.get(id)).number).to.equal('QU-0002');
  });

  it('when several quotes are saved at once without numbers, then each gets a different number', async () => {
    const { db } = ctx.current();
    const { service, form, org } = await setup(db);
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => service.create(form())));
    const numbers = (await db('quotes').where({ organisation_id: org.id }).whereIn('id', ids).select('number')).map((r: { number: string }) => r.number).sort();
    expect(numbers).to.deep.equal(['QU-0001', 'QU-0002', 'QU-0003', 'QU-0004', 'QU-0005']);
  });

  it('when a line fails to insert inside the transaction, then the quote is not written either', async () => {
    const { db } = ctx.current();
    const { tdb, contactId, org } = await setup(db);
    let failed = false;
    try {
      await tdb.transaction(async (trx) => {
        await quoteRepository(trx, salesOrderOfQuote).insert(
          {
            number: 'QU-0100',
            contactId,
            projectId: null,
            issueDate: '2026-11-20',
            expiryDate: null,
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: null,
            notes: null,
          },
          [line(), line({ description: null as unknown as string })],
          { lineAmountTypes: 'Exclusive', subTotal: 2000, totalTax: 0, total: 2000 },
        );
      });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(await db('quotes').where({ organisation_id: org.id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
    expect(await db('quote_lines').where({ organisation_id: org.id }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it("when a quote of another organisation is looked up, listed or counted through this organisation's handle, then it is not there", async () => {
    const { db } = ctx.current();
    const mine = await setup(db, 'Mine');
    const theirs = await setup(db, 'Theirs');
    const theirId = await theirs.service.create(theirs.form());
    await mine.service.create(mine.form());
    expect(await quoteRepository(mine.tdb, salesOrderOfQuote).find(theirId)).to.equal(undefined);
    const list = await quoteRepository(mine.tdb, salesOrderOfQuote).list(parseDocumentListQuery({ q: 'customer' }, ['draft']));
    expect(list.rows.map((r) => r.contactName)).to.deep.equal(['Mine customer']);
    expect(await quoteRepository(mine.tdb, salesOrderOfQuote).openTotals()).to.deep.equal([{ currency: 'AUD', count: 1, total: 1100 }]);
  });

  it("when the quotes list is searched by contact name in another case, sorted by contact and paged, then it finds exactly this organisation's matches in order", async () => {
    const { db } = ctx.current();
    const mine = await setup(db, 'Mine');
    const theirs = await setup(db, 'Theirs');
    await theirs.service.create(theirs.form());
    for (const name of ['Harbour Plumbing Ltd', 'Summit Joinery', 'Harbour View Cafe']) {
      const contactId = await createContact(db, mine.org.id, name);
      const form = mine.form();
      await mine.service.create({ ...form, values: { ...form.values, contactId, reference: `For ${name}` } });
    }
    const repo = quoteRepository(mine.tdb, salesOrderOfQuote);
    const found = await repo.list(parseDocumentListQuery({ q: 'HARBOUR', sort: 'contact', dir: 'asc' }, ['draft']));
    expect(found.total).to.equal(2);
    expect(found.rows.map((r) => r.contactName)).to.deep.equal(['Harbour Plumbing Ltd', 'Harbour View Cafe']);
    const byContact = await repo.list(parseDocumentListQuery({ sort: 'contact', dir: 'desc' }, ['draft']));
    expect(byContact.rows.map((r) => r.contactName)).to.deep.equal(['Summit Joinery', 'Harbour View Cafe', 'Harbour Plumbing Ltd']);
    expect(byContact.total).to.equal(3);
    expect((await repo.list(parseDocumentListQuery({ q: 'for summit' }, ['draft']))).rows.map((r) => r.contactName)).to.deep.equal(['Summit Joinery']);
  });

  it('when a quote is stored and read back, then scaled quantities, prices, rates and amounts survive exactly', async () => {
    const { db } = ctx.current();
    const { tdb, contactId } = await setup(db);
    const big = line({ quantity: 123456789, unitPrice: 99999999999, discountRate: 125000, taxRate: 88750, lineAmount: 123456789012, taxAmount: 10956790025 });
    const id = await tdb.transaction((trx) =>
      quoteRepository(trx, salesOrderOfQuote).insert(
        {
          number: 'QU-0001',
          contactId,
          projectId: null,
          issueDate: '2026-11-20',
          expiryDate: '2026-12-20',
          currency: 'AUD',
          lineAmountTypes: 'Inclusive',
          reference: 'R',
          notes: 'N',
        },
        [big],
        { lineAmountTypes: 'Inclusive', subTotal: 112499998987, totalTax: 10956790025, total: 123456789012 },
      ),
    );
    const quote = await quoteRepository(tdb, salesOrderOfQuote).find(id);
    expect(quote?.lines[0]).to.deep.equal(big);
    expect([quote?.subTotal, quote?.total, quote?.lineAmountTypes, quote?.expiryDate]).to.deep.equal([112499998987, 123456789012, 'Inclusive', '2026-12-20']);
  });
});
