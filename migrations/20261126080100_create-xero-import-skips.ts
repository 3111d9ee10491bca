import type { Knex } from 'knex';

/**
 * Why an import left a Xero record out (no id or name, a name or code another record holds), one row
 * per record and run, so the import page can tell the user rather than only count them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('xero_import_skips', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('run_id', 36).notNullable();
    t.integer('page').notNullable();
    t.string('xero_id', 36);
    // The record's name (contact) or code (item), as Xero has it.
    t.string('label', 255);
    t.string('reason', 500).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'run_id']).references(['organisation_id', 'id']).inTable('xero_import_runs').onDelete('CASCADE');
    t.index(['organisation_id', 'run_id', 'page'], 'xero_import_skips_org_run_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_import_skips');
}
