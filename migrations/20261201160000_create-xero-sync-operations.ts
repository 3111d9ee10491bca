import type { Knex } from 'knex';

/**
 * Every write to Xero is a row here first and work second (src/xero-sync/): which organisation, which
 * record (kind + id), what to do, who asked and when, the Idempotency-Key (stored before the call and
 * reused by every retry of the operation), its status (pending → running → done | failed | waiting),
 * attempts, when it may run next, the lease of the worker running it (an expired lease is resumed),
 * and Xero's answer (messages verbatim, the Xero ID, the link). Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('xero_sync_operations'))) {
    await knex.schema.createTable('xero_sync_operations', (t) => {
      t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
      t.string('id', 36).notNullable();
      t.string('record_kind', 32).notNullable(); // 'contact' (invoices, purchase orders… later)
      t.string('record_id', 36).notNullable();
      // What the user saw when asking (the record may be renamed or deleted later).
      t.string('record_label', 255).notNullable();
      t.string('action', 32).notNullable(); // 'send'
      t.string('status', 16).notNullable(); // pending | running | done | failed | waiting | cancelled
      t.string('idempotency_key', 64).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('next_run_at', { useTz: true });
      t.string('lease_owner', 100);
      t.timestamp('lease_until', { useTz: true });
      // Set just before a create is sent to Xero: on a re-run, the outcome of that call is unknown.
      t.timestamp('write_started_at', { useTz: true });
      t.string('requested_by', 36);
      t.string('requested_by_name', 255).notNullable();
      // Result for the user: a summary, Xero's messages verbatim (JSON array), what to do next.
      t.string('outcome', 32); // created | updated | linked | unchanged | needs_choice | …
      t.text('result_message');
      t.text('xero_messages');
      t.text('advice');
      t.string('xero_id', 36);
      // Probable matches waiting for the user's Link / Create new (JSON).
      t.text('candidates');
      t.boolean('create_new').notNullable().defaultTo(false);
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('finished_at', { useTz: true });
      t.primary(['organisation_id', 'id']);
      t.index(['organisation_id', 'created_at'], 'xero_sync_operations_org_created_idx');
      t.index(['organisation_id', 'record_kind', 'record_id', 'created_at'], 'xero_sync_operations_record_idx');
      t.index(['status', 'next_run_at'], 'xero_sync_operations_due_idx');
    });
  }
  // One unfinished send per record: a second click joins the first instead of queueing a duplicate.
  await knex.raw(`create unique index if not exists xero_sync_operations_one_active on xero_sync_operations (organisation_id, record_kind, record_id, action)
    where status in ('pending', 'running', 'waiting')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_sync_operations');
}
