import type { Knex } from 'knex';

/**
 * A contract's files: uploads (PDF, Word, Excel, PNG, JPEG, text; ≤ 10 MB, checked by content) and the
 * contract documents Ledgerside generates (versioned). The bytes live in the database so that every app
 * process on one PostgreSQL database serves the same files (bytea; a blob on SQLite).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contract_files', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('contract_id', 36).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('content_type', 127).notNullable();
    t.integer('size_bytes').notNullable();
    t.binary('content').notNullable();
    // 'upload' or 'generated' (the contract document, numbered by `version`).
    t.string('source', 16).notNullable();
    t.integer('version');
    t.string('added_by_name', 255);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'contract_id']).references(['organisation_id', 'id']).inTable('contracts').onDelete('CASCADE');
    t.index(['organisation_id', 'contract_id', 'created_at'], 'contract_files_org_contract_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('contract_files');
}
