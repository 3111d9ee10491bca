import type { Knex } from 'knex';

/**
 * The sales orders search matches contact names through a subquery (`contact_id in (select id from
 * contacts where name_key like ?)`, archived contacts included). With name_key and id in one index SQLite
 * answers it from the index alone; otherwise it reads every contact row of the organisation on each
 * search (bench/README.md).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists contacts_org_name_key_id_idx on contacts (organisation_id, name_key, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists contacts_org_name_key_id_idx');
}
