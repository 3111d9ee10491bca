/**
 * PostgreSQL reads run as named statements kept per connection (src/db/pg-client.ts, issue 18): the
 * same read with other values gets its own rows from one statement that PostgreSQL's plan cache serves
 * (generic plans, no planning), writes and searches stay unnamed, no more than STATEMENTS_KEPT are kept
 * (the oldest deallocated), and a read prepared before its table changed shape runs again. PostgreSQL
 * only: skipped without TEST_DATABASE_URL.
 */
import { expect } from 'chai';
import knex from 'knex';
import { knexConfig, type Database } from '../../src/db/database.js';
import { STATEMENTS_KEPT, statementsKept } from '../../src/db/pg-client.js';
import { createTestDatabase, postgresUrl, type TestDatabase } from '../helpers/test-db.js';

interface Client {
  acquireConnection(): Promise<object>;
  releaseConnection(connection: object): Promise<void>;
}

(postgresUrl() ? describe : describe.skip)('PostgreSQL reads as named statements kept per connection', () => {
  let test: TestDatabase;
  let db: Database;

  /** The pool's one connection, borrowed for a look at its statements. */
  async function keptNow(): Promise<string[]> {
    const client = db.client as unknown as Client;
    const connection = await client.acquireConnection();
    await client.releaseConnection(connection);
    return statementsKept(connection);
  }
  const prepared = async (): Promise<Array<{ name: string; generic_plans: number; custom_plans: number }>> =>
    ((await db.raw('select name, generic_plans::int, custom_plans::int from pg_prepared_statements order by name')) as { rows: [] }).rows;

  beforeEach(async () => {
    test = await createTestDatabase('pg', { migrate: false });
    // One connection, so every statement below is on the connection the checks look at.
    db = knex({ ...knexConfig(test.settings), pool: { min: 1, max: 1 } });
    await db.schema.createTable('things', (t) => {
      t.increments('id');
      t.string('name').notNullable();
      t.integer('size');
    });
    await db('things').insert(Array.from({ length: 50 }, (_, i) => ({ name: `thing ${i}`, size: i })));
  });

  afterEach(async () => {
    await db.destroy();
    await test.destroy();
  });

  it('when the same read runs with other values, then each gets its own rows from one named statement, planned once and then served by the plan cache', async () => {
    for (let i = 0; i < 12; i += 1) {
      const row = (await db('things').where({ size: i }).first('name')) as { name: string } | undefined;
      expect(row?.name).to.equal(`thing ${i}`);
    }
    const names = await keptNow();
    expect(names).to.have.length(1);
    const [statement] = await prepared();
    expect(statement?.name).to.equal(names[0]);
    // PostgreSQL plans the first runs for their values, then keeps one generic plan: no more planning.
    expect((statement?.generic_plans ?? 0) + (statement?.custom_plans ?? 0)).to.equal(12);
    expect(statement?.generic_plans).to.be.greaterThan(0);
  });

  it('when rows are written or searched, then those statements are not named', async () => {
    await db('things').insert({ name: 'alpha', size: 1 });
    await db('things').where({ name: 'alpha' }).update({ size: 2 });
    await db('things').where({ name: 'alpha' }).delete();
    expect(await db('things').where('name', 'like', '%ing 4%').pluck('name')).to.have.length(11);
    expect(await db('things').where('name', 'ilike', '%ING 4%').pluck('name')).to.have.length(11);
    expect(await keptNow()).to.deep.equal([]);
    expect(await prepared()).to.deep.equal([]);
  });

  it('when more distinct reads run than it keeps, then every one is right and only the latest STATEMENTS_KEPT stay prepared', async () => {
    for (let i = 0; i < STATEMENTS_KEPT + 20; i += 1) {
      const row = (await db('things')
        .where({ size: 7 })
        .first(db.raw(`size + ${i} as n`))) as { n: number } | undefined;
      expect(row?.n).to.equal(7 + i);
    }
    const names = await keptNow();
    expect(names).to.have.length(STATEMENTS_KEPT);
    expect((await prepared()).map((s) => s.name).sort()).to.deep.equal([...names].sort());
  });

  it('when a table changes shape after a read of it was prepared, then the read runs again with the new column', async () => {
    const read = () => db('things').where({ size: 3 }).select('*');
    expect(await read()).to.deep.equal([{ id: 4, name: 'thing 3', size: 3 }]);
    await db.schema.alterTable('things', (t) => {
      t.string('colour');
    });
    await db('things').where({ size: 3 }).update({ colour: 'red' });
    expect(await read()).to.deep.equal([{ id: 4, name: 'thing 3', size: 3, colour: 'red' }]);
    expect(await read()).to.deep.equal([{ id: 4, name: 'thing 3', size: 3, colour: 'red' }]);
  });
});
