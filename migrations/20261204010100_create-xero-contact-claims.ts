import type { Knex } from 'knex';

/**
 * A bulk batch's claim on a contact it is about to create in Xero (src/xero-sync/contact-claims.ts):
 * one row per (organisation, contact), so two batches — in one app process or several on one
 * PostgreSQL database — never both create the same new customer. `owner` is the batch run holding it,
 * `until` (ms since the epoch) when a claim of a process that died lapses. Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('xero_contact_claims')) return;
  await knex.schema.createTable('xero_contact_claims', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('contact_id', 36).notNullable();
    t.string('owner', 128).notNullable();
    t.bigInteger('until').notNullable();
    t.primary(['organisation_id', 'contact_id']);
    t.foreign(['organisation_id', 'contact_id']).references(['organisation_id', 'id']).inTable('contacts').onDelete('CASCADE');
    t.index(['organisation_id', 'owner'], 'xero_contact_claims_owner_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_contact_claims');
}
