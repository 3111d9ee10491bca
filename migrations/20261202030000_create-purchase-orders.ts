import type { Knex } from 'knex';

/**
 * Purchase orders (a document kind of src/documents: same line columns as quotes and sales orders),
 * with a supplier, delivery details, the sales order and project they belong to, and room for the
 * Xero purchase order they become once sent. `purchase_order_sources` remembers which sales order line
 * each purchase order line was made from ("Create purchase orders"), so a line already ordered is
 * marked and its estimated cost leaves the project's figures.
 *
 * `search_key` (contact name ‖ number ‖ reference) is kept by triggers, like quotes and sales orders
 * (20261126100100_document-search-keys); a contact's rename rewrites it through a trigger of its own.
 */
const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('purchase_orders', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('number', 50).notNullable();
    t.string('contact_id', 36).notNullable();
    t.string('project_id', 36);
    t.string('sales_order_id', 36);
    t.string('issue_date', 10).notNullable();
    t.string('delivery_date', 10);
    t.string('currency', 3).notNullable();
    t.string('line_amount_types', 16).notNullable();
    t.string('reference', 255);
    t.text('notes');
    t.string('status', 16).notNullable().defaultTo('draft');
    t.text('delivery_address');
    t.string('attention_to', 255);
    t.string('telephone', 50);
    t.text('delivery_instructions');
    t.bigInteger('sub_total').notNullable().defaultTo(0);
    t.bigInteger('total_tax').notNullable().defaultTo(0);
    t.bigInteger('total').notNullable().defaultTo(0);
    t.text('search_key').notNullable().defaultTo('');
    // The Xero purchase order, once sent.
    t.string('xero_purchase_order_id', 36);
    t.string('xero_number', 255);
    t.string('xero_status', 16);
    t.string('xero_sent_at', 40);
    t.string('xero_fingerprint', 64);
    t.string('xero_checked_at', 40);
    /** JSON: the LineItemIDs Xero gave the lines last sent, with what identifies each line. */
    t.text('xero_line_items');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.unique(['organisation_id', 'number'], { indexName: 'purchase_orders_org_number_unique' });
    t.foreign(['organisation_id', 'contact_id']).references(['organisation_id', 'id']).inTable('contacts');
    t.foreign(['organisation_id', 'project_id']).references(['organisation_id', 'id']).inTable('projects');
    t.foreign(['organisation_id', 'sales_order_id']).references(['organisation_id', 'id']).inTable('sales_orders');
    t.index(['organisation_id', 'status', 'issue_date'], 'purchase_orders_org_status_date_idx');
    t.index(['organisation_id', 'contact_id'], 'purchase_orders_org_contact_idx');
    t.index(['organisation_id', 'project_id'], 'purchase_orders_org_project_idx');
    t.index(['organisation_id', 'sales_order_id'], 'purchase_orders_org_sales_order_idx');
    t.index(['organisation_id', 'xero_purchase_order_id'], 'purchase_orders_org_xero_idx');
    t.index(['organisation_id', 'created_at'], 'purchase_orders_org_created_idx');
  });
  await knex.raw('create index purchase_orders_org_search_idx on purchase_orders (organisation_id, issue_date, number, id, contact_id, search_key)');

  await knex.schema.createTable('purchase_order_lines', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('purchase_order_id', 36).notNullable();
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
    t.foreign(['organisation_id', 'purchase_order_id']).references(['organisation_id', 'id']).inTable('purchase_orders').onDelete('CASCADE');
    t.index(['organisation_id', 'purchase_order_id', 'position'], 'purchase_order_lines_org_order_idx');
  });

  await knex.schema.createTable('purchase_order_sources', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('purchase_order_id', 36).notNullable();
    t.string('sales_order_id', 36).notNullable();
    t.string('sales_order_line_id', 36).notNullable();
    t.string('product_id', 36);
    t.text('description').notNullable();
    t.primary(['organisation_id', 'purchase_order_id', 'sales_order_line_id']);
    t.foreign(['organisation_id', 'purchase_order_id']).references(['organisation_id', 'id']).inTable('purchase_orders').onDelete('CASCADE');
    t.index(['organisation_id', 'sales_order_id'], 'purchase_order_sources_org_sales_order_idx');
  });

  if (isPg(knex)) {
    // documents_search_key() is the function quotes and sales orders use (20261126100100).
    await knex.raw(`create trigger purchase_orders_search_key before insert or update of number, reference, contact_id on purchase_orders
      for each row execute function documents_search_key()`);
    await knex.raw(`create or replace function contacts_purchase_orders_search_key() returns trigger language plpgsql as $$
      begin
        if new.name_key is distinct from old.name_key then
          update purchase_orders set search_key = new.name_key || chr(31) || lower(number) || chr(31) || lower(coalesce(reference, ''))
            where organisation_id = new.organisation_id and contact_id = new.id;
        end if;
        return new;
      end $$`);
    await knex.raw(`create trigger contacts_purchase_orders_search_key after update of name_key on contacts
      for each row execute function contacts_purchase_orders_search_key()`);
    return;
  }
  const setKey = `update purchase_orders set search_key = coalesce((select c.name_key from contacts c where c.organisation_id = new.organisation_id and c.id = new.contact_id), '')
      || char(31) || lower(new.number) || char(31) || lower(coalesce(new.reference, ''))
    where organisation_id = new.organisation_id and id = new.id;`;
  await knex.raw(`create trigger purchase_orders_search_key_insert after insert on purchase_orders begin ${setKey} end`);
  await knex.raw(`create trigger purchase_orders_search_key_update after update of number, reference, contact_id on purchase_orders begin ${setKey} end`);
  await knex.raw(`create trigger contacts_purchase_orders_search_key after update of name_key on contacts when new.name_key is not old.name_key begin
    update purchase_orders set search_key = new.name_key || char(31) || lower(number) || char(31) || lower(coalesce(reference, ''))
      where organisation_id = new.organisation_id and contact_id = new.id;
  end`);
}

export async function down(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  await knex.raw('drop trigger if exists contacts_purchase_orders_search_key' + (pg ? ' on contacts' : ''));
  if (pg) await knex.raw('drop function if exists contacts_purchase_orders_search_key()');
  await knex.schema.dropTableIfExists('purchase_order_sources');
  await knex.schema.dropTableIfExists('purchase_order_lines');
  await knex.schema.dropTableIfExists('purchase_orders');
}
