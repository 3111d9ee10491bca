import type { Knex } from 'knex';

/**
 * The lines of a document as last sent to Xero, for any document kind (sales orders as invoices,
 * purchase orders, repeating invoices): Xero's LineItemID and the fingerprint of what was sent per line,
 * in order. A re-send matches the document's lines to these (src/xero/mappers/line-items.ts) so Xero
 * updates its lines instead of recreating them. Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('xero_sent_lines')) return;
  await knex.schema.createTable('xero_sent_lines', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('document_kind', 32).notNullable(); // 'sales_order', 'purchase_order', …
    t.string('document_id', 36).notNullable();
    t.integer('position').notNullable();
    t.string('line_item_id', 36).notNullable();
    t.string('fingerprint', 100).notNullable();
    t.primary(['organisation_id', 'document_kind', 'document_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_sent_lines');
}
