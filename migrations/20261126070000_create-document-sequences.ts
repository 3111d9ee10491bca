import type { Knex } from 'knex';

/**
 * Per-organisation number sequences for quotes (QU-0001) and sales orders (SO-0001). The next number
 * is kept here rather than derived from max(number) because users may override numbers freely.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('document_sequences', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('kind', 32).notNullable(); // 'quote' | 'sales_order'
    t.integer('next_number').notNullable().defaultTo(1);
    t.primary(['organisation_id', 'kind']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('document_sequences');
}
