import type { Knex } from 'knex';

/**
 * What an audit entry came to, in words (src/audit/): the sync engine's outcome of a send ("Created in
 * Xero.", Xero's refusal) and why an organisation was disconnected. Safe to re-run. Adding a nullable
 * column needs no table rebuild on SQLite, so it runs inside the migration's transaction.
 */
export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasColumn('audit_entries', 'detail'))) {
    await knex.schema.alterTable('audit_entries', (t) => {
      t.string('detail', 255).nullable();
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('audit_entries', 'detail')) {
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table.
    await knex.raw('alter table audit_entries drop column detail');
  }
}
