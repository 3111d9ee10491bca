/**
 * Migration 20261203050100: every organisation gets an admin, the member who connected it first; an
 * organisation that has one keeps it; running it again changes nothing.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation, createTestUser } from '../../helpers/signed-in.js';
import { up } from '../../../migrations/20261203050100_membership-admins.js';
import type { Database } from '../../../src/db/database.js';

const rolesOf = async (db: Database, organisationId: string): Promise<string[]> =>
  (
    await db('memberships')
      .join('users', 'users.id', 'memberships.user_id')
      .where({ organisation_id: organisationId })
      .select('users.email', 'memberships.role')
  )
    .map((r: { email: string; role: string }) => `${r.email} ${r.role}`)
    .sort();

describeEachDialect('migration: membership admins', (ctx) => {
  it('when organisations have only members, then the earliest member of each becomes its admin, an existing admin is kept, and a re-run changes nothing', async () => {
    const { db } = ctx.current();
    const [first, second, kept] = [await createTestOrganisation(db), await createTestOrganisation(db), await createTestOrganisation(db)];
    await createTestUser(db, [], 'early@example.com');
    await createTestUser(db, [], 'late@example.com');
    await createTestUser(db, [], 'boss@example.com');
    const id = async (email: string): Promise<string> => (await db('users').where({ email }).first('id')).id;
    await db('memberships').insert([
      { user_id: await id('late@example.com'), organisation_id: first.id, created_at: '2026-11-02T00:00:00Z', role: 'member' },
      { user_id: await id('early@example.com'), organisation_id: first.id, created_at: '2026-11-01T00:00:00Z', role: 'member' },
      { user_id: await id('late@example.com'), organisation_id: second.id, created_at: '2026-11-03T00:00:00Z', role: 'member' },
      { user_id: await id('early@example.com'), organisation_id: kept.id, created_at: '2026-11-01T00:00:00Z', role: 'member' },
      { user_id: await id('boss@example.com'), organisation_id: kept.id, created_at: '2026-11-05T00:00:00Z', role: 'admin' },
    ]);
    await up(db);
    await up(db);
    expect(await rolesOf(db, first.id)).to.deep.equal(['early@example.com admin', 'late@example.com member']);
    expect(await rolesOf(db, second.id)).to.deep.equal(['late@example.com admin']);
    expect(await rolesOf(db, kept.id)).to.deep.equal(['boss@example.com admin', 'early@example.com member']);
  });
});
