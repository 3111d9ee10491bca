import type { Knex } from 'knex';

/**
 * What was last sent to Xero for a contact, as a fingerprint of the mapped payload: an unchanged
 * contact costs no call, and its page can say "changed since last sent". Safe to re-run.
 * Adding a nullable column needs no table rebuild on SQLite, so it runs inside the migration's transaction.
 */
export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasColumn('contacts', 'xero_fingerprint'))) {
    await knex.schema.alterTable('contacts', (t) => {
      t.string('xero_fingerprint', 100);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('contacts', 'xero_fingerprint')) {
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table and lose its triggers.
    await knex.raw('alter table contacts drop column xero_fingerprint');
  }
}
