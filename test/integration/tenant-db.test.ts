import { expect } from 'chai';
import { describeEachDialect } from '../helpers/test-db.js';
import { tenantDb } from '../../src/db/tenant-db.js';

// The tenant handle is tested on a scratch table so it does not depend on any feature's schema.
describeEachDialect('tenant-scoped handle', (ctx) => {
  beforeEach(async () => {
    const { db } = ctx.current();
    await db.schema.createTable('scratch', (t) => {
      t.string('organisation_id', 36).notNullable();
      t.string('id', 36).notNullable();
      t.string('name').notNullable();
      t.primary(['organisation_id', 'id']);
    });
    await db('scratch').insert([
      { organisation_id: 'org-a', id: '1', name: 'Alpha' },
      { organisation_id: 'org-b', id: '2', name: 'Bravo' },
    ]);
  });

  it('when a caller adds a top-level orWhere, then rows of another organisation still stay out', async () => {
    const a = tenantDb(ctx.current().db, 'org-a');
    const rows = await a.from('scratch').where('name', 'Nope').orWhere('name', 'Bravo').select('id');
    expect(rows).to.deep.equal([]);
    const all = await a.from('scratch').where('id', '1').orWhere('id', '2').select('id', 'name');
    expect(all).to.deep.equal([{ id: '1', name: 'Alpha' }]);
  });

  it('when rows are inserted, then they are stamped with the organisation and a foreign stamp is refused', async () => {
    const a = tenantDb(ctx.current().db, 'org-a');
    await a.insert('scratch', { id: '3', name: 'Charlie' });
    const stored = await ctx.current().db('scratch').where({ id: '3' }).first();
    expect(stored.organisation_id).to.equal('org-a');
    let refused = false;
    try {
      await a.insert('scratch', { id: '4', name: 'Delta', organisation_id: 'org-b' });
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
    expect(await ctx.current().db('scratch').where({ id: '4' }).first()).to.equal(undefined);
  });

  it("when updating or deleting another organisation's row by id, then nothing changes", async () => {
    const a = tenantDb(ctx.current().db, 'org-a');
    expect(await a.update('scratch', { id: '2' }, { name: 'Hacked' })).to.equal(0);
    expect(await a.delete('scratch', { id: '2' })).to.equal(0);
    const bravo = await ctx.current().db('scratch').where({ id: '2' }).first();
    expect(bravo.name).to.equal('Bravo');
    expect(await a.count('scratch')).to.equal(1);
  });

  it('when a transaction fails part-way, then none of its writes remain', async () => {
    const a = tenantDb(ctx.current().db, 'org-a');
    let failed = false;
    try {
      await a.transaction(async (trx) => {
        await trx.insert('scratch', { id: '5', name: 'Echo' });
        await trx.insert('scratch', { id: '5', name: 'Duplicate key' });
      });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(await a.count('scratch', { id: '5' })).to.equal(0);
  });
});
