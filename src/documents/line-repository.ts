/** Reading and replacing the lines of any document kind (same columns; the kind names table and parent). */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { requiredInt, text, toStr, type DbRow } from '../db/row-values.js';
import type { DocumentKind } from './document-kind.js';
import type { DocumentLine } from './lines.js';

type LineTable = Pick<DocumentKind, 'tables'>;

/** '' reads as none, like null. */
const optional = (row: DbRow, key: string): string | null => text(row, key) || null;

export function lineFromRow(row: DbRow): DocumentLine {
  return {
    productId: optional(row, 'product_id'),
    description: toStr(row.description),
    quantity: requiredInt(row, 'quantity'),
    unitPrice: requiredInt(row, 'unit_price'),
    discountRate: requiredInt(row, 'discount_rate'),
    accountCode: optional(row, 'account_code'),
    taxType: optional(row, 'tax_type'),
    taxRate: requiredInt(row, 'tax_rate'),
    trackingOption1Id: optional(row, 'tracking_option_1_id'),
    trackingOption2Id: optional(row, 'tracking_option_2_id'),
    lineAmount: requiredInt(row, 'line_amount'),
    taxAmount: requiredInt(row, 'tax_amount'),
  };
}

export async function readLines(tdb: TenantDb, kind: LineTable, parentId: string): Promise<DocumentLine[]> {
  const rows: DbRow[] = await tdb
    .from(kind.tables.lines)
    .where({ [kind.tables.lineParent]: parentId })
    .orderBy('position', 'asc');
  return rows.map(lineFromRow);
}

/** The lines of many documents of one kind (two statements' worth of work for a batch): parent id → its lines in order. */
export async function readLinesOf(tdb: TenantDb, kind: LineTable, parentIds: readonly string[]): Promise<Map<string, DocumentLine[]>> {
  const out = new Map<string, DocumentLine[]>(parentIds.map((id) => [id, []]));
  const parent = kind.tables.lineParent;
  for (let i = 0; i < parentIds.length; i += 500) {
    const rows: DbRow[] = await tdb
      .from(kind.tables.lines)
      .whereIn(parent, parentIds.slice(i, i + 500))
      .orderBy([parent, { column: 'position', order: 'asc' }]);
    for (const row of rows) out.get(String(row[parent]))?.push(lineFromRow(row));
  }
  return out;
}

/** Replaces all lines of one document; call inside the transaction that writes the document. */
export async function replaceLines(tdb: TenantDb, kind: LineTable, parentId: string, lines: DocumentLine[]): Promise<void> {
  await tdb.delete(kind.tables.lines, { [kind.tables.lineParent]: parentId });
  await tdb.insert(
    kind.tables.lines,
    lines.map((line, position) => ({
      id: randomUUID(),
      [kind.tables.lineParent]: parentId,
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
    })),
  );
}
