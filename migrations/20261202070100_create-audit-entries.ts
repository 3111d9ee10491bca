import type { Knex } from 'knex';

/** The audit trail (src/audit/): who did what to which record, when, per organisation. Safe to re-run. */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('audit_entries')) return;
  await knex.schema.createTable('audit_entries', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.primary(['organisation_id', 'id']);
    t.text('at').notNullable();
    t.string('user_id', 36).nullable();
    t.string('user_name', 255).notNullable();
    t.string('action', 32).notNullable();
    t.string('record_kind', 64).notNullable();
    t.string('record_id', 36).nullable();
    t.string('path', 255).notNullable();
    t.index(['organisation_id', 'at']);
    t.index(['organisation_id', 'record_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_entries');
}
