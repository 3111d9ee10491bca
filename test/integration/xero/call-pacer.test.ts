import { expect } from 'chai';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createLogger } from '../../../src/common/logger.js';
import { callPacer } from '../../../src/xero/call-pacer.js';
import { defaultXeroLimiter } from '../../../src/xero/xero-services.js';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('Xero call pacer', (ctx) => {
  it("when one organisation waits for its minute budget, then another organisation's call in the same process goes at once", async () => {
    const { db } = ctx.current();
    const pacer = callPacer({ db, logger });
    pacer.pause('tenant-a', 1_500);
    await sleep(50);
    const started = Date.now();
    let aDoneAt = 0;
    const a = pacer.run('tenant-a', async () => {
      aDoneAt = Date.now();
    });
    const bDoneAt = await pacer.run('tenant-b', async () => Date.now());
    expect(bDoneAt - started, 'B waited').to.be.below(500);
    expect(aDoneAt, 'A ran before its pause ended').to.equal(0);
    await a;
    expect(aDoneAt - started).to.be.at.least(1_300);
  });

  it('when a call lasts longer than the slot window, then its slot is renewed and no sixth call gets in beside it', async () => {
    const { db } = ctx.current();
    const pacer = callPacer({ db, logger, slotMs: 600, limits: { concurrent: 1 } });
    let firstEnded = 0;
    const first = pacer.run('tenant-a', async () => {
      await sleep(1_500);
      firstEnded = Date.now();
    });
    await sleep(100);
    const secondStarted = await pacer.run('tenant-a', async () => Date.now());
    await first;
    expect(secondStarted, 'the second call went while the first still held the only slot').to.be.at.least(firstEnded);
  });

  it('when a process died holding all of an organisation’s slots, then another process calls again within the slot window (PostgreSQL, shared budgets)', async function () {
    const { db, dialect } = ctx.current();
    if (dialect !== 'pg') this.skip();
    // The dead process: its five slot keys taken, never renewed, never freed.
    const dead = new RateLimiterPostgres({
      storeClient: db,
      storeType: 'knex',
      tableName: 'xero_call_budgets',
      tableCreated: true,
      keyPrefix: 'xero-slot',
      points: 1,
      duration: 1,
    });
    for (let i = 0; i < 5; i++) await dead.consume(`tenant-a:${i}`, 1);
    const pacer = callPacer({ db, logger, slotMs: 1_000 });
    const started = Date.now();
    await pacer.run('tenant-a', async () => undefined);
    expect(Date.now() - started).to.be.within(0, 2_500);
  });

  it('when the database is PostgreSQL, then the default limiter of createXeroServices keeps its budgets in the database (shared by every process); on SQLite in memory', async () => {
    const { db, dialect } = ctx.current();
    expect(await defaultXeroLimiter(db, logger).run('tenant-a', async () => 'ran')).to.equal('ran');
    if (dialect === 'pg') {
      const keys = ((await db('xero_call_budgets').select('key')) as Array<{ key: string }>).map((r) => r.key);
      expect(keys).to.include.members(['xero-day:tenant-a']);
      // The sliding minute: one row per call start.
      expect(await db('xero_call_minutes').where({ key: 'tenant-a' }).count({ n: '*' })).to.deep.equal([{ n: '1' }]);
    } else {
      // SQLite runs one app process: the budgets need no table there (the migration creates it on PostgreSQL only).
      expect(await db.schema.hasTable('xero_call_budgets')).to.equal(false);
    }
  });
});
