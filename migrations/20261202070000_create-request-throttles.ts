import type { Knex } from 'knex';

/**
 * Counters of the request throttle shared by every app process (src/http/throttle.ts):
 * rate-limiter-flexible's table (key, points, expire in ms since the epoch). PostgreSQL only: on
 * SQLite the one app process keeps its counters in memory. Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if ((knex.client as { dialect?: string }).dialect !== 'postgresql') return;
  await knex.raw('create table if not exists request_throttles (key varchar(255) primary key, points integer not null default 0, expire bigint)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('request_throttles');
}
