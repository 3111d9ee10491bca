import type { Knex } from 'knex';

/**
 * CRM contacts: companies and people (a person may belong to a company of the same organisation).
 * Quotes, sales orders and products reference a contact by (organisation_id, contact_id).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contacts', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('kind', 16).notNullable(); // 'company' | 'person'
    // Xero's Name (≤255, unique among active contacts); for a person the full name.
    t.string('name', 255).notNullable();
    // Trimmed, lower-cased name: the uniqueness key among active contacts and the sort key.
    t.string('name_key', 255).notNullable();
    t.string('first_name', 255);
    t.string('last_name', 255);
    t.string('company_id', 36);
    t.boolean('is_customer').notNullable().defaultTo(false);
    t.boolean('is_supplier').notNullable().defaultTo(false);
    t.string('email', 255);
    t.string('phone', 50);
    t.string('mobile', 50);
    for (const prefix of ['postal', 'street']) {
      t.string(`${prefix}_line1`, 500);
      t.string(`${prefix}_line2`, 500);
      t.string(`${prefix}_city`, 255);
      t.string(`${prefix}_region`, 255);
      t.string(`${prefix}_postal_code`, 50);
      t.string(`${prefix}_country`, 50);
    }
    t.string('tax_number', 50);
    t.string('default_currency', 3);
    t.integer('payment_terms_days');
    t.string('payment_terms_type', 32);
    t.text('notes');
    t.string('xero_contact_id', 36);
    t.timestamp('xero_sent_at', { useTz: true });
    t.timestamp('archived_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'company_id']).references(['organisation_id', 'id']).inTable('contacts');
    t.index(['organisation_id', 'name_key'], 'contacts_org_name_key_idx');
    t.index(['organisation_id', 'created_at'], 'contacts_org_created_idx');
    t.index(['organisation_id', 'company_id'], 'contacts_org_company_idx');
  });
  // Partial unique indexes (SQLite and PostgreSQL both support them): Xero refuses two active contacts
  // with the same name, and an import must never link two CRM contacts to one Xero contact.
  await knex.raw('create unique index contacts_active_name_unique on contacts (organisation_id, name_key) where archived_at is null');
  await knex.raw('create unique index contacts_xero_contact_unique on contacts (organisation_id, xero_contact_id) where xero_contact_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('contacts');
}
