import { expect } from 'chai';
import { describeEachDialect } from '../helpers/test-db.js';

describeEachDialect('concurrent transactions', (ctx) => {
  it('when 40 read-then-write transactions run at once, then none fails (no SQLITE_BUSY) and no update is lost', async () => {
    const { db } = ctx.current();
    await db.schema.createTable('counter_scratch', (t) => {
      t.integer('id').primary();
      t.integer('n').notNullable();
    });
    await db('counter_scratch').insert({ id: 1, n: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        db.transaction(async (trx) => {
          const row: { n: number } = await trx('counter_scratch').where({ id: 1 }).forUpdate().first();
          await new Promise((resolve) => setTimeout(resolve, 2));
          await trx('counter_scratch')
            .where({ id: 1 })
            .update({ n: Number(row.n) + 1 });
        }),
      ),
    );
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).to.deep.equal([]);
    expect(Number((await db('counter_scratch').first()).n)).to.equal(40);
  });
});
