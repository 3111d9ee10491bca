import type { Knex } from 'knex';

/**
 * The safety-net poll of documents sent to Xero (src/xero-sync/sent-documents-poll.ts): per organisation
 * and document kind, when it is next due (a process claims it by moving this forward), the
 * If-Modified-Since of the next poll, and when it last ran and what it found. Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('xero_sent_document_polls')) return;
  await knex.schema.createTable('xero_sent_document_polls', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('kind', 32).notNullable();
    t.string('next_poll_at', 40).notNullable();
    t.string('modified_since', 40);
    t.string('last_polled_at', 40);
    t.text('last_result');
    t.primary(['organisation_id', 'kind']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_sent_document_polls');
}
