import type { Knex } from 'knex';

/**
 * CRM products (Xero Items when sent): code unique per organisation, prices as integers scaled by
 * 10,000 (4 dp, like Xero's unitdp=4), account and tax codes chosen from the Xero settings cache,
 * an optional default supplier (a contact of the same organisation).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('products', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('code', 30).notNullable(); // Xero Item Code, ≤30
    // Trimmed, lower-cased code: uniqueness key (archived products keep their code, as Xero items do).
    t.string('code_key', 30).notNullable();
    t.string('name', 255).notNullable();
    t.string('name_key', 255).notNullable();
    t.text('description');
    t.bigInteger('sale_price');
    t.bigInteger('cost_price');
    t.string('sales_account_code', 10);
    t.string('purchases_account_code', 10);
    t.string('sales_tax_type', 64);
    t.string('purchases_tax_type', 64);
    t.string('default_supplier_id', 36);
    t.string('xero_item_id', 36);
    t.timestamp('archived_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.unique(['organisation_id', 'code_key'], { indexName: 'products_org_code_unique' });
    t.foreign(['organisation_id', 'default_supplier_id']).references(['organisation_id', 'id']).inTable('contacts');
    t.index(['organisation_id', 'name_key'], 'products_org_name_key_idx');
    t.index(['organisation_id', 'created_at'], 'products_org_created_idx');
    t.index(['organisation_id', 'default_supplier_id'], 'products_org_supplier_idx');
  });
  // An import must never link two products to one Xero item.
  await knex.raw('create unique index products_xero_item_unique on products (organisation_id, xero_item_id) where xero_item_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('products');
}
