/**
 * Each organisation's sync-log size, kept by the database (migration 20261206010000, issue 18): the
 * triggers count every insert (one row, many rows in one statement) and delete, a refused insert counts
 * nothing, organisations never mix, and the migration counts a log stored before it. The sync log's
 * pager reads this size instead of counting the log (test/http/xero-sync/sync-log-pages.test.ts).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import type { Database } from '../../../src/db/database.js';
import { operationsRepository, type NewOperation } from '../../../src/xero-sync/operations-repository.js';
import * as syncLogSizes from '../../../migrations/20261206010000_sync-log-sizes.js';

const NOW = new Date('2026-12-02T09:00:00Z');

function operation(label: string, recordId = randomUUID()): NewOperation {
  return {
    id: randomUUID(),
    recordKind: 'contact',
    recordId,
    recordLabel: label,
    idempotencyKey: randomUUID(),
    requestedBy: null,
    requestedByName: 'Alice',
    now: NOW,
  };
}

async function sizes(db: Database): Promise<Record<string, number>> {
  const rows = (await db('xero_sync_log_sizes').select('organisation_id', 'entries')) as Array<{ organisation_id: string; entries: unknown }>;
  return Object.fromEntries(rows.map((r) => [r.organisation_id, Number(r.entries)]));
}

async function counted(db: Database): Promise<Record<string, number>> {
  const rows = (await db('xero_sync_operations').select('organisation_id').count({ n: '*' }).groupBy('organisation_id')) as Array<{
    organisation_id: string;
    n: unknown;
  }>;
  return Object.fromEntries(rows.map((r) => [r.organisation_id, Number(r.n)]));
}

describeEachDialect('sync log: sizes kept by the database (issue 18)', (ctx) => {
  it('when operations are added one at a time and many at once, refused, deleted, or their organisation is deleted, then each organisation keeps its own count', async () => {
    const { db } = ctx.current();
    const acme = await createTestOrganisation(db, 'Acme');
    const other = await createTestOrganisation(db, 'Other');
    const acmeOps = operationsRepository(tenantDb(db, acme.id));
    const otherOps = operationsRepository(tenantDb(db, other.id));
    expect(await sizes(db)).to.deep.equal({});

    const repeated = randomUUID();
    await acmeOps.insert(operation('Bluebird Cafe', repeated));
    await acmeOps.insertMany([operation('A'), operation('B'), operation('C')]);
    await otherOps.insertMany([operation('D'), operation('E')]);
    expect(await sizes(db)).to.deep.equal({ [acme.id]: 4, [other.id]: 2 });

    // A second unfinished send of the same record is refused by the unique index: nothing counted.
    let refused = false;
    await acmeOps.insert(operation('Bluebird Cafe again', repeated)).catch(() => (refused = true));
    expect(refused).to.equal(true);
    expect(await sizes(db)).to.deep.equal({ [acme.id]: 4, [other.id]: 2 });

    await db('xero_sync_operations').where({ organisation_id: acme.id }).whereIn('record_label', ['A', 'B']).delete();
    expect(await sizes(db)).to.deep.equal({ [acme.id]: 2, [other.id]: 2 });
    expect(await sizes(db)).to.deep.equal(await counted(db));

    await db('organisations').where({ id: other.id }).delete();
    expect(await sizes(db)).to.deep.equal({ [acme.id]: 2 });
  });

  it('when a log stored before the sizes were kept is migrated, then each organisation’s size is its count, and later entries add to it', async () => {
    const { db } = ctx.current();
    const acme = await createTestOrganisation(db, 'Acme');
    const other = await createTestOrganisation(db, 'Other');
    const empty = await createTestOrganisation(db, 'Empty');
    await syncLogSizes.down(db);
    await operationsRepository(tenantDb(db, acme.id)).insertMany(Array.from({ length: 7 }, (_, i) => operation(`Contact ${i}`)));
    await operationsRepository(tenantDb(db, other.id)).insert(operation('Zephyr Bikes'));

    await syncLogSizes.up(db);
    expect(await sizes(db)).to.deep.equal({ [acme.id]: 7, [other.id]: 1 });
    // Run again (safe to re-run): the same sizes, not doubled.
    await syncLogSizes.up(db);
    expect(await sizes(db)).to.deep.equal({ [acme.id]: 7, [other.id]: 1 });

    await operationsRepository(tenantDb(db, empty.id)).insert(operation('First'));
    await operationsRepository(tenantDb(db, acme.id)).insert(operation('Eighth'));
    expect(await sizes(db)).to.deep.equal({ [acme.id]: 8, [other.id]: 1, [empty.id]: 1 });
  });
});
