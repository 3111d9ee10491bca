import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One Xero consent (token set) per user. Tokens are stored encrypted (AES-256-GCM), never plaintext.
  await knex.schema.createTable('xero_grants', (t) => {
    t.string('id', 36).primary();
    t.string('user_id', 36).notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('token_set_enc').notNullable();
    // The refresh token this one replaced, kept for Xero's 30-minute retry grace.
    t.text('previous_refresh_token_enc');
    t.timestamp('access_expires_at', { useTz: true }).notNullable();
    t.string('status', 32).notNullable().defaultTo('active');
    t.integer('version').notNullable().defaultTo(1);
    // A lease so that only one process refreshes a grant at a time (works on SQLite and PostgreSQL).
    t.string('refresh_lease_owner', 64);
    t.timestamp('refresh_lease_until', { useTz: true });
    t.timestamp('last_refreshed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id']);
  });

  // Which grant reaches which organisation, and Xero's connection id (used to disconnect).
  await knex.schema.createTable('xero_connections', (t) => {
    t.string('id', 64).primary();
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('grant_id', 36).notNullable().references('id').inTable('xero_grants').onDelete('CASCADE');
    t.string('status', 32).notNullable().defaultTo('active');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['organisation_id', 'status']);
    t.index(['grant_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_connections');
  await knex.schema.dropTableIfExists('xero_grants');
}
