import type { Knex } from 'knex';

/**
 * Quotes and their lines. Amounts are integer cents; quantities and unit prices integers × 10,000;
 * discount and tax rates percent × 10,000. Totals are stored as computed on save (src/sales/totals.ts)
 * so lists can sum and sort them without recomputing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('quotes', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('number', 50).notNullable();
    t.string('contact_id', 36).notNullable();
    t.string('issue_date', 10).notNullable(); // ISO date text
    t.string('expiry_date', 10);
    t.string('currency', 3).notNullable();
    t.string('line_amount_types', 16).notNullable();
    t.string('reference', 255);
    t.text('notes');
    t.string('status', 16).notNullable().defaultTo('draft');
    t.bigInteger('sub_total').notNullable().defaultTo(0);
    t.bigInteger('total_tax').notNullable().defaultTo(0);
    t.bigInteger('total').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.unique(['organisation_id', 'number'], { indexName: 'quotes_org_number_unique' });
    t.foreign(['organisation_id', 'contact_id']).references(['organisation_id', 'id']).inTable('contacts');
    t.index(['organisation_id', 'issue_date'], 'quotes_org_date_idx');
    t.index(['organisation_id', 'status', 'issue_date'], 'quotes_org_status_date_idx');
    t.index(['organisation_id', 'contact_id'], 'quotes_org_contact_idx');
  });

  await knex.schema.createTable('quote_lines', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('quote_id', 36).notNullable();
    t.integer('position').notNullable();
    t.string('product_id', 36);
    t.text('description').notNullable();
    t.bigInteger('quantity').notNullable();
    t.bigInteger('unit_price').notNullable();
    t.integer('discount_rate').notNullable().defaultTo(0);
    t.string('account_code', 10);
    t.string('tax_type', 64);
    t.integer('tax_rate').notNullable().defaultTo(0); // the rate used for the stored totals
    t.string('tracking_option_1_id', 36);
    t.string('tracking_option_2_id', 36);
    t.bigInteger('line_amount').notNullable();
    t.bigInteger('tax_amount').notNullable();
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'quote_id']).references(['organisation_id', 'id']).inTable('quotes').onDelete('CASCADE');
    t.index(['organisation_id', 'quote_id', 'position'], 'quote_lines_org_quote_idx');
    t.index(['organisation_id', 'product_id'], 'quote_lines_org_product_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('quote_lines');
  await knex.schema.dropTableIfExists('quotes');
}
