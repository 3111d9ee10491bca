import { expect } from 'chai';
import { describeEachDialect } from '../helpers/test-db.js';
import { tenantDb } from '../../src/db/tenant-db.js';
import { pageIdsAndTotal } from '../../src/db/paging.js';

describeEachDialect('list paging', (ctx) => {
  beforeEach(async () => {
    const { db } = ctx.current();
    await db.schema.createTable('paging_scratch', (t) => {
      t.string('organisation_id', 36).notNullable();
      t.string('id', 36).notNullable();
      t.string('name').notNullable();
      t.primary(['organisation_id', 'id']);
    });
    const rows = Array.from({ length: 30 }, (_, i) => ({ organisation_id: 'org-a', id: `a${String(i).padStart(2, '0')}`, name: i % 3 === 0 ? `match ${i}` : `other ${i}` }));
    await db('paging_scratch').insert([...rows, { organisation_id: 'org-b', id: 'b1', name: 'match elsewhere' }]);
  });

  const sortByName = (q: import('knex').Knex.QueryBuilder) => { q.orderBy('name').orderBy('id'); };

  for (const searching of [false, true]) {
    it(`when ${searching ? 'a search' : 'a plain list'} is paged, then every page has the right ids and the same total, past the end too`, async () => {
      const tdb = tenantDb(ctx.current().db, 'org-a');
      const base = () => tdb.from('paging_scratch').where('name', 'like', 'match%');
      const first = await pageIdsAndTotal(base(), 'id', sortByName, { page: 1, pageSize: 4, searching });
      const third = await pageIdsAndTotal(base(), 'id', sortByName, { page: 3, pageSize: 4, searching });
      const beyond = await pageIdsAndTotal(base(), 'id', sortByName, { page: 9, pageSize: 4, searching });
      expect(first.total).to.equal(10);
      expect(first.ids).to.deep.equal(['a00', 'a12', 'a15', 'a18']); // 'match 12' sorts before 'match 3'
      expect(third).to.deep.equal({ ids: ['a06', 'a09'], total: 10 });
      expect(beyond).to.deep.equal({ ids: [], total: 10 });
      const none = await pageIdsAndTotal(tdb.from('paging_scratch').where('name', 'nothing'), 'id', sortByName, { page: 1, pageSize: 4, searching });
      expect(none).to.deep.equal({ ids: [], total: 0 });
    });
  }
});
