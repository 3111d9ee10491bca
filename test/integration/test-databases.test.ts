import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { createTestDatabase, dialects } from '../helpers/test-db.js';

const migrationFiles = readdirSync(new URL('../../migrations', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .sort();

for (const dialect of dialects()) {
  describe(`Test databases copied from the run's migrated template [${dialect}]`, () => {
    it("when two test databases are made, then each has every migration applied and neither sees the other's rows", async () => {
      const first = await createTestDatabase(dialect);
      const second = await createTestDatabase(dialect);
      try {
        for (const t of [first, second]) {
          expect((await t.db('knex_migrations').orderBy('name').pluck('name')).map(String)).to.deep.equal(migrationFiles);
        }
        await first.db('organisations').insert({ id: 'o1', xero_tenant_id: 't1', name: 'Only In First' });
        expect(await second.db('organisations').select('name')).to.deep.equal([]);
        expect(await first.db('organisations').pluck('name')).to.deep.equal(['Only In First']);
      } finally {
        await first.destroy();
        await second.destroy();
      }
    });

    it('when a test asks for an unmigrated database, then it gets one with no tables (migration tests run them themselves)', async () => {
      const t = await createTestDatabase(dialect, { migrate: false });
      try {
        expect(await t.db.schema.hasTable('knex_migrations')).to.equal(false);
        expect(await t.db.schema.hasTable('organisations')).to.equal(false);
      } finally {
        await t.destroy();
      }
    });
  });
}
