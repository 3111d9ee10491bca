/** Sales orders' part in projects (src/projects/project-contributions.ts): the page's section, revenue and cost, the counts. */
import type { TenantDb } from '../db/tenant-db.js';
import { requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import { productCostPrices } from '../products/index.js';
import { salesDocumentFigures, type LineForTotals, type ProjectContribution, type ProjectRef } from '../projects/index.js';
import { salesOrderRepository } from './sales-order-repository.js';
import { salesOrderRowView } from './sales-order-view-model.js';

/** Lines of the project's sales orders, for the cost side of its totals. */
async function projectLines(tdb: TenantDb, projectId: string): Promise<LineForTotals[]> {
  const rows: DbRow[] = await tdb
    .from('sales_order_lines')
    .join(tdb.scoped('sales_orders', 'so'), 'so.id', 'sales_order_lines.sales_order_id')
    .where('so.project_id', projectId)
    .select('sales_order_lines.id', 'sales_order_lines.sales_order_id', 'sales_order_lines.product_id', 'sales_order_lines.quantity');
  return rows.map((r) => ({
    documentId: requiredText(r, 'sales_order_id'),
    lineId: requiredText(r, 'id'),
    productId: text(r, 'product_id') || null,
    quantity: requiredInt(r, 'quantity'),
  }));
}

/**
 * Which of these orders' lines are already ordered from a supplier (their cost is then a purchase
 * order's, committed, not estimated). Purchase orders answer it; app.ts wires them in, so sales orders
 * import nothing of purchase orders.
 */
export type OrderedSalesOrderLines = (tdb: TenantDb, salesOrderIds: string[]) => Promise<Set<string>>;

/** Sales orders' contribution; with `orderedLines`, lines already ordered leave the estimated cost. */
export function salesOrderProjectContributionWith(orderedLines?: OrderedSalesOrderLines): ProjectContribution {
  return { ...salesOrderProjectContribution, section: (tdb, project) => sectionOf(tdb, project, orderedLines) };
}

async function sectionOf(tdb: TenantDb, project: ProjectRef, orderedLines?: OrderedSalesOrderLines) {
  const [orders, lines] = await Promise.all([salesOrderRepository(tdb).forProject(project.id), projectLines(tdb, project.id)]);
  const [costs, ordered] = await Promise.all([
    productCostPrices(tdb, [...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))]),
    orderedLines && orders.length
      ? orderedLines(
          tdb,
          orders.map((o) => o.id),
        )
      : Promise.resolve(new Set<string>()),
  ]);
  const presets = `projectId=${encodeURIComponent(project.id)}${project.contactId ? `&contactId=${encodeURIComponent(project.contactId)}` : ''}`;
  return {
    section: {
      heading: 'Sales orders',
      newLink: { href: `/sales-orders/new?${presets}`, label: 'New sales order in this project' },
      emptyText: 'No sales orders in this project yet. Create one here, or choose this project on an existing sales order.',
      rows: orders.map(salesOrderRowView),
    },
    figures: salesDocumentFigures(orders, lines, costs, ordered),
  };
}

export const salesOrderProjectContribution: ProjectContribution = {
  noun: { one: 'sales order', many: 'sales orders', heading: 'Sales orders' },

  async counts(tdb, projectIds) {
    const counts = new Map<string, number>();
    if (projectIds.length === 0) return counts;
    const rows: DbRow[] = await tdb.from('sales_orders').whereIn('project_id', projectIds).groupBy('project_id').select('project_id').count({ n: '*' });
    for (const r of rows) counts.set(requiredText(r, 'project_id'), requiredInt(r, 'n'));
    return counts;
  },

  section: (tdb, project) => sectionOf(tdb, project),
};
