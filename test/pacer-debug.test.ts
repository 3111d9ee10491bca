import { createTestDatabase } from './helpers/test-db.js';
import { callPacer } from '../src/xero/call-pacer.js';
import { createLogger } from '../src/common/logger.js';
for (const dialect of ['sqlite', 'pg'] as const) it(`pacer ${dialect} contention`, async function () {
  this.timeout(60000);
  const t = await createTestDatabase(dialect);
  try {
    const p = callPacer({ db: t.db, logger: createLogger('info'), limits: { minuteMs: 2000 } });
    const started = Date.now();
    let n = 0; let paused = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (Date.now() - started < 6000) {
        try { await p.run('t1', async () => { n++; await new Promise((r) => setTimeout(r, 20)); }); } catch (e) { paused++; }
      }
    }));
    console.log(dialect, 'calls', n, 'in', Date.now() - started, 'paused', paused);
  } finally { await t.destroy(); }
});
