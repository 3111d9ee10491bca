import type { Knex } from 'knex';

/**
 * The calls of the last minute per Xero organisation, shared by every app process (src/xero/call-pacer.ts
 * keeps a sliding minute: one row per call start, in ms since the epoch). PostgreSQL only: on SQLite the
 * one app process keeps them in memory. Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if ((knex.client as { dialect?: string }).dialect !== 'postgresql') return;
  await knex.raw('create table if not exists xero_call_minutes (key varchar(255) not null, at bigint not null)');
  await knex.raw('create index if not exists xero_call_minutes_key_at on xero_call_minutes (key, at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_call_minutes');
}
