import type { Knex } from 'knex';

/**
 * "Changed in Xero": what Ledgerside last sent of a contact's compared fields (`xero_sent_fields`,
 * JSON), and Xero's values when Xero changed one of them since (`xero_remote_fields`, JSON, with when it
 * was seen, `xero_remote_at`): the contact's page shows the difference until the user takes Xero's
 * values or keeps Ledgerside's. Written by src/xero-sync only. Safe to re-run.
 */
const COLUMNS = ['xero_sent_fields', 'xero_remote_fields', 'xero_remote_at'] as const;

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('contacts', 'xero_sent_fields')) return;
  await knex.schema.alterTable('contacts', (t) => {
    t.text('xero_sent_fields');
    t.text('xero_remote_fields');
    t.timestamp('xero_remote_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const column of COLUMNS) {
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table and lose its triggers.
    if (await knex.schema.hasColumn('contacts', column)) await knex.raw(`alter table contacts drop column ${column}`);
  }
}
