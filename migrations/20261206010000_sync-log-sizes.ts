import type { Knex } from 'knex';

/**
 * Each organisation's sync-log size (its xero_sync_operations rows), kept by triggers on insert and
 * delete (both dialects), so the log's pager knows its total without counting every entry: the last
 * page of a 50,000-entry log read 50,000 index entries to learn where it was (issue 18, bench/README.md).
 * PostgreSQL counts once a statement (a bulk send inserts up to 50 operations in one), SQLite once a
 * row; an organisation's row is made by its first entry. Stored logs are counted once here. Safe to re-run.
 */
const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('xero_sync_log_sizes'))) {
    await knex.schema.createTable('xero_sync_log_sizes', (t) => {
      t.string('organisation_id', 36).primary().references('id').inTable('organisations').onDelete('CASCADE');
      t.bigInteger('entries').notNullable();
    });
  }
  if (isPg(knex)) {
    await knex.raw(`create or replace function xero_sync_log_sizes_insert() returns trigger language plpgsql as $$
      begin
        insert into xero_sync_log_sizes (organisation_id, entries)
          select organisation_id, count(*) from added group by organisation_id
          on conflict (organisation_id) do update set entries = xero_sync_log_sizes.entries + excluded.entries;
        return null;
      end $$`);
    await knex.raw(`create or replace function xero_sync_log_sizes_delete() returns trigger language plpgsql as $$
      begin
        update xero_sync_log_sizes s set entries = s.entries - gone.n
          from (select organisation_id, count(*) as n from removed group by organisation_id) gone
          where s.organisation_id = gone.organisation_id;
        return null;
      end $$`);
    await knex.raw(`create or replace trigger xero_sync_log_sizes_insert after insert on xero_sync_operations
      referencing new table as added for each statement execute function xero_sync_log_sizes_insert()`);
    await knex.raw(`create or replace trigger xero_sync_log_sizes_delete after delete on xero_sync_operations
      referencing old table as removed for each statement execute function xero_sync_log_sizes_delete()`);
  } else {
    await knex.raw(`create trigger if not exists xero_sync_log_sizes_insert after insert on xero_sync_operations begin
      insert into xero_sync_log_sizes (organisation_id, entries) values (new.organisation_id, 1)
        on conflict (organisation_id) do update set entries = entries + 1;
      end`);
    await knex.raw(`create trigger if not exists xero_sync_log_sizes_delete after delete on xero_sync_operations begin
      update xero_sync_log_sizes set entries = entries - 1 where organisation_id = old.organisation_id;
      end`);
  }
  // Counted in the migration's transaction, so no entry written meanwhile is missed or counted twice.
  await knex('xero_sync_log_sizes').delete();
  await knex.raw(
    'insert into xero_sync_log_sizes (organisation_id, entries) select organisation_id, count(*) from xero_sync_operations group by organisation_id',
  );
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw('drop trigger if exists xero_sync_log_sizes_insert on xero_sync_operations');
    await knex.raw('drop trigger if exists xero_sync_log_sizes_delete on xero_sync_operations');
    await knex.raw('drop function if exists xero_sync_log_sizes_insert()');
    await knex.raw('drop function if exists xero_sync_log_sizes_delete()');
  } else {
    await knex.raw('drop trigger if exists xero_sync_log_sizes_insert');
    await knex.raw('drop trigger if exists xero_sync_log_sizes_delete');
  }
  await knex.schema.dropTableIfExists('xero_sync_log_sizes');
}
