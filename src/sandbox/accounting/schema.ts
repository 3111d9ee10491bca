/**
 * The Accounting side's tables in the sandbox's own SQLite database. Records of every collection live
 * in one documents table (JSON in Xero's PascalCase shape) with the columns filters and paging need.
 */
import type { Knex } from 'knex';

export const TABLES = {
  organisations: 'acc_organisations',
  records: 'acc_records',
  counters: 'acc_counters',
  attachments: 'acc_attachments',
  history: 'acc_history',
} as const;

export async function ensureSchema(db: Knex): Promise<void> {
  if (!(await db.schema.hasTable(TABLES.organisations))) {
    await db.schema.createTable(TABLES.organisations, (t) => {
      t.string('tenant_id', 36).primary();
      t.string('name', 255).notNullable();
      t.string('short_code', 16).notNullable().unique();
      t.string('country_code', 2).notNullable();
      t.string('base_currency', 3).notNullable();
      t.string('version', 16).notNullable();
      t.bigInteger('created_at').notNullable();
    });
  }
  if (!(await db.schema.hasTable(TABLES.records))) {
    await db.schema.createTable(TABLES.records, (t) => {
      t.string('tenant_id', 36).notNullable().references('tenant_id').inTable(TABLES.organisations);
      t.string('collection', 40).notNullable();
      t.string('id', 36).notNullable();
      t.string('number', 255);
      t.string('status', 40);
      t.bigInteger('updated_at').notNullable();
      t.bigInteger('seq').notNullable();
      t.text('data').notNullable();
      t.primary(['tenant_id', 'collection', 'id']);
      t.index(['tenant_id', 'collection', 'updated_at']);
      t.index(['tenant_id', 'collection', 'number']);
    });
  }
  // Contact names are matched ignoring case on every invoice: index the expression.
  await db.raw(`CREATE INDEX IF NOT EXISTS acc_records_number_nocase ON ${TABLES.records} (tenant_id, collection, lower(number))`);
  if (!(await db.schema.hasTable(TABLES.counters))) {
    await db.schema.createTable(TABLES.counters, (t) => {
      t.string('tenant_id', 36).notNullable().references('tenant_id').inTable(TABLES.organisations);
      t.string('name', 40).notNullable();
      t.integer('value').notNullable();
      t.primary(['tenant_id', 'name']);
    });
  }
  if (!(await db.schema.hasTable(TABLES.attachments))) {
    await db.schema.createTable(TABLES.attachments, (t) => {
      t.string('attachment_id', 36).primary();
      t.string('tenant_id', 36).notNullable().references('tenant_id').inTable(TABLES.organisations);
      t.string('collection', 40).notNullable();
      t.string('record_id', 36).notNullable();
      t.string('file_name', 255).notNullable();
      t.string('mime_type', 255).notNullable();
      t.boolean('include_online').notNullable().defaultTo(false);
      t.binary('content').notNullable();
      t.bigInteger('created_at').notNullable();
      t.index(['tenant_id', 'collection', 'record_id']);
    });
  }
  if (!(await db.schema.hasTable(TABLES.history))) {
    await db.schema.createTable(TABLES.history, (t) => {
      t.increments('seq');
      t.string('tenant_id', 36).notNullable().references('tenant_id').inTable(TABLES.organisations);
      t.string('collection', 40).notNullable();
      t.string('record_id', 36).notNullable();
      t.string('changes', 255).notNullable();
      t.text('details').notNullable();
      t.string('user', 255).notNullable();
      t.bigInteger('date_utc').notNullable();
      t.index(['tenant_id', 'collection', 'record_id']);
    });
  }
}
