import type { Knex } from 'knex';

/**
 * The sync log's pages at 50,000 entries per organisation (issue 18). The log is newest first
 * (`created_at desc, id desc`): `xero_sync_operations_org_created_idx (organisation_id, created_at)`
 * lacked the id, so the order's last term was sorted separately and a deep page read every skipped row.
 * - `xero_sync_operations_org_log_idx (organisation_id, created_at, id)`: the whole order from the index,
 *   so a page's ids (and the count) come from index entries alone; replaces the old index.
 * - `xero_sync_operations_org_status_log_idx (organisation_id, status, created_at, id)`: a status filter
 *   ("Failed", "Waiting or running") reads just those entries, in order, and counts them from the index.
 * Both dialects; safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists xero_sync_operations_org_log_idx on xero_sync_operations (organisation_id, created_at, id)');
  await knex.raw('create index if not exists xero_sync_operations_org_status_log_idx on xero_sync_operations (organisation_id, status, created_at, id)');
  await knex.raw('drop index if exists xero_sync_operations_org_created_idx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists xero_sync_operations_org_created_idx on xero_sync_operations (organisation_id, created_at)');
  await knex.raw('drop index if exists xero_sync_operations_org_status_log_idx');
  await knex.raw('drop index if exists xero_sync_operations_org_log_idx');
}
