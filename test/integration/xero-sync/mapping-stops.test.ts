import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { refreshXeroSettings } from '../../../src/xero-settings/index.js';
import { checkMapping, mappingStops, type MappingUses } from '../../../src/xero-sync/index.js';
import { nzSettings } from '../xero-settings/in-memory-xero-settings-source.js';

const T1 = new Date('2026-11-26T01:00:00Z');

describeEachDialect('pre-send mapping check for a batch (mappingStops)', (ctx) => {
  it("when a batch's records are checked together, then each record gets exactly the stop checkMapping gives it alone, from one read of the cache", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    await refreshXeroSettings(tdb, nzSettings(), T1);
    const uses = new Map<string, MappingUses>([
      ['fine', { accountCodes: ['200'], taxTypes: ['OUTPUT2'], currencies: ['NZD'] }],
      ['archived account', { accountCodes: [{ value: '205', where: 'line 2' }], taxTypes: ['OUTPUT2'] }],
      ['deleted rate and unknown item', { taxTypes: ['OLDRATE'], itemCodes: ['NOPE'] }],
      ['archived tracking', { tracking: [{ category: 'Old Category', option: 'X', where: 'line 1' }] }],
      ['foreign currency', { currencies: ['JPY'] }],
    ]);
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', onQuery);
    const stops = await mappingStops(tdb, uses);
    db.off('query', onQuery);
    expect(statements.filter((sql) => /xero_accounts/.test(sql))).to.have.length(1);

    expect([...stops.keys()].sort()).to.deep.equal(['archived account', 'archived tracking', 'deleted rate and unknown item', 'foreign currency']);
    for (const [key, u] of uses) {
      const alone = await checkMapping(tdb, u).then(
        () => null,
        (error: unknown) => error,
      );
      const together = stops.get(key) ?? null;
      expect(together === null, key).to.equal(alone === null);
      if (together && alone instanceof Error) {
        expect(together.message, key).to.equal(alone.message);
        expect(together.advice, key).to.equal((alone as typeof together).advice);
      }
    }
    expect(stops.get('archived account')!.message).to.contain('Account 205 Old Sales (line 2) is archived in Xero.');
  });

  it('when no record uses anything the cache holds, then nothing is read', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', onQuery);
    const stops = await mappingStops(tenantDb(db, org.id), new Map([['a', { currencies: [null] }]]));
    db.off('query', onQuery);
    expect(stops.size).to.equal(0);
    expect(statements).to.deep.equal([]);
  });
});
