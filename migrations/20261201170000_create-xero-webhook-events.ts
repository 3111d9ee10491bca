import type { Knex } from 'knex';

/**
 * Xero webhook events as received (src/xero-webhooks/): one row per event, stored once however often
 * Xero re-delivers it (`event_key` is unique: tenant, category, type, resource and event date), then
 * handled by the webhook worker: pending → running → handled | ignored (with the reason) | failed.
 * `organisation_id` is filled when the worker finds the Xero tenant among Ledgerside's organisations.
 * Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('xero_webhook_events')) return;
  await knex.schema.createTable('xero_webhook_events', (t) => {
    t.string('id', 36).primary();
    t.string('event_key', 64).notNullable().unique('xero_webhook_events_event_key_unique');
    t.string('xero_tenant_id', 64).notNullable();
    t.string('organisation_id', 36).references('id').inTable('organisations').onDelete('CASCADE');
    t.string('event_category', 32).notNullable(); // INVOICE | CONTACT | CREDITNOTE | SUBSCRIPTION
    t.string('event_type', 16).notNullable(); // CREATE | UPDATE
    t.string('resource_id', 64).notNullable();
    t.text('resource_url');
    // As Xero wrote it (UTC, no zone, milliseconds): part of the unique key, so kept verbatim.
    t.string('event_date_utc', 40).notNullable();
    t.string('status', 16).notNullable(); // pending | running | handled | ignored | failed
    t.text('reason');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_run_at', { useTz: true });
    t.string('lease_owner', 100);
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    t.index(['status', 'next_run_at'], 'xero_webhook_events_due_idx');
    t.index(['organisation_id', 'received_at'], 'xero_webhook_events_org_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('xero_webhook_events');
}
