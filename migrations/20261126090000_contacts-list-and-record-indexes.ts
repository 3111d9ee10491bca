import type { Knex } from 'knex';

/**
 * Indexes the contacts pages need at 10,000 contacts per organisation (bench/README.md has the plans
 * and figures).
 *
 * - A company's record page lists its people by name (`company_id = ? and kind = 'person' order by
 *   name_key`). With only (organisation_id, company_id) and (organisation_id, name_key) to choose from,
 *   SQLite walks the whole organisation in name order to skip the sort; with both columns in one index
 *   it reads just that company's people, already in order.
 * - The list and search count active contacts and filter them by name or email. An index holding
 *   exactly the columns those statements read (archived_at too, or SQLite will not treat it as
 *   covering) lets them read the index alone instead of every contact row of the organisation.
 *   Partial, like contacts_active_name_unique, so archived contacts cost nothing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists contacts_org_company_name_idx on contacts (organisation_id, company_id, name_key)');
  await knex.raw(
    'create index if not exists contacts_active_list_idx on contacts (organisation_id, name_key, id, email, company_id, archived_at) where archived_at is null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists contacts_active_list_idx');
  await knex.raw('drop index if exists contacts_org_company_name_idx');
}
