/** A sales order's lines with their ids, for documents made from them (purchase orders remember which line each came from). */
import type { TenantDb } from '../db/tenant-db.js';
import type { DbRow } from '../db/row-values.js';
import { requiredText } from '../db/row-values.js';
import { lineFromRow, type DocumentLine } from '../documents/index.js';

export interface SalesOrderLineRow {
  id: string;
  line: DocumentLine;
}

export async function salesOrderLineRows(tdb: TenantDb, salesOrderId: string): Promise<SalesOrderLineRow[]> {
  const rows: DbRow[] = await tdb.from('sales_order_lines').where({ sales_order_id: salesOrderId }).orderBy('position', 'asc');
  return rows.map((row) => ({ id: requiredText(row, 'id'), line: lineFromRow(row) }));
}
