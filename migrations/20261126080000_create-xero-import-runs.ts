import type { Knex } from 'knex';

/**
 * "Import from Xero" runs, per organisation: which kind (contacts or items), how far it got (the next
 * Xero page to fetch, so a failed run resumes there), its counters (processed = created + updated +
 * unchanged + skipped) and Xero's last error message.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('xero_import_runs', (t) => {
    t.string('organisation_id', 36).notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('id', 36).notNullable();
    t.string('kind', 16).notNullable(); // 'contacts' | 'items'
    t.string('status', 16).notNullable(); // 'queued' | 'running' | 'completed' | 'failed'
    t.integer('next_page').notNullable().defaultTo(1);
    t.integer('processed').notNullable().defaultTo(0);
    t.integer('created').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    // Records already as Xero has them: re-running an import touches nothing.
    t.integer('unchanged').notNullable().defaultTo(0);
    t.integer('skipped').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    // Moved on every page: a queued/running run that stops moving was cut off (the app restarted).
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['organisation_id', 'id']);
    t.index(['organisation_id', 'kind', 'started_at'], 'xero_import_runs_org_kind_started_idx');
  });
  // One unfinished run per organisation and kind, whatever races past the service's check.
  await knex.raw("create unique index xero_import_runs_one_active on xero_import_runs (organisation_id, kind) where status in ('queued', 'running')");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_import_runs');
}
