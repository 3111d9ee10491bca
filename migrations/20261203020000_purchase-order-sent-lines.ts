import type { Knex } from 'knex';

/**
 * Purchase orders keep their lines as last sent to Xero in `xero_sent_lines` (kind 'purchase_order'),
 * like sales orders' invoices, instead of the JSON in `purchase_orders.xero_line_items`: each sent
 * purchase order's JSON is copied there and the column emptied (left in place: dropping a column makes
 * SQLite rebuild the table with its triggers; nothing reads or writes it any more). Safe to re-run: only
 * rows whose JSON is still there are copied, replacing any lines of theirs already copied. `down`
 * writes the JSON back from the table.
 */
const KIND = 'purchase_order';

interface SentLine {
  lineItemId: string;
  fingerprint: string;
}

function linesOf(raw: unknown): SentLine[] {
  if (typeof raw !== 'string' || raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { lineItemId, fingerprint } = e as Record<string, unknown>;
    return typeof lineItemId === 'string' && typeof fingerprint === 'string' ? [{ lineItemId, fingerprint }] : [];
  });
}

export async function up(knex: Knex): Promise<void> {
  const rows: Array<{ id: string; organisation_id: string; xero_line_items: unknown }> = await knex('purchase_orders')
    .whereNotNull('xero_line_items')
    .select('id', 'organisation_id', 'xero_line_items');
  for (const row of rows) {
    const key = { organisation_id: row.organisation_id, document_kind: KIND, document_id: row.id };
    await knex('xero_sent_lines').where(key).delete();
    const lines = linesOf(row.xero_line_items);
    if (lines.length)
      await knex('xero_sent_lines').insert(lines.map((l, position) => ({ ...key, position, line_item_id: l.lineItemId, fingerprint: l.fingerprint })));
    await knex('purchase_orders').where({ organisation_id: row.organisation_id, id: row.id }).update({ xero_line_items: null });
  }
}

export async function down(knex: Knex): Promise<void> {
  const rows: Array<{ organisation_id: string; document_id: string; position: number; line_item_id: string; fingerprint: string }> = await knex(
    'xero_sent_lines',
  )
    .where({ document_kind: KIND })
    .orderBy(['organisation_id', 'document_id', 'position'])
    .select('organisation_id', 'document_id', 'position', 'line_item_id', 'fingerprint');
  const byDocument = new Map<string, { organisationId: string; id: string; lines: SentLine[] }>();
  for (const r of rows) {
    const k = `${r.organisation_id}/${r.document_id}`;
    const doc = byDocument.get(k) ?? { organisationId: r.organisation_id, id: r.document_id, lines: [] };
    doc.lines.push({ lineItemId: r.line_item_id, fingerprint: r.fingerprint });
    byDocument.set(k, doc);
  }
  for (const doc of byDocument.values())
    await knex('purchase_orders').where({ organisation_id: doc.organisationId, id: doc.id }).update({ xero_line_items: JSON.stringify(doc.lines) });
  await knex('xero_sent_lines').where({ document_kind: KIND }).delete();
}
