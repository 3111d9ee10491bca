/**
 * Purchase orders' part in projects (src/projects/project-contributions.ts): the project page's
 * section (supplier, number, status, totals, sent/billed in Xero), the committed cost (sub-totals of
 * the project's purchase orders, tax excluded, cancelled ones left out) and the counts.
 */
import { requiredInt, requiredText, type DbRow } from '../db/row-values.js';
import type { MoneyByCurrency, ProjectContribution } from '../projects/index.js';
import { purchaseOrderRepository } from './purchase-order-repository.js';
import { purchaseOrderRowView } from './purchase-order-view-model.js';

export const purchaseOrderProjectContribution: ProjectContribution = {
  noun: { one: 'purchase order', many: 'purchase orders', heading: 'Purchase orders' },

  async counts(tdb, projectIds) {
    const counts = new Map<string, number>();
    if (projectIds.length === 0) return counts;
    const rows: DbRow[] = await tdb.from('purchase_orders').whereIn('project_id', projectIds).groupBy('project_id').select('project_id').count({ n: '*' });
    for (const r of rows) counts.set(requiredText(r, 'project_id'), requiredInt(r, 'n'));
    return counts;
  },

  async section(tdb, project) {
    const orders = await purchaseOrderRepository(tdb).forProject(project.id);
    const committed = new Map<string, number>();
    for (const o of orders) if (o.status !== 'cancelled') committed.set(o.currency, (committed.get(o.currency) ?? 0) + o.subTotal);
    const byCurrency: MoneyByCurrency[] = [...committed.entries()].map(([currency, amount]) => ({ currency, revenue: 0, cost: 0, committed: amount }));
    return {
      section: {
        heading: 'Purchase orders',
        newLink: { href: `/purchase-orders/new?projectId=${encodeURIComponent(project.id)}`, label: 'New purchase order in this project' },
        emptyText: 'No purchase orders in this project yet. Open one of its sales orders and choose "Create purchase orders", or create one here.',
        rows: orders.map(purchaseOrderRowView),
        contactHeading: 'Supplier',
        xeroColumn: 'Xero',
      },
      figures: { byCurrency, linesWithoutCost: 0 },
    };
  },
};
