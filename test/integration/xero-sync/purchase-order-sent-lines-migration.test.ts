import { expect } from 'chai';
import { createTestDatabase, dialects } from '../../helpers/test-db.js';
import * as sentLinesMigration from '../../../migrations/20261203020000_purchase-order-sent-lines.js';

for (const dialect of dialects()) {
  describe(`purchase orders' sent lines move to xero_sent_lines (migration 20261203020000) [${dialect}]`, () => {
    it('when a sent purchase order still has its LineItemIDs as JSON, then up copies them in order and empties the column, a re-run changes nothing, and down writes the JSON back', async () => {
      const t = await createTestDatabase(dialect);
      const db = t.db;
      try {
        for (const org of ['o1', 'o2']) {
          await db('organisations').insert({ id: org, xero_tenant_id: `t-${org}`, name: org });
          await db('contacts').insert({ organisation_id: org, id: 'c1', kind: 'company', name: 'Supplier', name_key: 'supplier' });
        }
        const po = (org: string, id: string, json: string | null) => ({
          organisation_id: org,
          id,
          number: `PO-${id}`,
          contact_id: 'c1',
          issue_date: '2026-12-01',
          currency: 'AUD',
          line_amount_types: 'Exclusive',
          xero_purchase_order_id: json === null ? null : `x-${org}-${id}`,
          xero_line_items: json,
        });
        const lines = [
          { lineItemId: 'li-a', fingerprint: 'fa' },
          { lineItemId: 'li-b', fingerprint: 'fb' },
        ];
        // The same purchase order id in two organisations (ids are per organisation), one never sent, one with unreadable JSON.
        await db('purchase_orders').insert([
          po('o1', 'p1', JSON.stringify(lines)),
          po('o2', 'p1', JSON.stringify([lines[1]])),
          po('o1', 'p2', null),
          po('o1', 'p3', 'not json'),
        ]);
        const sentLines = () =>
          db('xero_sent_lines')
            .where({ document_kind: 'purchase_order' })
            .orderBy(['organisation_id', 'document_id', 'position'])
            .select('organisation_id', 'document_id', 'position', 'line_item_id', 'fingerprint');
        const expected = [
          { organisation_id: 'o1', document_id: 'p1', position: 0, line_item_id: 'li-a', fingerprint: 'fa' },
          { organisation_id: 'o1', document_id: 'p1', position: 1, line_item_id: 'li-b', fingerprint: 'fb' },
          { organisation_id: 'o2', document_id: 'p1', position: 0, line_item_id: 'li-b', fingerprint: 'fb' },
        ];

        await sentLinesMigration.up(db);
        expect((await sentLines()).map((r) => ({ ...r, position: Number(r.position) }))).to.deep.equal(expected);
        const columns = await db('purchase_orders').orderBy(['organisation_id', 'id']).select('organisation_id', 'id', 'xero_line_items');
        expect(columns.map((r) => r.xero_line_items)).to.deep.equal([null, null, null, null]);

        await sentLinesMigration.up(db);
        expect(await sentLines(), 'a re-run copies nothing twice').to.have.length(3);

        await sentLinesMigration.down(db);
        expect(await sentLines()).to.deep.equal([]);
        const back = await db('purchase_orders')
          .whereNotNull('xero_line_items')
          .orderBy(['organisation_id', 'id'])
          .select('organisation_id', 'xero_line_items');
        expect(back.map((r) => [r.organisation_id, JSON.parse(String(r.xero_line_items))])).to.deep.equal([
          ['o1', lines],
          ['o2', [lines[1]]],
        ]);
      } finally {
        await t.destroy();
      }
    });
  });
}
