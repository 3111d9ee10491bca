import type { Knex } from 'knex';

/**
 * A contract billed through Xero: its repeating invoices (every template it has had: Xero's API does
 * not change a template, so a re-send after a change deletes the old one and creates another, and the
 * invoices the old one generated still belong to the contract), the invoices Xero generated from them
 * (found by their RepeatingInvoiceID), and which of its files the user ticked to attach.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contract_repeating_invoices', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('repeating_invoice_id', 36).notNullable();
    t.string('contract_id', 36).notNullable();
    // DRAFT, AUTHORISED or DELETED, as Xero says.
    t.string('status', 16).notNullable();
    t.string('start_date', 10).notNullable();
    t.string('end_date', 10);
    t.string('next_scheduled_date', 10);
    t.string('fingerprint', 64).notNullable();
    // JSON: [{ fileId, fileName }] attached to this template.
    t.text('attached_files').notNullable().defaultTo('[]');
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.timestamp('read_at', { useTz: true });
    t.timestamp('deleted_at', { useTz: true });
    t.primary(['organisation_id', 'repeating_invoice_id']);
    t.foreign(['organisation_id', 'contract_id']).references(['organisation_id', 'id']).inTable('contracts').onDelete('CASCADE');
    t.index(['organisation_id', 'contract_id', 'sent_at'], 'contract_repeating_invoices_contract_idx');
  });
  await knex.schema.createTable('contract_xero_invoices', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('invoice_id', 36).notNullable();
    t.string('contract_id', 36).notNullable();
    t.string('repeating_invoice_id', 36).notNullable();
    t.string('number', 255);
    t.string('status', 16);
    t.string('invoice_date', 10);
    t.string('due_date', 10);
    t.string('currency', 3);
    t.bigInteger('total');
    t.bigInteger('amount_paid');
    t.bigInteger('amount_due');
    t.string('fully_paid_on', 10);
    // Xero's UpdatedDateUTC (ISO): an older answer never overwrites a newer one.
    t.string('xero_updated_at', 32);
    t.timestamp('read_at', { useTz: true }).notNullable();
    t.primary(['organisation_id', 'invoice_id']);
    t.foreign(['organisation_id', 'contract_id']).references(['organisation_id', 'id']).inTable('contracts').onDelete('CASCADE');
    t.index(['organisation_id', 'contract_id', 'invoice_date'], 'contract_xero_invoices_contract_idx');
  });
  await knex.schema.alterTable('contract_files', (t) => {
    t.boolean('attach_to_xero').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('contract_files', 'attach_to_xero')) {
    await knex.schema.alterTable('contract_files', (t) => {
      t.dropColumn('attach_to_xero');
    });
  }
  await knex.schema.dropTableIfExists('contract_xero_invoices');
  await knex.schema.dropTableIfExists('contract_repeating_invoices');
}
