import type { Knex } from 'knex';

/**
 * Per organisation, cached copies of the Xero settings that forms offer as dropdowns (accounts, tax
 * rates, items, currencies, tracking categories and options, branding themes), and when each kind was
 * last refreshed. Xero's own ids are the keys, scoped by organisation.
 */
const org = (t: Knex.CreateTableBuilder) =>
  t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('xero_accounts', (t) => {
    org(t);
    t.string('account_id', 36).notNullable();
    t.string('code', 10); // bank accounts may have no code
    t.string('name', 150).notNullable();
    t.string('type', 32).notNullable();
    t.string('class', 16);
    t.string('tax_type', 64);
    t.string('status', 16).notNullable();
    t.boolean('enable_payments').notNullable().defaultTo(false);
    t.timestamp('updated_date_utc', { useTz: true });
    t.primary(['organisation_id', 'account_id']);
    t.index(['organisation_id', 'code'], 'xero_accounts_org_code_idx');
  });

  await knex.schema.createTable('xero_tax_rates', (t) => {
    org(t);
    t.string('tax_type', 64).notNullable();
    t.string('name', 255).notNullable();
    // Kept as decimal text (e.g. "15.0000"): never a float in the database.
    t.string('effective_rate', 32);
    t.string('display_tax_rate', 32);
    t.string('status', 16).notNullable();
    t.boolean('can_apply_to_revenue').notNullable().defaultTo(false);
    t.boolean('can_apply_to_expenses').notNullable().defaultTo(false);
    t.boolean('can_apply_to_assets').notNullable().defaultTo(false);
    t.boolean('can_apply_to_liabilities').notNullable().defaultTo(false);
    t.primary(['organisation_id', 'tax_type']);
  });

  await knex.schema.createTable('xero_items', (t) => {
    org(t);
    t.string('item_id', 36).notNullable();
    t.string('code', 30).notNullable();
    t.string('name', 255);
    t.text('description');
    t.boolean('is_sold').notNullable().defaultTo(false);
    t.boolean('is_purchased').notNullable().defaultTo(false);
    // Unit prices as integers scaled by 10,000 (4 dp, like Xero's unitdp=4).
    t.bigInteger('sales_unit_price');
    t.string('sales_account_code', 10);
    t.string('sales_tax_type', 64);
    t.bigInteger('purchase_unit_price');
    t.string('purchase_account_code', 10);
    t.string('purchase_tax_type', 64);
    t.timestamp('updated_date_utc', { useTz: true });
    t.primary(['organisation_id', 'item_id']);
    t.index(['organisation_id', 'code'], 'xero_items_org_code_idx');
  });

  await knex.schema.createTable('xero_currencies', (t) => {
    org(t);
    t.string('code', 3).notNullable();
    t.string('description', 100);
    t.primary(['organisation_id', 'code']);
  });

  await knex.schema.createTable('xero_tracking_categories', (t) => {
    org(t);
    t.string('tracking_category_id', 36).notNullable();
    t.string('name', 100).notNullable();
    t.string('status', 16).notNullable();
    t.primary(['organisation_id', 'tracking_category_id']);
  });

  await knex.schema.createTable('xero_tracking_options', (t) => {
    org(t);
    t.string('tracking_option_id', 36).notNullable();
    t.string('tracking_category_id', 36).notNullable();
    t.string('name', 100).notNullable();
    t.string('status', 16).notNullable();
    t.primary(['organisation_id', 'tracking_option_id']);
    t.foreign(['organisation_id', 'tracking_category_id']).references(['organisation_id', 'tracking_category_id'])
      .inTable('xero_tracking_categories').onDelete('CASCADE');
    t.index(['organisation_id', 'tracking_category_id'], 'xero_tracking_options_org_category_idx');
  });

  await knex.schema.createTable('xero_branding_themes', (t) => {
    org(t);
    t.string('branding_theme_id', 36).notNullable();
    t.string('name', 255).notNullable();
    t.string('type', 32);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('created_date_utc', { useTz: true });
    t.primary(['organisation_id', 'branding_theme_id']);
  });

  // One row per organisation and kind ('accounts', 'tax_rates', …).
  await knex.schema.createTable('xero_settings_sync', (t) => {
    org(t);
    t.string('kind', 32).notNullable();
    t.timestamp('last_refreshed_at', { useTz: true }).notNullable();
    // The newest UpdatedDateUTC seen, sent back as If-Modified-Since (accounts and items).
    t.timestamp('last_modified_seen', { useTz: true });
    t.primary(['organisation_id', 'kind']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['xero_settings_sync', 'xero_branding_themes', 'xero_tracking_options', 'xero_tracking_categories',
    'xero_currencies', 'xero_items', 'xero_tax_rates', 'xero_accounts']) {
    await knex.schema.dropTableIfExists(table);
  }
}
