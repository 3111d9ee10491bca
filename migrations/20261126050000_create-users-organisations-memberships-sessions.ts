import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.string('id', 36).primary();
    t.string('xero_user_id', 64).notNullable().unique();
    t.string('email', 320).notNullable();
    t.string('first_name', 200).notNullable().defaultTo('');
    t.string('last_name', 200).notNullable().defaultTo('');
    t.timestamp('last_sign_in_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // An organisation is one Xero tenant; every CRM record belongs to exactly one.
  await knex.schema.createTable('organisations', (t) => {
    t.string('id', 36).primary();
    t.string('xero_tenant_id', 64).notNullable().unique();
    t.string('name', 255).notNullable();
    t.string('short_code', 32);
    t.string('base_currency', 3);
    t.string('country_code', 2);
    t.string('status', 32).notNullable().defaultTo('connected');
    t.timestamp('last_xero_success_at', { useTz: true });
    t.timestamp('last_checked_at', { useTz: true });
    t.text('last_xero_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('memberships', (t) => {
    t.string('user_id', 36).notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('role', 32).notNullable().defaultTo('member');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'organisation_id']);
    t.index(['organisation_id']);
  });

  // The shape connect-session-knex expects (it is told not to create its own).
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid', 255).primary();
    t.json('sess').notNullable();
    t.timestamp('expired', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sessions');
  await knex.schema.dropTableIfExists('memberships');
  await knex.schema.dropTableIfExists('organisations');
  await knex.schema.dropTableIfExists('users');
}
