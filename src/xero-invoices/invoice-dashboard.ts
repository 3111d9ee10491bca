/** The dashboard's figures for invoices: money awaiting payment and overdue, across orders sent to Xero. */
import type { DashboardSource } from '../dashboard/index.js';
import { todayIso } from '../common/dates.js';
import { toNum, requiredText, type DbRow } from '../db/row-values.js';

export const invoiceDashboard: DashboardSource = {
  async stats(tdb) {
    const today = todayIso();
    const rows: DbRow[] = await tdb
      .from('sales_orders')
      .where('xero_invoice_status', 'AUTHORISED')
      .where('xero_amount_due', '>', 0)
      .groupBy('xero_currency')
      .select('xero_currency as currency')
      .count({ count: '*' })
      .sum({ value: 'xero_amount_due' });
    const overdue: DbRow[] = await tdb
      .from('sales_orders')
      .where('xero_invoice_status', 'AUTHORISED')
      .where('xero_amount_due', '>', 0)
      .where('xero_due_date', '<', today)
      .groupBy('xero_currency')
      .select('xero_currency as currency')
      .count({ count: '*' })
      .sum({ value: 'xero_amount_due' });
    const values = (list: DbRow[]) => list.map((r) => ({ currency: requiredText(r, 'currency'), total: toNum(r.value) }));
    return [
      { label: 'Awaiting payment in Xero', count: rows.reduce((n, r) => n + toNum(r.count), 0), values: values(rows), href: '/sales-orders?invoice=awaiting' },
      { label: 'Overdue in Xero', count: overdue.reduce((n, r) => n + toNum(r.count), 0), values: values(overdue), href: '/sales-orders?invoice=overdue' },
    ];
  },
};
