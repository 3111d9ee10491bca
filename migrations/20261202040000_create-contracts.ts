import type { Knex } from 'knex';

/**
 * Contracts (CT-0001) and their services lines. A contract is a document of the kit (src/documents):
 * `issue_date` is its start date and its lines have the kit's columns plus `unit_cost`, the cost per
 * billing period (× 10,000, like the unit price; null = the product's cost price). It may come from a
 * sales order and belong to a project. `search_key` is kept by triggers as for quotes and sales orders
 * (20261126100100_document-search-keys), so the kit's list search works the same.
 */
const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contracts', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('number', 50).notNullable();
    t.string('contact_id', 36).notNullable();
    t.string('title', 255).notNullable();
    t.string('sales_order_id', 36);
    t.string('project_id', 36);
    // The start date (the kit's list sorts and filters on issue_date).
    t.string('issue_date', 10).notNullable();
    // Null: open-ended.
    t.integer('term_months');
    t.string('end_date', 10);
    t.string('billing_frequency', 16).notNullable();
    t.string('first_invoice_date', 10).notNullable();
    t.integer('payment_terms_days').notNullable().defaultTo(0);
    t.string('payment_terms_type', 24).notNullable().defaultTo('DAYSAFTERBILLDATE');
    t.boolean('auto_renew').notNullable().defaultTo(false);
    t.integer('notice_days');
    t.string('renewal_date', 10);
    t.string('currency', 3).notNullable();
    t.string('line_amount_types', 16).notNullable();
    t.string('reference', 255);
    t.text('notes');
    t.string('status', 16).notNullable().defaultTo('draft');
    t.bigInteger('sub_total').notNullable().defaultTo(0);
    t.bigInteger('total_tax').notNullable().defaultTo(0);
    t.bigInteger('total').notNullable().defaultTo(0);
    t.text('search_key').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.unique(['organisation_id', 'number'], { indexName: 'contracts_org_number_unique' });
    t.foreign(['organisation_id', 'contact_id']).references(['organisation_id', 'id']).inTable('contacts');
    t.foreign(['organisation_id', 'project_id']).references(['organisation_id', 'id']).inTable('projects');
    t.foreign(['organisation_id', 'sales_order_id']).references(['organisation_id', 'id']).inTable('sales_orders');
    t.index(['organisation_id', 'status', 'renewal_date'], 'contracts_org_status_renewal_idx');
    t.index(['organisation_id', 'contact_id'], 'contracts_org_contact_idx');
    t.index(['organisation_id', 'project_id'], 'contracts_org_project_idx');
    t.index(['organisation_id', 'sales_order_id'], 'contracts_org_sales_order_idx');
    t.index(['organisation_id', 'issue_date', 'number', 'id', 'contact_id', 'search_key'], 'contracts_org_search_idx');
  });

  await knex.schema.createTable('contract_lines', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('contract_id', 36).notNullable();
    t.integer('position').notNullable();
    t.string('product_id', 36);
    t.text('description').notNullable();
    t.bigInteger('quantity').notNullable();
    t.bigInteger('unit_price').notNullable();
    t.bigInteger('unit_cost');
    t.integer('discount_rate').notNullable().defaultTo(0);
    t.string('account_code', 10);
    t.string('tax_type', 64);
    t.integer('tax_rate').notNullable().defaultTo(0);
    t.string('tracking_option_1_id', 36);
    t.string('tracking_option_2_id', 36);
    t.bigInteger('line_amount').notNullable();
    t.bigInteger('tax_amount').notNullable();
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'contract_id']).references(['organisation_id', 'id']).inTable('contracts').onDelete('CASCADE');
    t.index(['organisation_id', 'contract_id', 'position'], 'contract_lines_org_contract_idx');
    t.index(['organisation_id', 'product_id'], 'contract_lines_org_product_idx');
  });

  if (isPg(knex)) {
    // documents_search_key() is the function quotes and sales orders use.
    await knex.raw(`create or replace trigger contracts_search_key before insert or update of number, reference, contact_id on contracts
      for each row execute function documents_search_key()`);
    await knex.raw(`create or replace function contacts_contracts_search_key() returns trigger language plpgsql as $$
      begin
        if new.name_key is distinct from old.name_key then
          update contracts set search_key = new.name_key || chr(31) || lower(number) || chr(31) || lower(coalesce(reference, ''))
            where organisation_id = new.organisation_id and contact_id = new.id;
        end if;
        return new;
      end $$`);
    await knex.raw(`create or replace trigger contacts_contracts_search_key after update of name_key on contacts
      for each row execute function contacts_contracts_search_key()`);
    return;
  }
  const setKey = `update contracts set search_key = coalesce((select c.name_key from contacts c where c.organisation_id = new.organisation_id and c.id = new.contact_id), '')
      || char(31) || lower(new.number) || char(31) || lower(coalesce(new.reference, ''))
    where organisation_id = new.organisation_id and id = new.id;`;
  await knex.raw(`create trigger if not exists contracts_search_key_insert after insert on contracts begin ${setKey} end`);
  await knex.raw(`create trigger if not exists contracts_search_key_update after update of number, reference, contact_id on contracts begin ${setKey} end`);
  await knex.raw(`create trigger if not exists contacts_contracts_search_key after update of name_key on contacts when new.name_key is not old.name_key begin
    update contracts set search_key = new.name_key || char(31) || lower(number) || char(31) || lower(coalesce(reference, ''))
      where organisation_id = new.organisation_id and contact_id = new.id;
  end`);
}

export async function down(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  if (pg) {
    await knex.raw('drop trigger if exists contacts_contracts_search_key on contacts');
    await knex.raw('drop function if exists contacts_contracts_search_key()');
  } else {
    await knex.raw('drop trigger if exists contacts_contracts_search_key');
  }
  await knex.schema.dropTableIfExists('contract_lines');
  await knex.schema.dropTableIfExists('contracts');
}
