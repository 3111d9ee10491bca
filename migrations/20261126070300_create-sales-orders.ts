import type { Knex } from 'knex';

/**
 * Sales orders and their lines (same units as quotes), optionally in a project and made from a quote,
 * with room for the Xero invoice they become once sent.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sales_orders', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('number', 50).notNullable();
    t.string('contact_id', 36).notNullable();
    t.string('project_id', 36);
    t.string('quote_id', 36);
    t.string('issue_date', 10).notNullable();
    t.string('due_date', 10);
    t.string('currency', 3).notNullable();
    t.string('line_amount_types', 16).notNullable();
    t.string('reference', 255);
    t.text('notes');
    t.string('status', 16).notNullable().defaultTo('open');
    t.text('delivery_address');
    t.string('delivery_date', 10);
    t.text('delivery_instructions');
    t.bigInteger('sub_total').notNullable().defaultTo(0);
    t.bigInteger('total_tax').notNullable().defaultTo(0);
    t.bigInteger('total').notNullable().defaultTo(0);
    // The Xero invoice, once sent (filled by the sync in a later issue).
    t.string('xero_invoice_id', 36);
    t.string('xero_invoice_number', 255);
    t.string('xero_invoice_status', 16);
    t.bigInteger('xero_amount_paid');
    t.bigInteger('xero_amount_due');
    t.string('xero_paid_date', 10);
    t.string('xero_invoice_url', 500);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.unique(['organisation_id', 'number'], { indexName: 'sales_orders_org_number_unique' });
    t.foreign(['organisation_id', 'contact_id']).references(['organisation_id', 'id']).inTable('contacts');
    t.foreign(['organisation_id', 'project_id']).references(['organisation_id', 'id']).inTable('projects');
    t.foreign(['organisation_id', 'quote_id']).references(['organisation_id', 'id']).inTable('quotes');
    t.index(['organisation_id', 'issue_date'], 'sales_orders_org_date_idx');
    t.index(['organisation_id', 'status', 'issue_date'], 'sales_orders_org_status_date_idx');
    t.index(['organisation_id', 'contact_id'], 'sales_orders_org_contact_idx');
    t.index(['organisation_id', 'project_id'], 'sales_orders_org_project_idx');
    t.index(['organisation_id', 'quote_id'], 'sales_orders_org_quote_idx');
  });

  await knex.schema.createTable('sales_order_lines', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('sales_order_id', 36).notNullable();
    t.integer('position').notNullable();
    t.string('product_id', 36);
    t.text('description').notNullable();
    t.bigInteger('quantity').notNullable();
    t.bigInteger('unit_price').notNullable();
    t.integer('discount_rate').notNullable().defaultTo(0);
    t.string('account_code', 10);
    t.string('tax_type', 64);
    t.integer('tax_rate').notNullable().defaultTo(0);
    t.string('tracking_option_1_id', 36);
    t.string('tracking_option_2_id', 36);
    t.bigInteger('line_amount').notNullable();
    t.bigInteger('tax_amount').notNullable();
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'sales_order_id']).references(['organisation_id', 'id']).inTable('sales_orders').onDelete('CASCADE');
    t.index(['organisation_id', 'sales_order_id', 'position'], 'sales_order_lines_org_order_idx');
    t.index(['organisation_id', 'product_id'], 'sales_order_lines_org_product_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sales_order_lines');
  await knex.schema.dropTableIfExists('sales_orders');
}
