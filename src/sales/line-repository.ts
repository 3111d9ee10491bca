/** Reading and replacing the lines of a quote or sales order (same columns, different parent). */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import type { DocumentLine } from './lines.js';

export interface LineTable {
  table: 'quote_lines' | 'sales_order_lines';
  parentColumn: 'quote_id' | 'sales_order_id';
}

export const QUOTE_LINES: LineTable = { table: 'quote_lines', parentColumn: 'quote_id' };
export const SALES_ORDER_LINES: LineTable = { table: 'sales_order_lines', parentColumn: 'sales_order_id' };

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** PostgreSQL returns bigint columns as text. */
const int = (v: unknown): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`expected an integer column value, got ${String(v)}`);
  return n;
};

export function lineFromRow(row: Record<string, unknown>): DocumentLine {
  return {
    productId: text(row.product_id),
    description: String(row.description ?? ''),
    quantity: int(row.quantity),
    unitPrice: int(row.unit_price),
    discountRate: int(row.discount_rate),
    accountCode: text(row.account_code),
    taxType: text(row.tax_type),
    taxRate: int(row.tax_rate),
    trackingOption1Id: text(row.tracking_option_1_id),
    trackingOption2Id: text(row.tracking_option_2_id),
    lineAmount: int(row.line_amount),
    taxAmount: int(row.tax_amount),
  };
}

export async function readLines(tdb: TenantDb, where: LineTable, parentId: string): Promise<DocumentLine[]> {
  const rows: Record<string, unknown>[] = await tdb.from(where.table).where({ [where.parentColumn]: parentId }).orderBy('position', 'asc');
  return rows.map(lineFromRow);
}

/** Replaces all lines of one document; call inside the transaction that writes the document. */
export async function replaceLines(tdb: TenantDb, where: LineTable, parentId: string, lines: DocumentLine[]): Promise<void> {
  await tdb.delete(where.table, { [where.parentColumn]: parentId });
  await tdb.insert(where.table, lines.map((line, position) => ({
    id: randomUUID(),
    [where.parentColumn]: parentId,
    position,
    product_id: line.productId,
    description: line.description,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    discount_rate: line.discountRate,
    account_code: line.accountCode,
    tax_type: line.taxType,
    tax_rate: line.taxRate,
    tracking_option_1_id: line.trackingOption1Id,
    tracking_option_2_id: line.trackingOption2Id,
    line_amount: line.lineAmount,
    tax_amount: line.taxAmount,
  })));
}
