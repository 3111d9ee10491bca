/**
 * Which sales order lines are already on a purchase order (not cancelled). Each purchase order line
 * made by "Create purchase orders" remembers its sales order line (`purchase_order_sources`). Editing a
 * sales order rewrites its lines (new ids), so a source whose line is gone still marks the line with
 * the same product and description.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { salesOrderLineRows, type OrderedSalesOrderLines, type SalesOrderLineRow } from '../sales-orders/index.js';
import { purchaseOrderRepository } from './purchase-order-repository.js';

/** Line id → the numbers of the purchase orders it is on. */
export async function orderedLinesOf(tdb: TenantDb, salesOrderId: string, lines: SalesOrderLineRow[]): Promise<Map<string, string[]>> {
  const sources = await purchaseOrderRepository(tdb).liveSources([salesOrderId]);
  const ordered = new Map<string, string[]>();
  const add = (lineId: string, number: string) => {
    const list = ordered.get(lineId) ?? [];
    if (!list.includes(number)) list.push(number);
    ordered.set(lineId, list);
  };
  const ids = new Set(lines.map((l) => l.id));
  const keyOf = (productId: string | null, description: string) => `${productId ?? ''}\u001f${description}`;
  for (const s of sources) {
    if (ids.has(s.salesOrderLineId)) add(s.salesOrderLineId, s.purchaseOrderNumber);
    else {
      const same = lines.find((l) => keyOf(l.line.productId, l.line.description) === keyOf(s.productId, s.description));
      if (same) add(same.id, s.purchaseOrderNumber);
    }
  }
  return ordered;
}

/** For the project's figures (wired into sales orders' contribution by app.ts). */
export const purchaseOrderedLines: OrderedSalesOrderLines = async (tdb, salesOrderIds) => {
  const ordered = new Set<string>();
  for (const id of salesOrderIds) {
    const lines = await salesOrderLineRows(tdb, id);
    for (const lineId of (await orderedLinesOf(tdb, id, lines)).keys()) ordered.add(lineId);
  }
  return ordered;
};
