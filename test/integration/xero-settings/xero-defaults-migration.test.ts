import { expect } from 'chai';
import { createTestDatabase, dialects } from '../../helpers/test-db.js';
import * as defaultsMigration from '../../../migrations/20261201150000_create-xero-defaults.js';

for (const dialect of dialects()) {
  describe(`xero defaults migration [${dialect}]`, () => {
    it('when it runs again on a migrated database, then nothing fails; down drops both tables and up restores them', async () => {
      const t = await createTestDatabase(dialect);
      try {
        await defaultsMigration.up(t.db);
        await t.db('organisations').insert({ id: 'o1', xero_tenant_id: 't1', name: 'Org' });
        await t.db('xero_defaults').insert({ organisation_id: 'o1', updated_at: new Date().toISOString() });
        await t.db('xero_default_tracking').insert({ organisation_id: 'o1', tracking_category_id: 'tc', tracking_option_id: 'op' });
        const row = await t.db('xero_defaults').where({ organisation_id: 'o1' }).first();
        expect([row.invoice_status, row.purchase_order_status, row.due_date_rule, Number(row.due_days), row.invoice_numbering]).to.deep.equal([
          'DRAFT',
          'DRAFT',
          'contact_terms',
          30,
          'xero',
        ]);
        await defaultsMigration.down(t.db);
        expect([await t.db.schema.hasTable('xero_defaults'), await t.db.schema.hasTable('xero_default_tracking')]).to.deep.equal([false, false]);
        await defaultsMigration.up(t.db);
        expect([await t.db.schema.hasTable('xero_defaults'), await t.db.schema.hasTable('xero_default_tracking')]).to.deep.equal([true, true]);
      } finally {
        await t.destroy();
      }
    });

    it('when an organisation is deleted, then its defaults and default tracking go with it', async () => {
      const t = await createTestDatabase(dialect);
      try {
        await t.db('organisations').insert({ id: 'o1', xero_tenant_id: 't1', name: 'Org' });
        await t.db('xero_defaults').insert({ organisation_id: 'o1', updated_at: new Date().toISOString() });
        await t.db('xero_default_tracking').insert({ organisation_id: 'o1', tracking_category_id: 'tc', tracking_option_id: 'op' });
        await t.db('organisations').where({ id: 'o1' }).delete();
        expect([(await t.db('xero_defaults')).length, (await t.db('xero_default_tracking')).length]).to.deep.equal([0, 0]);
      } finally {
        await t.destroy();
      }
    });
  });
}
