import type { Knex } from 'knex';

/**
 * Record pages at full size (issue 18, bench/README.md): a contact's page lists its quotes, sales
 * orders, purchase orders and contracts (newest first, a few each), its Xero panel its latest sends, and
 * every record page its History. Without an index that both filters by the record and holds the order,
 * SQLite walked the organisation's list index in order and tested each entry (5,000 orders, 50,000
 * sync-log entries: 57 ms of CPU per contact page at 100 × 10,000 contacts).
 * - `<documents>_org_contact_date_idx (organisation_id, contact_id, issue_date, number, id)`: a contact's
 *   documents in list order; replaces `<documents>_org_contact_idx (organisation_id, contact_id)`, its prefix.
 * - `xero_sync_operations_record_log_idx (organisation_id, record_kind, record_id, created_at, id)`: a
 *   record's sends newest first; replaces `xero_sync_operations_record_idx`, which lacked the id.
 * - `audit_entries_org_record_idx (organisation_id, record_kind, record_id, at, id)`: a record's History.
 * Both dialects; safe to re-run.
 */
const DOCUMENTS = ['quotes', 'sales_orders', 'purchase_orders', 'contracts'] as const;

export async function up(knex: Knex): Promise<void> {
  for (const table of DOCUMENTS) {
    await knex.raw(`create index if not exists ${table}_org_contact_date_idx on ${table} (organisation_id, contact_id, issue_date, number, id)`);
    await knex.raw(`drop index if exists ${table}_org_contact_idx`);
  }
  await knex.raw(
    'create index if not exists xero_sync_operations_record_log_idx on xero_sync_operations (organisation_id, record_kind, record_id, created_at, id)',
  );
  await knex.raw('drop index if exists xero_sync_operations_record_idx');
  await knex.raw('create index if not exists audit_entries_org_record_idx on audit_entries (organisation_id, record_kind, record_id, at, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists audit_entries_org_record_idx');
  await knex.raw(
    'create index if not exists xero_sync_operations_record_idx on xero_sync_operations (organisation_id, record_kind, record_id, created_at)',
  );
  await knex.raw('drop index if exists xero_sync_operations_record_log_idx');
  for (const table of DOCUMENTS) {
    await knex.raw(`create index if not exists ${table}_org_contact_idx on ${table} (organisation_id, contact_id)`);
    await knex.raw(`drop index if exists ${table}_org_contact_date_idx`);
  }
}
