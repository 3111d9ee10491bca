import type { Knex } from 'knex';

/**
 * Contacts are searched by name or email. Two `LIKE`s per contact (name_key, email) cost ~40% more than
 * one on a single key (bench/README.md), so each contact now carries `search_key` = name_key ‖ U+001F ‖
 * lower(email), kept by triggers on insert and on a change of name_key or email (both dialects), and
 * the active contacts' list index carries it instead of email: the page, the search and the total are
 * read from the index alone. (The separator cannot be typed into a search box, so a match never spans
 * the name and the email.)
 */
const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  const sep = pg ? 'chr(31)' : 'char(31)';
  if (!(await knex.schema.hasColumn('contacts', 'search_key'))) await knex.schema.alterTable('contacts', (t) => { t.text('search_key').notNullable().defaultTo(''); });
  await knex.raw(`update contacts set search_key = name_key || ${sep} || lower(coalesce(email, ''))`);
  // `archived_at` is in the columns only because SQLite does not treat a partial index as covering otherwise.
  await knex.raw('create index if not exists contacts_active_search_idx on contacts (organisation_id, name_key, id, search_key, archived_at) where archived_at is null');
  await knex.raw('drop index if exists contacts_active_list_idx');
  if (pg) {
    await knex.raw(`create or replace function contacts_search_key() returns trigger language plpgsql as $$
      begin
        new.search_key := new.name_key || chr(31) || lower(coalesce(new.email, ''));
        return new;
      end $$`);
    await knex.raw('create or replace trigger contacts_search_key before insert or update of name_key, email on contacts for each row execute function contacts_search_key()');
    return;
  }
  const setKey = `update contacts set search_key = new.name_key || char(31) || lower(coalesce(new.email, ''))
    where organisation_id = new.organisation_id and id = new.id;`;
  await knex.raw(`create trigger if not exists contacts_search_key_insert after insert on contacts begin ${setKey} end`);
  await knex.raw(`create trigger if not exists contacts_search_key_update after update of name_key, email on contacts begin ${setKey} end`);
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw('drop trigger if exists contacts_search_key on contacts');
    await knex.raw('drop function if exists contacts_search_key()');
  } else {
    await knex.raw('drop trigger if exists contacts_search_key_insert');
    await knex.raw('drop trigger if exists contacts_search_key_update');
  }
  await knex.raw('create index if not exists contacts_active_list_idx on contacts (organisation_id, name_key, id, email, company_id, archived_at) where archived_at is null');
  await knex.raw('drop index if exists contacts_active_search_idx');
  // Plain DROP COLUMN (SQLite ≥ 3.35): knex's SQLite fallback rebuilds the table, which other tables' triggers forbid.
  await knex.raw('alter table contacts drop column search_key');
}
