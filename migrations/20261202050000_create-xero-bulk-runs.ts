import type { Knex } from 'knex';

/**
 * Bulk sends (src/xero-sync/bulk-runs.ts): a run is one user's "Send N to Xero" of many records of a
 * kind; its records are ordinary sync operations (xero_sync_operations.run_id), sent in batches of up
 * to 50 per call. The run holds what the progress page needs beyond its operations' statuses: its
 * state (running | paused | cancelled | done), who asked, the calls it made and the day's remaining
 * calls Xero last reported. Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('xero_bulk_runs'))) {
    await knex.schema.createTable('xero_bulk_runs', (t) => {
      t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
      t.string('id', 36).notNullable();
      t.string('record_kind', 32).notNullable();
      t.string('status', 16).notNullable(); // running | paused | cancelled | done
      t.integer('total').notNullable().defaultTo(0);
      // Records asked for that already had an unfinished send (joined, not sent twice).
      t.integer('joined').notNullable().defaultTo(0);
      t.integer('calls').notNullable().defaultTo(0);
      t.integer('day_remaining');
      // Xero's daily limit is spent: the run goes on by itself at this time (shown on the page).
      t.timestamp('held_until', { useTz: true });
      t.string('requested_by', 36);
      t.string('requested_by_name', 255).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('finished_at', { useTz: true });
      t.primary(['organisation_id', 'id']);
      t.index(['organisation_id', 'created_at'], 'xero_bulk_runs_org_created_idx');
    });
  }
  if (!(await knex.schema.hasColumn('xero_sync_operations', 'run_id'))) {
    await knex.schema.alterTable('xero_sync_operations', (t) => {
      t.string('run_id', 36);
    });
  }
  await knex.raw('create index if not exists xero_sync_operations_run_idx on xero_sync_operations (organisation_id, run_id, status)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists xero_sync_operations_run_idx');
  if (await knex.schema.hasColumn('xero_sync_operations', 'run_id')) {
    await knex.schema.alterTable('xero_sync_operations', (t) => {
      t.dropColumn('run_id');
    });
  }
  await knex.schema.dropTableIfExists('xero_bulk_runs');
}
