import type { Knex } from 'knex';

/**
 * A contact's notes timeline (issue 16): what someone wrote about the contact, by whom and when, newest
 * first on its page. Tenant-scoped like every table: the organisation leads the key, and the contact is
 * referenced by (organisation_id, id) so a note never points at another organisation's contact.
 * `created_at` is ISO text (as the audit trail's `at`): it sorts the same on SQLite and PostgreSQL.
 * Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('contact_notes')) return;
  await knex.schema.createTable('contact_notes', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('contact_id', 36).notNullable();
    t.text('body').notNullable();
    // Who wrote it: the user (kept if they leave) and their name as it was.
    t.string('author_id', 36).nullable();
    t.string('author_name', 255).notNullable();
    t.text('created_at').notNullable();
    t.primary(['organisation_id', 'id']);
    t.foreign(['organisation_id', 'contact_id']).references(['organisation_id', 'id']).inTable('contacts').onDelete('CASCADE');
    t.index(['organisation_id', 'contact_id', 'created_at'], 'contact_notes_org_contact_created_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('contact_notes');
}
