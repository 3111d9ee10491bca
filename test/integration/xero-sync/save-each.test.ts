import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb, type TenantDb } from '../../../src/db/tenant-db.js';
import { saveEach, SyncStop, type BatchOutcome } from '../../../src/xero-sync/index.js';

type Item = { opId: string; doc: string };
const items: Item[] = [1, 2, 3, 4].map((n) => ({ opId: `op${n}`, doc: `doc${n}` }));
/** Xero's answer to the batch call: the third element refused, the others saved. */
const answer = async () =>
  items.map((r, i) => (i === 2 ? { record: null, messages: ['Account code 299 is not valid.'] } : { record: { id: `x-${r.doc}` }, messages: [] }));
const line = (doc: string, fingerprint: string | null) => ({
  document_kind: 'sales_order',
  document_id: doc,
  position: 0,
  line_item_id: `li-${doc}`,
  fingerprint,
});

describeEachDialect('a batch call’s answers stored together (saveEach)', (ctx) => {
  it('when every saved answer is stored, then they are stored in one transaction and the refused one keeps Xero’s words', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    const out = new Map<string, BatchOutcome>();
    const seen: TenantDb[] = [];
    await saveEach(
      out,
      items,
      answer,
      async (r, saved, trx) => {
        seen.push(trx!);
        await trx!.insert('xero_sent_lines', line(r.doc, 'f'));
        return { kind: 'done', outcome: 'created', xeroId: saved.id, message: 'Created.' };
      },
      tdb,
    );
    expect(new Set(seen).size, 'one transaction for the three saved answers').to.equal(1);
    expect(seen[0]).to.not.equal(tdb);
    expect([...out].map(([id, o]) => [id, o.kind])).to.have.deep.members([
      ['op1', 'done'],
      ['op2', 'done'],
      ['op3', 'error'],
      ['op4', 'done'],
    ]);
    const refused = out.get('op3') as { kind: 'error'; error: Error };
    expect(refused.error.message).to.contain('Account code 299 is not valid.');
    expect(Number((await db('xero_sent_lines').where({ organisation_id: org.id }).count({ n: '*' }).first())!.n)).to.equal(3);
  });

  it('when storing one saved answer fails in the database, then none of them is stored and each says why (the retry finds them in Xero), while a stop of one record stays its own', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    const out = new Map<string, BatchOutcome>();
    await saveEach(
      out,
      items,
      answer,
      async (r, saved, trx) => {
        // The database refuses the fourth (fingerprint is NOT NULL) after the first two were written.
        await trx!.insert('xero_sent_lines', line(r.doc, r.doc === 'doc4' ? null : 'f'));
        return { kind: 'done', outcome: 'created', xeroId: saved.id, message: 'Created.' };
      },
      tdb,
    );
    expect([...out.values()].every((o) => o.kind === 'error')).to.equal(true);
    expect((out.get('op3') as { error: Error }).error.message).to.contain('Account code 299 is not valid.');
    expect(Number((await db('xero_sent_lines').where({ organisation_id: org.id }).count({ n: '*' }).first())!.n)).to.equal(0);

    const stopped = new Map<string, BatchOutcome>();
    await saveEach(
      stopped,
      items,
      answer,
      async (r, saved, trx) => {
        if (r.doc === 'doc2') throw new SyncStop('Xero answered with a different number of lines than were sent.', 'Press Refresh from Xero, then Retry.');
        await trx!.insert('xero_sent_lines', line(r.doc, 'f'));
        return { kind: 'done', outcome: 'created', xeroId: saved.id, message: 'Created.' };
      },
      tdb,
    );
    expect([...stopped].map(([id, o]) => [id, o.kind])).to.have.deep.members([
      ['op1', 'done'],
      ['op2', 'error'],
      ['op3', 'error'],
      ['op4', 'done'],
    ]);
    expect(Number((await db('xero_sent_lines').where({ organisation_id: org.id }).count({ n: '*' }).first())!.n)).to.equal(2);
  });
});
