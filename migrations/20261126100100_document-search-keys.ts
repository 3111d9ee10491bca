import type { Knex } from 'knex';

/**
 * Quotes and sales orders are searched by number, reference and their contact's name. Matching the
 * contact's name through `contact_id in (contacts whose name_key contains …)` cost a scan of every
 * contact of the organisation plus a probe per document, on every search (bench/README.md). Each
 * document now carries `search_key` = contact name_key ‖ U+001F ‖ lower(number) ‖ U+001F ‖
 * lower(reference), and the search is one `LIKE` on it, read from the list index.
 *
 * The database keeps the key, so no write path can forget it: triggers set it when a document is
 * written (number, reference or contact changed) and rewrite it on the contact's documents when a
 * contact's name_key changes. (The separator cannot be typed into a search box, so a match never spans
 * two fields.)
 */
const TABLES = ['quotes', 'sales_orders'] as const;

const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  const sep = pg ? 'chr(31)' : 'char(31)';
  for (const table of TABLES) {
    if (!(await knex.schema.hasColumn(table, 'search_key'))) await knex.schema.alterTable(table, (t) => { t.text('search_key').notNullable().defaultTo(''); });
    await knex.raw(`update ${table} set search_key = coalesce((select c.name_key from contacts c where c.organisation_id = ${table}.organisation_id and c.id = ${table}.contact_id), '')
      || ${sep} || lower(number) || ${sep} || lower(coalesce(reference, ''))`);
    // Covers the list page, its search and its total; replaces <table>_org_list_id_idx.
    await knex.raw(`create index if not exists ${table}_org_search_idx on ${table} (organisation_id, issue_date, number, id, contact_id, search_key)`);
    await knex.raw(`drop index if exists ${table}_org_list_id_idx`);
  }
  if (pg) {
    await knex.raw(`create or replace function documents_search_key() returns trigger language plpgsql as $$
      begin
        new.search_key := coalesce((select c.name_key from contacts c where c.organisation_id = new.organisation_id and c.id = new.contact_id), '')
          || chr(31) || lower(new.number) || chr(31) || lower(coalesce(new.reference, ''));
        return new;
      end $$`);
    for (const table of TABLES) {
      await knex.raw(`create or replace trigger ${table}_search_key before insert or update of number, reference, contact_id on ${table}
        for each row execute function documents_search_key()`);
    }
    await knex.raw(`create or replace function contacts_documents_search_key() returns trigger language plpgsql as $$
      begin
        if new.name_key is distinct from old.name_key then
          update quotes set search_key = new.name_key || chr(31) || lower(number) || chr(31) || lower(coalesce(reference, ''))
            where organisation_id = new.organisation_id and contact_id = new.id;
          update sales_orders set search_key = new.name_key || chr(31) || lower(number) || chr(31) || lower(coalesce(reference, ''))
            where organisation_id = new.organisation_id and contact_id = new.id;
        end if;
        return new;
      end $$`);
    await knex.raw(`create or replace trigger contacts_documents_search_key after update of name_key on contacts
      for each row execute function contacts_documents_search_key()`);
    return;
  }
  for (const table of TABLES) {
    const setKey = `update ${table} set search_key = coalesce((select c.name_key from contacts c where c.organisation_id = new.organisation_id and c.id = new.contact_id), '')
        || char(31) || lower(new.number) || char(31) || lower(coalesce(new.reference, ''))
      where organisation_id = new.organisation_id and id = new.id;`;
    await knex.raw(`create trigger if not exists ${table}_search_key_insert after insert on ${table} begin ${setKey} end`);
    await knex.raw(`create trigger if not exists ${table}_search_key_update after update of number, reference, contact_id on ${table} begin ${setKey} end`);
  }
  await knex.raw(`create trigger if not exists contacts_documents_search_key after update of name_key on contacts when new.name_key is not old.name_key begin
    update quotes set search_key = new.name_key || char(31) || lower(number) || char(31) || lower(coalesce(reference, ''))
      where organisation_id = new.organisation_id and contact_id = new.id;
    update sales_orders set search_key = new.name_key || char(31) || lower(number) || char(31) || lower(coalesce(reference, ''))
      where organisation_id = new.organisation_id and contact_id = new.id;
  end`);
}

export async function down(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  await knex.raw('drop trigger if exists contacts_documents_search_key' + (pg ? ' on contacts' : ''));
  if (pg) await knex.raw('drop function if exists contacts_documents_search_key()');
  for (const table of TABLES) {
    if (pg) {
      await knex.raw(`drop trigger if exists ${table}_search_key on ${table}`);
    } else {
      await knex.raw(`drop trigger if exists ${table}_search_key_insert`);
      await knex.raw(`drop trigger if exists ${table}_search_key_update`);
    }
    await knex.raw(`create index if not exists ${table}_org_list_id_idx on ${table} (organisation_id, issue_date, number, reference, contact_id, id)`);
    await knex.raw(`drop index if exists ${table}_org_search_idx`);
    // Plain DROP COLUMN (SQLite ≥ 3.35): knex's SQLite fallback rebuilds the table.
    await knex.raw(`alter table ${table} drop column search_key`);
  }
  if (pg) await knex.raw('drop function if exists documents_search_key()');
}
