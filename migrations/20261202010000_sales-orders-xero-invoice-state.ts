import type { Knex } from 'knex';

/**
 * The rest of a sales order's Xero invoice as last seen (src/xero-invoices): total, amount credited, due
 * date, Xero's fully-paid date, the payments (JSON: date, amount, reference), its currency and when Xero
 * last changed it; when it was sent and the fingerprint of what was sent ("sent …; changed since"), and
 * when it was last read from Xero. The columns of the first migration (id, number, status, paid, due,
 * paid date, url) stay. Safe to re-run. Nullable columns need no table rebuild on SQLite.
 */
const COLUMNS: Array<[string, (t: Knex.AlterTableBuilder) => void]> = [
  ['xero_total', (t) => t.bigInteger('xero_total')],
  ['xero_amount_credited', (t) => t.bigInteger('xero_amount_credited')],
  ['xero_due_date', (t) => t.string('xero_due_date', 10)],
  ['xero_currency', (t) => t.string('xero_currency', 3)],
  ['xero_payments', (t) => t.text('xero_payments')],
  ['xero_updated_at', (t) => t.string('xero_updated_at', 40)],
  ['xero_sent_at', (t) => t.string('xero_sent_at', 40)],
  ['xero_sent_fingerprint', (t) => t.string('xero_sent_fingerprint', 100)],
  ['xero_read_at', (t) => t.string('xero_read_at', 40)],
];

export async function up(knex: Knex): Promise<void> {
  for (const [name, add] of COLUMNS) {
    if (!(await knex.schema.hasColumn('sales_orders', name))) await knex.schema.alterTable('sales_orders', (t) => add(t));
  }
  // The invoice-status filter and the webhook's lookup by InvoiceID.
  if (!(await knex.schema.hasColumn('sales_orders', 'xero_invoice_id'))) return;
  await knex.raw('create index if not exists sales_orders_org_xero_invoice_idx on sales_orders (organisation_id, xero_invoice_id)');
  await knex.raw('create index if not exists sales_orders_org_xero_status_idx on sales_orders (organisation_id, xero_invoice_status, xero_due_date)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists sales_orders_org_xero_status_idx');
  await knex.raw('drop index if exists sales_orders_org_xero_invoice_idx');
  for (const [name] of [...COLUMNS].reverse()) {
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table and lose its triggers.
    if (await knex.schema.hasColumn('sales_orders', name)) await knex.raw(`alter table sales_orders drop column ${name}`);
  }
}
