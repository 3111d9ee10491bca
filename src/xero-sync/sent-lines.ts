/**
 * A document's lines as last sent to Xero (`xero_sent_lines`), for every kind that sends lines (sales
 * orders as invoices, purchase orders): Xero's LineItemID and the fingerprint of what was sent, in order.
 * A re-send matches its lines to these (`matchLineItemIds`) so Xero updates lines instead of recreating
 * them. Pass a transaction's handle to write them with the document's own Xero columns.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { requiredText, type DbRow } from '../db/row-values.js';
import type { SentLineItem } from '../xero/index.js';

const TABLE = 'xero_sent_lines';

export function sentLines(tdb: TenantDb, documentKind: string) {
  const of = (documentId: string) => ({ document_kind: documentKind, document_id: documentId });
  return {
    async read(documentId: string): Promise<SentLineItem[]> {
      const rows: DbRow[] = await tdb.from(TABLE).where(of(documentId)).orderBy('position', 'asc');
      return rows.map((r) => ({ lineItemId: requiredText(r, 'line_item_id'), fingerprint: requiredText(r, 'fingerprint') }));
    },
    /** What this send's answer gave: the lines replace those of the last send. */
    async replace(documentId: string, lines: readonly SentLineItem[]): Promise<void> {
      await tdb.delete(TABLE, of(documentId));
      if (lines.length)
        await tdb.insert(
          TABLE,
          lines.map((l, position) => ({ ...of(documentId), position, line_item_id: l.lineItemId, fingerprint: l.fingerprint })),
        );
    },
    async remove(documentId: string): Promise<void> {
      await tdb.delete(TABLE, of(documentId));
    },
  };
}
