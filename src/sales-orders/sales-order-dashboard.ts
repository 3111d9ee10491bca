/** Sales orders on the start page: open orders per currency, the latest, the "sales order" step. */
import type { DashboardSource } from '../dashboard/index.js';
import { salesOrderRepository } from './sales-order-repository.js';
import { salesOrderRowView } from './sales-order-view-model.js';

export const salesOrderDashboard: DashboardSource = {
  async stats(tdb) {
    const open = await salesOrderRepository(tdb).openTotals();
    return [{ label: 'Open sales orders', count: open.reduce((n, r) => n + r.count, 0), values: open, href: '/sales-orders?status=open' }];
  },
  async recent(tdb, limit) {
    return {
      heading: 'Latest sales orders',
      rows: (await salesOrderRepository(tdb).latest(limit)).map(salesOrderRowView),
      empty: { text: 'No sales orders yet. Accept a quote, then choose "Create sales order".' },
    };
  },
  steps: async (tdb) => ({ hasSalesOrders: await tdb.exists('sales_orders') }),
};
