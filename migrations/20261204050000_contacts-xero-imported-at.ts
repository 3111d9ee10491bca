import type { Knex } from 'knex';

/**
 * When an import from Xero last wrote a contact (created, updated or linked it): at that moment the
 * contact is as Xero has it, so the contacts list says "In Xero", not "Changed since sent", until a
 * change Xero would see is made in Ledgerside. The state compares `xero_changed_at` with the later of
 * `xero_sent_at` and this. No backfill: which contacts an earlier import wrote is not known (they show
 * "Changed since sent" until the next import or send, as before). Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('contacts', 'xero_imported_at')) return;
  await knex.schema.alterTable('contacts', (t) => {
    t.timestamp('xero_imported_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('contacts', 'xero_imported_at')) {
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table and lose its triggers.
    await knex.raw('alter table contacts drop column xero_imported_at');
  }
}
