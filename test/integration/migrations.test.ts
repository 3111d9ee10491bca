import { expect } from 'chai';
import { createTestDatabase, dialects } from '../helpers/test-db.js';
import { migrateLatest, migrateRollbackAll } from '../../src/db/database.js';
import * as documentSearchKeys from '../../migrations/20261126100100_document-search-keys.js';
import * as contactSearchKeys from '../../migrations/20261126100200_contact-search-keys.js';

const TABLES = [
  'users',
  'organisations',
  'memberships',
  'sessions',
  'xero_grants',
  'xero_connections',
  'contacts',
  'xero_accounts',
  'xero_tax_rates',
  'xero_items',
  'xero_currencies',
  'xero_tracking_categories',
  'xero_tracking_options',
  'xero_branding_themes',
  'xero_settings_sync',
  'products',
  'document_sequences',
  'projects',
  'quotes',
  'quote_lines',
  'sales_orders',
  'sales_order_lines',
  'xero_import_runs',
  'xero_import_skips',
  'xero_sync_operations',
  'xero_bulk_runs',
];

for (const dialect of dialects()) {
  describe(`migrations [${dialect}]`, () => {
    it('when migrations go up, down and up again, then every table exists at the end and none in between', async () => {
      const t = await createTestDatabase(dialect, { migrate: false });
      try {
        expect(await migrateLatest(t.db)).to.have.length.greaterThan(0);
        for (const table of TABLES) expect(await t.db.schema.hasTable(table), `${table} after up`).to.equal(true);
        await migrateRollbackAll(t.db);
        for (const table of TABLES) expect(await t.db.schema.hasTable(table), `${table} after down`).to.equal(false);
        await migrateLatest(t.db);
        for (const table of TABLES) expect(await t.db.schema.hasTable(table), `${table} after up again`).to.equal(true);
        expect(await migrateLatest(t.db), 'a second run applies nothing').to.deep.equal([]);
      } finally {
        await t.destroy();
      }
    });

    it('when a membership names a missing user, then the database refuses it (foreign keys on)', async () => {
      const t = await createTestDatabase(dialect);
      try {
        await t.db('organisations').insert({ id: 'o1', xero_tenant_id: 't1', name: 'Org' });
        let failed = false;
        try {
          await t.db('memberships').insert({ user_id: 'nobody', organisation_id: 'o1' });
        } catch {
          failed = true;
        }
        expect(failed).to.equal(true);
        expect(await t.db('memberships').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
      } finally {
        await t.destroy();
      }
    });

    it('when the search-key migrations run again on a migrated database, then nothing fails and the keys still follow a rename', async () => {
      const t = await createTestDatabase(dialect);
      try {
        await documentSearchKeys.up(t.db);
        await contactSearchKeys.up(t.db);
        await t.db('organisations').insert({ id: 'o1', xero_tenant_id: 't1', name: 'Org' });
        await t.db('contacts').insert({ organisation_id: 'o1', id: 'c1', kind: 'company', name: 'Old Name', name_key: 'old name', email: 'A@B.example' });
        await t.db('sales_orders').insert({
          organisation_id: 'o1',
          id: 's1',
          number: 'SO-1',
          contact_id: 'c1',
          issue_date: '2026-11-01',
          currency: 'AUD',
          line_amount_types: 'Exclusive',
        });
        await t.db('contacts').where({ organisation_id: 'o1', id: 'c1' }).update({ name: 'New Name', name_key: 'new name' });
        expect((await t.db('contacts').where({ id: 'c1' }).first()).search_key).to.equal('new name\u001fa@b.example');
        expect((await t.db('sales_orders').where({ id: 's1' }).first()).search_key).to.equal('new name\u001fso-1\u001f');
      } finally {
        await t.destroy();
      }
    });
  });
}
