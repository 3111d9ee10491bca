import { expect } from 'chai';
import type { Database } from '../../../src/db/database.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { createLogger } from '../../../src/common/logger.js';
import { ConflictError, NotFoundError } from '../../../src/common/errors.js';
import { contactRepository, contactService } from '../../../src/contacts/index.js';
import { xeroImports, type XeroImports } from '../../../src/xero-import/index.js';
import { jobRunner } from '../../../src/jobs/index.js';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation, type TestOrganisation } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/contacts.js';
import { FakeImportSource, xeroContact } from './fake-import-source.js';

interface Setup {
  imports: XeroImports;
  sources: Map<string, FakeImportSource>;
  org: TestOrganisation;
  source: FakeImportSource;
}

async function setup(db: Database, staleAfterMs?: number): Promise<Setup> {
  const sources = new Map<string, FakeImportSource>();
  const sourceOf = (orgId: string) => sources.get(orgId) ?? sources.set(orgId, new FakeImportSource()).get(orgId)!;
  const logger = createLogger('silent');
  const imports = xeroImports({
    db,
    logger,
    runner: jobRunner(logger),
    sourceFor: (o) => sourceOf(o.id),
    ...(staleAfterMs !== undefined ? { staleAfterMs } : {}),
  });
  const org = await createTestOrganisation(db, 'Import Org');
  return { imports, sources, org, source: sourceOf(org.id) };
}

const serviceOf = (db: Database, s: Setup, org = s.org) => s.imports.forOrganisation(org, tenantDb(db, org.id));

async function importAll(db: Database, s: Setup, org = s.org) {
  const run = await serviceOf(db, s, org).start('contacts');
  await s.imports.idle();
  return serviceOf(db, s, org).get(run.id);
}

async function crmContacts(db: Database, orgId: string) {
  return db('contacts').where({ organisation_id: orgId }).orderBy('name_key');
}

describeEachDialect('xero import: contacts', (ctx) => {
  it('when 230 Xero contacts are imported, then three pages become 230 linked CRM contacts and the run completes with its counts', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    s.source.contacts = Array.from({ length: 230 }, (_, i) => xeroContact(i + 1, i === 5 ? { contactStatus: 'ARCHIVED' } : {}));
    const run = await importAll(db, s);
    expect(run).to.include({ status: 'completed', nextPage: 4, processed: 230, created: 230, updated: 0, unchanged: 0, skipped: 0, lastError: null });
    expect(run.finishedAt).to.be.instanceOf(Date);
    expect(s.source.pagesAsked).to.deep.equal([1, 2, 3]);
    const rows = await crmContacts(db, s.org.id);
    expect(rows).to.have.length(230);
    expect(new Set(rows.map((r) => r.xero_contact_id)).size).to.equal(230);
    const archived = rows.filter((r) => r.archived_at !== null);
    expect(archived.map((r) => r.name)).to.deep.equal(['Customer 0006']);
  });

  it('when exactly 100 contacts exist, then the run reads the empty page 2 and completes', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    s.source.contacts = Array.from({ length: 100 }, (_, i) => xeroContact(i + 1));
    const run = await importAll(db, s);
    expect(run).to.include({ status: 'completed', processed: 100, created: 100 });
    expect(s.source.pagesAsked).to.deep.equal([1, 2]);
  });

  it('when the import runs again, then nothing is duplicated: unchanged contacts are left alone and changed ones updated', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    s.source.contacts = Array.from({ length: 120 }, (_, i) => xeroContact(i + 1));
    await importAll(db, s);
    s.source.contacts[0] = xeroContact(1, { emailAddress: 'new@customer.example', name: 'Customer 0001 Renamed' });
    s.source.contacts[1] = xeroContact(2, { contactStatus: 'ARCHIVED' });
    const second = await importAll(db, s);
    expect(second).to.include({ status: 'completed', processed: 120, created: 0, updated: 2, unchanged: 118, skipped: 0 });
    const rows = await crmContacts(db, s.org.id);
    expect(rows).to.have.length(120);
    const renamed = rows.find((r) => r.xero_contact_id === s.source.contacts[0]!.contactID);
    expect(renamed).to.include({ name: 'Customer 0001 Renamed', email: 'new@customer.example' });
    expect(rows.find((r) => r.xero_contact_id === s.source.contacts[1]!.contactID)?.archived_at).not.to.equal(null);
  });

  it('when contacts come from Xero by import, then the list says In Xero (created, linked and re-imported ones alike) until a change Xero would see is made in Ledgerside', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    const tdb = tenantDb(db, s.org.id);
    // An unlinked CRM contact with an active Xero contact's name is linked by the import.
    await createContact(db, s.org.id, { name: 'Customer 0002', notes: 'Met at the expo' });
    s.source.contacts = [xeroContact(1), xeroContact(2), xeroContact(3)];
    await importAll(db, s);
    const list = async (xero?: 'in' | 'changed' | 'not') =>
      (
        await contactRepository(tdb).list({
          q: '',
          role: null,
          kind: null,
          archived: 'active',
          sort: 'name',
          dir: 'asc',
          page: 1,
          pageSize: 25,
          ...(xero ? { xero } : {}),
        })
      ).contacts;
    const states = async () => (await list()).map((c) => [c.name, c.xeroState]);
    expect(await states()).to.deep.equal([
      ['Customer 0001', 'in'],
      ['Customer 0002', 'in'],
      ['Customer 0003', 'in'],
    ]);
    expect((await list('changed')).map((c) => c.name)).to.deep.equal([]);
    expect((await list('in')).map((c) => c.name)).to.deep.equal(['Customer 0001', 'Customer 0002', 'Customer 0003']);
    const states3 = await contactRepository(tdb).sendStates((await list()).map((c) => c.id));
    expect(states3.map((c) => c.changedSinceSent)).to.deep.equal([false, false, false]);

    // A change Xero would see, made in Ledgerside after the import (a minute on).
    const one = (await list()).find((c) => c.name === 'Customer 0001')!;
    const later = contactService(tdb, { now: () => new Date(Date.now() + 60_000) });
    const { id: _i, xeroContactId: _x, xeroSentAt: _s, archivedAt: _a, createdAt: _c, updatedAt: _u, ...input } = await later.get(one.id);
    await later.update(one.id, { ...input, email: 'accounts@customer1.example' });
    expect((await list('changed')).map((c) => c.name)).to.deep.equal(['Customer 0001']);
    expect((await contactRepository(tdb).sendStates([one.id]))[0]!.changedSinceSent).to.equal(true);

    // Xero changes another one; the next import brings it (and, Xero owning the fields it has, puts back
    // Xero's email on the first): every one is as Xero has it again.
    s.source.contacts[2] = xeroContact(3, { emailAddress: 'new@customer3.example' });
    const again = await importAll(db, s);
    expect(again).to.include({ updated: 2, unchanged: 1 });
    expect(await states()).to.deep.equal([
      ['Customer 0001', 'in'],
      ['Customer 0002', 'in'],
      ['Customer 0003', 'in'],
    ]);
    expect((await list()).map((c) => c.email)).to.deep.equal([null, null, 'new@customer3.example']);
  });

  it("when Xero fails on page 2, then the run stops there with Xero's message and Resume carries on from page 2 without duplicates", async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    s.source.contacts = Array.from({ length: 250 }, (_, i) => xeroContact(i + 1));
    s.source.failPage = 2;
    const failed = await importAll(db, s);
    expect(failed).to.include({ status: 'failed', nextPage: 2, processed: 100, created: 100 });
    expect(failed.lastError).to.contain('The Xero API is currently offline for maintenance');
    expect(await crmContacts(db, s.org.id)).to.have.length(100);

    await serviceOf(db, s).resume(failed.id);
    await s.imports.idle();
    const resumed = await serviceOf(db, s).get(failed.id);
    expect(resumed).to.include({ status: 'completed', nextPage: 4, processed: 250, created: 250, lastError: null });
    expect(s.source.pagesAsked).to.deep.equal([1, 2, 2, 3]);
    expect(await crmContacts(db, s.org.id)).to.have.length(250);
  });

  it('when a CRM contact already has the name of an active Xero contact and no link, then it is linked, keeping its notes, not duplicated', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    const existingId = await createContact(db, s.org.id, { name: 'customer 0001', notes: 'Met at the expo', isCustomer: false });
    const otherId = await createContact(db, s.org.id, { name: 'Customer 0002' });
    await db('contacts').where({ organisation_id: s.org.id, id: otherId }).update({ xero_contact_id: '99999999-0000-4000-8000-000000000000' });
    s.source.contacts = [xeroContact(1), xeroContact(2), xeroContact(3, { name: 'Customer 0001', contactStatus: 'ARCHIVED' })];
    const run = await importAll(db, s);
    expect(run, run.lastError ?? '').to.include({ processed: 3, created: 1, updated: 1, skipped: 1 });
    const linked = await contactRepository(tenantDb(db, s.org.id)).findById(existingId);
    expect(linked).to.include({ name: 'Customer 0001', notes: 'Met at the expo', isCustomer: true, xeroContactId: s.source.contacts[0]!.contactID });
    const rows = await crmContacts(db, s.org.id);
    // Two rows share a name (one archived), so compare without relying on the database's tie order.
    const pairs = rows.map((r) => `${r.name}|${r.archived_at === null ? 'active' : 'archived'}`).sort();
    expect(pairs).to.deep.equal(['Customer 0001|active', 'Customer 0001|archived', 'Customer 0002|active']);
    const overview = await serviceOf(db, s).overview();
    expect(overview.contacts?.skips).to.deep.equal([
      {
        xeroId: s.source.contacts[1]!.contactID,
        label: 'Customer 0002',
        reason: 'The Ledgerside contact with this name is linked to a different Xero contact.',
      },
    ]);
  });

  it('when two organisations import, then each sees only its own runs and contacts, even for the same Xero ids', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    const other = await createTestOrganisation(db, 'Other Org');
    s.source.contacts = [xeroContact(1), xeroContact(2)];
    s.sources.set(other.id, Object.assign(new (s.source.constructor as typeof FakeImportSource)(), { contacts: [xeroContact(1, { name: 'Theirs' })] }));
    const mine = await importAll(db, s);
    const theirs = await importAll(db, s, other);
    expect((await crmContacts(db, s.org.id)).map((r) => r.name)).to.deep.equal(['Customer 0001', 'Customer 0002']);
    expect((await crmContacts(db, other.id)).map((r) => r.name)).to.deep.equal(['Theirs']);
    let notFound: unknown;
    try {
      await serviceOf(db, s, other).get(mine.id);
    } catch (error) {
      notFound = error;
    }
    expect(notFound).to.be.instanceOf(NotFoundError);
    expect((await serviceOf(db, s).latest()).contacts?.id).to.equal(mine.id);
    expect((await serviceOf(db, s, other).latest()).contacts?.id).to.equal(theirs.id);
  });

  it('when an import of contacts is already running, then a second start is refused and the first finishes alone', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    s.source.contacts = [xeroContact(1)];
    await serviceOf(db, s).start('contacts');
    let refused: unknown;
    try {
      await serviceOf(db, s).start('contacts');
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(ConflictError);
    await s.imports.idle();
    expect(await db('xero_import_runs').where({ organisation_id: s.org.id })).to.have.length(1);
    expect(await crmContacts(db, s.org.id)).to.have.length(1);
  });

  it('when a run was left running by a process that stopped, then it shows as failed and resumes from its next page', async () => {
    const { db } = ctx.current();
    const s = await setup(db, 1000);
    s.source.contacts = Array.from({ length: 150 }, (_, i) => xeroContact(i + 1));
    const old = new Date(Date.now() - 60_000).toISOString();
    await db('xero_import_runs').insert({
      organisation_id: s.org.id,
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      kind: 'contacts',
      status: 'running',
      next_page: 2,
      processed: 100,
      created: 100,
      started_at: old,
      updated_at: old,
    });
    const latest = (await serviceOf(db, s).latest()).contacts!;
    expect(latest).to.include({ status: 'failed', nextPage: 2 });
    expect(latest.lastError).to.contain('carry on from page 2');
    await serviceOf(db, s).resume(latest.id);
    await s.imports.idle();
    expect(await serviceOf(db, s).get(latest.id)).to.include({ status: 'completed', processed: 150, created: 150 });
    expect(s.source.pagesAsked).to.deep.equal([2]);
  });

  it('when resuming a run that did not fail, then it is refused', async () => {
    const { db } = ctx.current();
    const s = await setup(db);
    s.source.contacts = [xeroContact(1)];
    const run = await importAll(db, s);
    let refused: unknown;
    try {
      await serviceOf(db, s).resume(run.id);
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(ConflictError);
    expect((await serviceOf(db, s).get(run.id)).status).to.equal('completed');
  });
});
