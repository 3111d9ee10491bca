import type { Knex } from 'knex';

/** Projects group sales orders (later purchase orders and contracts) for one customer. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('name', 255).notNullable();
    t.string('contact_id', 36);
    t.string('status', 16).notNullable().defaultTo('active');
    t.string('start_date', 10); // ISO date text: no time zone to shift
    t.string('end_date', 10);
    t.bigInteger('budget'); // cents, in the organisation's base currency
    t.text('description');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'contact_id']).references(['organisation_id', 'id']).inTable('contacts');
    t.index(['organisation_id', 'status', 'name'], 'projects_org_status_name_idx');
    t.index(['organisation_id', 'name'], 'projects_org_name_idx');
    t.index(['organisation_id', 'contact_id'], 'projects_org_contact_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('projects');
}
