/**
 * Issue 18's schema changes: the trigram indexes for substring search on PostgreSQL (nothing on SQLite),
 * the dashboard's open-totals indexes and the sync log's list indexes; searches return the same on both
 * dialects, scoped to the organisation, with LIKE wildcards literal.
 */
import { expect } from 'chai';
import { createTestDatabase, describeEachDialect, dialects } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { migrateLatest } from '../../../src/db/database.js';
import { contactRepository } from '../../../src/contacts/index.js';
import type { ContactListOptions } from '../../../src/contacts/contact-repository.js';
import { createContact } from '../../fixtures/contacts.js';
import * as trigram from '../../../migrations/20261202080000_postgres-trigram-search.js';
import * as purchaseOrdersTrigram from '../../../migrations/20261202080300_purchase-orders-contracts-trigram-search.js';
import type { Database } from '../../../src/db/database.js';

const LIST: ContactListOptions = { q: '', role: null, kind: null, archived: 'active', sort: 'name', dir: 'asc', page: 1, pageSize: 25 };

async function indexNames(db: Database, table: string): Promise<string[]> {
  if ((db.client as { dialect?: string }).dialect === 'postgresql') {
    const result = (await db.raw('select indexname from pg_indexes where tablename = ?', [table])) as { rows: Array<{ indexname: string }> };
    return result.rows.map((r) => r.indexname);
  }
  const rows = (await db.raw(`select name from sqlite_master where type = 'index' and tbl_name = ?`, [table])) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

describeEachDialect('search and list indexes (issue 18)', (ctx) => {
  it('when contacts of two organisations share a name part, then a substring search finds only this organisation’s, case-insensitively, with % literal', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const other = await createTestOrganisation(db);
    await createContact(db, org.id, { name: 'Smithson Joinery', email: 'office@smithson.example' });
    await createContact(db, org.id, { name: 'Jo Blacksmith' });
    await createContact(db, org.id, { name: 'Harbour Cafe', email: 'accounts@SMITH-supplies.example' });
    await createContact(db, org.id, { name: '50% Off Ltd' });
    await createContact(db, org.id, { name: '500 Offices' });
    await createContact(db, other.id, { name: 'Smith Other Org' });
    const repo = contactRepository(tenantDb(db, org.id));
    const names = async (q: string) => (await repo.list({ ...LIST, q })).contacts.map((c) => c.name);
    expect(await names('SMITH')).to.deep.equal(['Harbour Cafe', 'Jo Blacksmith', 'Smithson Joinery']);
    expect(await names('50%')).to.deep.equal(['50% Off Ltd']);
    expect(await names('mi')).to.deep.equal(['Harbour Cafe', 'Jo Blacksmith', 'Smithson Joinery']);
    expect((await repo.list({ ...LIST, q: 'smith' })).total).to.equal(3);
  });

  it('when migrated, then the open-totals and sync-log indexes exist, the old sync-log index is gone, and PostgreSQL has the trigram indexes', async () => {
    const { db, dialect } = ctx.current();
    for (const table of ['quotes', 'sales_orders']) expect(await indexNames(db, table)).to.include(`${table}_org_open_totals_idx`);
    const log = await indexNames(db, 'xero_sync_operations');
    expect(log).to.include.members(['xero_sync_operations_org_log_idx', 'xero_sync_operations_org_status_log_idx']);
    expect(log).not.to.include('xero_sync_operations_org_created_idx');
    for (const table of ['contacts', 'quotes', 'sales_orders', 'purchase_orders', 'contracts']) {
      const names = await indexNames(db, table);
      if (dialect === 'pg') expect(names).to.include(`${table}_search_trgm_idx`);
      else expect(names).not.to.include(`${table}_search_trgm_idx`);
    }
  });

  it("when a record page lists a contact's documents, sends and history, or a sales order's purchase orders, then each comes from an index on the record, in order (no walk of the organisation's list)", async () => {
    const { db, dialect } = ctx.current();
    for (const table of ['quotes', 'sales_orders', 'purchase_orders', 'contracts']) {
      const names = await indexNames(db, table);
      expect(names).to.include(`${table}_org_contact_date_idx`);
      expect(names).not.to.include(`${table}_org_contact_idx`);
    }
    expect(await indexNames(db, 'xero_sync_operations')).to.include('xero_sync_operations_record_log_idx');
    expect(await indexNames(db, 'audit_entries')).to.include('audit_entries_org_record_idx');
    expect(await indexNames(db, 'purchase_orders'))
      .to.include('purchase_orders_org_sales_order_date_idx')
      .and.not.include('purchase_orders_org_sales_order_idx');
    if (dialect !== 'sqlite') return;
    // SQLite has no statistics here: it picks by shape, which is what walked 50,000 sync-log entries before.
    const plan = async (sql: string) => ((await db.raw(`explain query plan ${sql}`)) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const orders = await plan("select id from sales_orders where organisation_id = 'o' and contact_id = 'c' order by issue_date desc, number desc limit 5");
    expect(orders).to.contain('sales_orders_org_contact_date_idx');
    expect(orders).not.to.contain('TEMP B-TREE');
    const sends = await plan(
      "select * from xero_sync_operations where organisation_id = 'o' and record_kind = 'contact' and record_id = 'c' order by created_at desc, id desc limit 3",
    );
    expect(sends).to.contain('xero_sync_operations_record_log_idx');
    expect(sends).not.to.contain('TEMP B-TREE');
    const history = await plan(
      "select * from audit_entries where organisation_id = 'o' and record_kind = 'contacts' and record_id = 'c' order by at desc, id desc limit 10",
    );
    expect(history).to.contain('audit_entries_org_record_idx');
    expect(history).not.to.contain('TEMP B-TREE');
    const purchases = await plan("select id from purchase_orders where organisation_id = 'o' and sales_order_id = 's' order by issue_date desc, number desc");
    expect(purchases).to.contain('purchase_orders_org_sales_order_date_idx');
    expect(purchases).not.to.contain('TEMP B-TREE');
  });
});

if (dialects().includes('pg')) {
  describe('trigram search on PostgreSQL (issue 18)', () => {
    it('when sequential scans are ruled out, then a substring search of the keys is answered by the trigram index', async () => {
      const t = await createTestDatabase('pg');
      try {
        const org = await createTestOrganisation(t.db);
        await createContact(t.db, org.id, { name: 'Smithson Joinery' });
        const plan = await t.db.transaction(async (trx) => {
          await trx.raw('set local enable_seqscan = off');
          await trx.raw('set local enable_indexscan = off');
          // Without the organisation's condition, so the planner cannot pick a b-tree on organisation_id
          // for a table this small: the trigram index is then the only index that can answer the ILIKE.
          const result = (await trx.raw(`explain select id from contacts where search_key ilike ? escape '\\'`, ['%smith%'])) as {
            rows: Array<{ 'QUERY PLAN': string }>;
          };
          return result.rows.map((r) => r['QUERY PLAN']).join('\n');
        });
        expect(plan).to.contain('contacts_search_trgm_idx');
      } finally {
        await t.destroy();
      }
    });

    it('when the trigram migration is rolled back and run again, then its indexes go and come back and nothing fails', async () => {
      const t = await createTestDatabase('pg');
      try {
        // In rollback order: the later migration's index depends on the extensions the first one drops.
        await purchaseOrdersTrigram.down(t.db);
        await trigram.down(t.db);
        expect(await indexNames(t.db, 'contacts')).not.to.include('contacts_search_trgm_idx');
        expect(await indexNames(t.db, 'purchase_orders')).not.to.include('purchase_orders_search_trgm_idx');
        for (const migration of [trigram, purchaseOrdersTrigram, trigram, purchaseOrdersTrigram]) await migration.up(t.db);
        expect(await indexNames(t.db, 'contacts')).to.include('contacts_search_trgm_idx');
        expect(await indexNames(t.db, 'purchase_orders')).to.include('purchase_orders_search_trgm_idx');
        expect(await migrateLatest(t.db)).to.deep.equal([]);
      } finally {
        await t.destroy();
      }
    });
  });
}
