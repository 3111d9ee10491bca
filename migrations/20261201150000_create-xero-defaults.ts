import type { Knex } from 'knex';

/**
 * Per organisation, the defaults used when documents are sent to Xero (chosen on the Xero settings
 * page from the settings cache): statuses for new invoices and purchase orders, default sales and
 * purchases accounts and tax rates, branding theme, the invoice due-date rule, invoice numbering, and
 * one default option per tracking category. Codes are not foreign keys to the cache: a refresh replaces
 * cache rows wholesale, so codes are re-checked against the cache when saved and when read.
 */
export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('xero_defaults'))) {
    await knex.schema.createTable('xero_defaults', (t) => {
      t.string('organisation_id', 36).notNullable().primary().references('id').inTable('organisations').onDelete('CASCADE');
      t.string('invoice_status', 16).notNullable().defaultTo('DRAFT'); // DRAFT | SUBMITTED | AUTHORISED
      t.string('purchase_order_status', 16).notNullable().defaultTo('DRAFT'); // DRAFT | AUTHORISED
      t.string('sales_account_code', 10);
      t.string('sales_tax_type', 64);
      t.string('purchases_account_code', 10);
      t.string('purchases_tax_type', 64);
      t.string('branding_theme_id', 36);
      t.string('due_date_rule', 24).notNullable().defaultTo('contact_terms'); // contact_terms | days_after_invoice
      t.integer('due_days').notNullable().defaultTo(30);
      t.string('invoice_numbering', 16).notNullable().defaultTo('xero'); // xero | sales_order
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
  }
  if (!(await knex.schema.hasTable('xero_default_tracking'))) {
    await knex.schema.createTable('xero_default_tracking', (t) => {
      t.string('organisation_id', 36).notNullable().references('organisation_id').inTable('xero_defaults').onDelete('CASCADE');
      t.string('tracking_category_id', 36).notNullable();
      t.string('tracking_option_id', 36).notNullable();
      t.primary(['organisation_id', 'tracking_category_id']);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_default_tracking');
  await knex.schema.dropTableIfExists('xero_defaults');
}
