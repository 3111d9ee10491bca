import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { createLogger } from '../../../src/common/logger.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { callPacer } from '../../../src/xero/call-pacer.js';
import type { OrganisationGateway } from '../../../src/xero/index.js';
import { syncEngine, type RecordHandler } from '../../../src/xero-sync/index.js';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect("Sync worker: one organisation's wait never holds up another's sends", (ctx) => {
  it("when an organisation's operations wait for its minute budget, then another organisation's send is done at once by the same process", async function () {
    this.timeout(20_000);
    const { db } = ctx.current();
    const a = await createTestOrganisation(db, 'Busy Org');
    const b = await createTestOrganisation(db, 'Quiet Org');
    const pacer = callPacer({ db, logger });
    // One Xero call per send, through the pacer, as the gateway makes them.
    const probe: RecordHandler = {
      kind: 'probe',
      noun: 'Probe',
      href: (id) => `/probes/${id}`,
      xeroPath: (id) => `/Probes/${id}`,
      async send(sendCtx) {
        await pacer.run(sendCtx.organisation.xeroTenantId, async () => undefined);
        return { kind: 'done', outcome: 'created', xeroId: sendCtx.operation.recordId, message: 'Sent.' };
      },
    };
    const engine = syncEngine({ db, logger, gatewayFor: () => ({}) as OrganisationGateway, handlers: [probe], pollMs: 50 });
    const requester = { userId: null, name: 'Test' };
    // Busy Org's minute budget is spent for 5 s; it has more sends queued than a process's share for one organisation.
    pacer.pause(a.xeroTenantId, 5_000);
    await sleep(50);
    for (let i = 0; i < 12; i++) {
      await engine.forOrganisation(tenantDb(db, a.id)).enqueue({ recordKind: 'probe', recordId: `a-${i}`, recordLabel: `A ${i}`, requester });
    }
    await engine.forOrganisation(tenantDb(db, b.id)).enqueue({ recordKind: 'probe', recordId: 'b-0', recordLabel: 'B 0', requester });
    const started = Date.now();
    engine.worker.start();
    try {
      let bDone = 0;
      while (Date.now() - started < 10_000) {
        const op = await db('xero_sync_operations').where({ organisation_id: b.id, record_id: 'b-0' }).first();
        if (op.status === 'done') {
          bDone = Date.now();
          break;
        }
        await sleep(25);
      }
      // Well before Busy Org's budget comes back (a loaded machine's claims take a while; before, it waited the whole 5 s).
      expect(bDone - started, "Quiet Org's send waited on Busy Org").to.be.within(0, 2_500);
      const aDone = await db('xero_sync_operations').where({ organisation_id: a.id, status: 'done' }).count({ n: '*' });
      expect(Number(aDone[0]!.n), "Busy Org's sends went before its budget came back").to.equal(0);
      const running = await db('xero_sync_operations').where({ organisation_id: a.id, status: 'running' }).count({ n: '*' });
      expect(Number(running[0]!.n), "Busy Org holds no more than its share (5) of the process's work").to.be.within(1, 5);
    } finally {
      await engine.worker.stop();
    }
    const done = await db('xero_sync_operations').where({ organisation_id: a.id, status: 'done' }).count({ n: '*' });
    expect(Number(done[0]!.n)).to.be.at.least(5);
  });
});
