import type { Knex } from 'knex';

/**
 * Each organisation gets an admin (memberships.role = 'admin'): the member who connected it first (the
 * earliest membership). Admins read the audit trail; sign-in makes the first member of an organisation
 * without one its admin from now on. Only organisations with no admin are touched, so it is safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`update memberships set role = 'admin'
    where not exists (select 1 from memberships a where a.organisation_id = memberships.organisation_id and a.role = 'admin')
      and user_id = (select f.user_id from memberships f where f.organisation_id = memberships.organisation_id order by f.created_at, f.user_id limit 1)`);
}

export async function down(knex: Knex): Promise<void> {
  // Before this migration every membership was a plain member.
  await knex('memberships').where({ role: 'admin' }).update({ role: 'member' });
}
