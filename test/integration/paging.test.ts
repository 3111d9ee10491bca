import { expect } from 'chai';
import { describeEachDialect } from '../helpers/test-db.js';
import { tenantDb } from '../../src/db/tenant-db.js';
import { firstIdsOfEach, pageIdsAndTotal, SEARCH_WINDOW, type ListOrder } from '../../src/db/paging.js';

describeEachDialect('list paging', (ctx) => {
  beforeEach(async () => {
    const { db } = ctx.current();
    await db.schema.createTable('paging_scratch', (t) => {
      t.string('organisation_id', 36).notNullable();
      t.string('id', 36).notNullable();
      t.string('name').notNullable();
      t.primary(['organisation_id', 'id']);
    });
    const rows = Array.from({ length: 30 }, (_, i) => ({
      organisation_id: 'org-a',
      id: `a${String(i).padStart(2, '0')}`,
      name: i % 3 === 0 ? `match ${i}` : `other ${i}`,
    }));
    await db('paging_scratch').insert([...rows, { organisation_id: 'org-b', id: 'b1', name: 'match elsewhere' }]);
  });

  const sortByName: ListOrder = [
    ['name', 'asc'],
    ['id', 'asc'],
  ];

  /** The SQL statements `work` runs on the current database. */
  async function statementsOf(work: () => Promise<void>): Promise<string[]> {
    const { db } = ctx.current();
    const statements: string[] = [];
    const listen = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', listen);
    try {
      await work();
    } finally {
      db.removeListener('query', listen);
    }
    return statements;
  }
  const counts = (statements: string[]) => statements.filter((sql) => /count\(/i.test(sql)).length;

  for (const search of [false, true])
    it(`when a list is paged${search ? ' as a search' : ''}, then every page has the right ids and the same total, past the end too`, async () => {
      const tdb = tenantDb(ctx.current().db, 'org-a');
      const base = () => tdb.from('paging_scratch').where('name', 'like', 'match%');
      const first = await pageIdsAndTotal(base(), 'id', sortByName, { page: 1, pageSize: 4, search });
      const second = await pageIdsAndTotal(base(), 'id', sortByName, { page: 2, pageSize: 4, search });
      const third = await pageIdsAndTotal(base(), 'id', sortByName, { page: 3, pageSize: 4, search });
      const beyond = await pageIdsAndTotal(base(), 'id', sortByName, { page: 9, pageSize: 4, search });
      expect(first.total).to.equal(10);
      expect(first.ids).to.deep.equal(['a00', 'a12', 'a15', 'a18']); // 'match 12' sorts before 'match 3'
      expect(second).to.deep.equal({ ids: ['a21', 'a24', 'a27', 'a03'], total: 10 });
      expect(third).to.deep.equal({ ids: ['a06', 'a09'], total: 10 });
      expect(beyond).to.deep.equal({ ids: [], total: 10 });
      const none = await pageIdsAndTotal(tdb.from('paging_scratch').where('name', 'nothing'), 'id', sortByName, { page: 1, pageSize: 4, search });
      expect(none).to.deep.equal({ ids: [], total: 0 });
    });

  it('when the first ids of several lists are read at once, then each list has its own first ids in its order and its total, in one statement', async () => {
    const tdb = tenantDb(ctx.current().db, 'org-a');
    const byNameDesc: ListOrder = [
      ['name', 'desc'],
      ['id', 'desc'],
    ];
    let lists: Awaited<ReturnType<typeof firstIdsOfEach>> = [];
    const statements = await statementsOf(async () => {
      lists = await firstIdsOfEach(
        [
          { base: tdb.from('paging_scratch').where('name', 'like', 'match%'), idColumn: 'id', order: sortByName },
          { base: tdb.from('paging_scratch').where('name', 'nothing'), idColumn: 'id', order: sortByName },
          { base: tdb.from('paging_scratch').where('name', 'like', 'match%'), idColumn: 'paging_scratch.id', order: byNameDesc },
          { base: tdb.from('paging_scratch').whereIn('id', ['a01', 'a02']), idColumn: 'id', order: sortByName },
        ],
        4,
      );
    });
    expect(statements).to.have.length(1);
    expect(lists).to.deep.equal([
      // Ten matches in org-a ('match elsewhere' is org-b's): the first four, and all ten counted.
      { ids: ['a00', 'a12', 'a15', 'a18'], total: 10 },
      { ids: [], total: 0 },
      { ids: ['a09', 'a06', 'a03', 'a27'], total: 10 },
      { ids: ['a01', 'a02'], total: 2 },
    ]);
    expect(await firstIdsOfEach([], 4)).to.deep.equal([]);
  });

  it('when the matches end exactly at a page boundary, then the full last page still gets the right total', async () => {
    const tdb = tenantDb(ctx.current().db, 'org-a');
    const base = () => tdb.from('paging_scratch').where('name', 'like', 'match%');
    expect(await pageIdsAndTotal(base(), 'id', sortByName, { page: 2, pageSize: 5 })).to.deep.equal({ ids: ['a24', 'a27', 'a03', 'a06', 'a09'], total: 10 });
    expect((await pageIdsAndTotal(base(), 'id', sortByName, { page: 3, pageSize: 5 })).total).to.equal(10);
  });

  it('when the page is short, then it is the last page and no count query runs; a full page is counted', async () => {
    const tdb = tenantDb(ctx.current().db, 'org-a');
    const short = await statementsOf(async () => {
      expect(await pageIdsAndTotal(tdb.from('paging_scratch').where('name', 'like', 'match 1%'), 'id', sortByName, { page: 1, pageSize: 4 })).to.deep.equal({
        ids: ['a12', 'a15', 'a18'],
        total: 3,
      });
    });
    expect(counts(short)).to.equal(0);
    const full = await statementsOf(async () => {
      expect((await pageIdsAndTotal(tdb.from('paging_scratch').where('name', 'like', 'match%'), 'id', sortByName, { page: 1, pageSize: 4 })).total).to.equal(
        10,
      );
    });
    expect(counts(full)).to.equal(1);
  });

  for (const direction of ['asc', 'desc'] as const)
    it(`when every page of a ${direction === 'asc' ? 'rising' : 'falling'} list is read, then each is the list's slice, and pages in the second half are read from the end`, async () => {
      const tdb = tenantDb(ctx.current().db, 'org-a');
      const order: ListOrder = [
        ['name', direction],
        ['id', direction],
      ];
      const all = (await pageIdsAndTotal(tdb.from('paging_scratch'), 'id', order, { page: 1, pageSize: 100 })).ids;
      expect(all).to.have.length(30);
      for (let page = 1; page <= 5; page += 1) {
        const statements = await statementsOf(async () => {
          expect(await pageIdsAndTotal(tdb.from('paging_scratch'), 'id', order, { page, pageSize: 7 })).to.deep.equal({
            ids: all.slice((page - 1) * 7, page * 7),
            total: 30,
          });
        });
        const read = statements.find((sql) => !/count\(/i.test(sql)) ?? '';
        const backwards = direction === 'asc' ? / desc/i : / asc/i;
        // From page 3 (rows 15–21: 14 before, 9 after) on, fewer rows follow a page than precede it.
        expect(backwards.test(read), `page ${page}: ${read}`).to.equal(page >= 3);
      }
    });

  it("when the list's size is given (kept by the database), then no page counts, each is the list's slice in one statement, and the second half is read from the end", async () => {
    const tdb = tenantDb(ctx.current().db, 'org-a');
    const all = (await pageIdsAndTotal(tdb.from('paging_scratch'), 'id', sortByName, { page: 1, pageSize: 100 })).ids;
    for (let page = 1; page <= 6; page += 1) {
      const statements = await statementsOf(async () => {
        const expected = page <= 5 ? all.slice((page - 1) * 7, page * 7) : [];
        expect(await pageIdsAndTotal(tdb.from('paging_scratch'), 'id', sortByName, { page, pageSize: 7, total: 30 })).to.deep.equal({
          ids: expected,
          total: 30,
        });
      });
      expect(statements, `page ${page}`).to.have.length(page <= 5 ? 1 : 0);
      expect(counts(statements)).to.equal(0);
      if (page <= 5) expect(/ desc/i.test(statements[0] ?? ''), `page ${page}`).to.equal(page >= 3);
    }
  });

  for (const search of [false, true])
    it(`never counts or returns another organisation's rows${search ? ' (search)' : ''}`, async () => {
      const tdb = tenantDb(ctx.current().db, 'org-b');
      expect(await pageIdsAndTotal(tdb.from('paging_scratch'), 'id', sortByName, { page: 1, pageSize: 4, search })).to.deep.equal({ ids: ['b1'], total: 1 });
    });

  describe('searches with more matches than the window', () => {
    beforeEach(async () => {
      const rows = Array.from({ length: SEARCH_WINDOW + 30 }, (_, i) => ({
        organisation_id: 'org-a',
        id: `w${String(i).padStart(4, '0')}`,
        name: `wide ${String(i).padStart(4, '0')}`,
      }));
      for (let i = 0; i < rows.length; i += 100)
        await ctx
          .current()
          .db('paging_scratch')
          .insert(rows.slice(i, i + 100));
    });

    it('when a search matches more than the window, then the total is counted and every page, inside and past the window, is right', async () => {
      const tdb = tenantDb(ctx.current().db, 'org-a');
      const base = () => tdb.from('paging_scratch').where('name', 'like', 'wide%');
      const statements = await statementsOf(async () => {
        const first = await pageIdsAndTotal(base(), 'id', sortByName, { page: 1, pageSize: 25, search: true });
        expect(first.total).to.equal(SEARCH_WINDOW + 30);
        expect(first.ids).to.have.length(25);
        expect(first.ids[0]).to.equal('w0000');
      });
      expect(counts(statements)).to.equal(1);
      const lastInWindow = await pageIdsAndTotal(base(), 'id', sortByName, { page: SEARCH_WINDOW / 25, pageSize: 25, search: true });
      expect(lastInWindow.ids[0]).to.equal(`w${String(SEARCH_WINDOW - 25).padStart(4, '0')}`);
      const pastWindow = await pageIdsAndTotal(base(), 'id', sortByName, { page: SEARCH_WINDOW / 25 + 1, pageSize: 25, search: true });
      expect(pastWindow).to.deep.equal({
        ids: Array.from({ length: 25 }, (_, i) => `w${String(SEARCH_WINDOW + i).padStart(4, '0')}`),
        total: SEARCH_WINDOW + 30,
      });
    });

    it('when a search matches fewer than the window, then one query gives the page and the total', async () => {
      const tdb = tenantDb(ctx.current().db, 'org-a');
      const statements = await statementsOf(async () => {
        const page = await pageIdsAndTotal(tdb.from('paging_scratch').where('name', 'like', 'wide 00%'), 'id', sortByName, {
          page: 2,
          pageSize: 25,
          search: true,
        });
        expect(page.total).to.equal(100);
        expect(page.ids[0]).to.equal('w0025');
      });
      expect(statements).to.have.length(1);
    });
  });
});
