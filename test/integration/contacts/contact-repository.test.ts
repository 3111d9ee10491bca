import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { contactRepository, contactService } from '../../../src/contacts/index.js';
import type { ContactListOptions } from '../../../src/contacts/contact-repository.js';
import { contactInput, createContact } from '../../fixtures/contacts.js';

const LIST: ContactListOptions = { q: '', role: null, kind: null, archived: 'active', sort: 'name', dir: 'asc', page: 1, pageSize: 25 };

describeEachDialect('contact repository', (ctx) => {
  it('when searching, then name and email match case-insensitively and LIKE wildcards are literal', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    await createContact(db, org.id, { name: 'Harbour Cafe', email: 'Accounts@Harbour.example' });
    await createContact(db, org.id, { name: '100% Organic' });
    await createContact(db, org.id, { name: '1000 Organics' });
    const repo = contactRepository(tenantDb(db, org.id));
    expect((await repo.list({ ...LIST, q: 'HARBOUR' })).contacts.map((c) => c.name)).to.deep.equal(['Harbour Cafe']);
    expect((await repo.list({ ...LIST, q: 'accounts@harbour' })).contacts.map((c) => c.name)).to.deep.equal(['Harbour Cafe']);
    expect((await repo.list({ ...LIST, q: '100%' })).contacts.map((c) => c.name)).to.deep.equal(['100% Organic']);
  });

  it('when filtering by role, kind and archived state, then only matching contacts are listed', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const company = await createContact(db, org.id, { name: 'Buyer Co', isCustomer: true });
    await createContact(db, org.id, { name: 'Seller Co', isCustomer: false, isSupplier: true });
    await createContact(db, org.id, { name: 'Pat Person', kind: 'person', companyId: company });
    const old = await createContact(db, org.id, { name: 'Old Co' });
    await contactService(tenantDb(db, org.id)).archive(old);
    const repo = contactRepository(tenantDb(db, org.id));
    const names = async (f: Partial<ContactListOptions>) => (await repo.list({ ...LIST, ...f })).contacts.map((c) => c.name);
    expect(await names({ role: 'supplier' })).to.deep.equal(['Seller Co']);
    expect(await names({ kind: 'person' })).to.deep.equal(['Pat Person']);
    expect(await names({ archived: 'archived' })).to.deep.equal(['Old Co']);
    expect(await names({ archived: 'all' })).to.deep.equal(['Buyer Co', 'Old Co', 'Pat Person', 'Seller Co']);
    const page = await repo.list({ ...LIST, kind: 'person' });
    expect(page.contacts[0]?.companyName).to.equal('Buyer Co');
  });

  it('when sorting and paging, then pages are stable and the total counts every match', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    for (const [i, name] of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'].entries()) {
      await createContact(db, org.id, { name, email: `${String.fromCharCode(122 - i)}@example.com` }, new Date(Date.UTC(2026, 0, 1 + i)));
    }
    const repo = contactRepository(tenantDb(db, org.id));
    const p1 = await repo.list({ ...LIST, pageSize: 2 });
    const p3 = await repo.list({ ...LIST, pageSize: 2, page: 3 });
    expect(p1.total).to.equal(5);
    expect(p1.contacts.map((c) => c.name)).to.deep.equal(['Alpha', 'Bravo']);
    expect(p3.contacts.map((c) => c.name)).to.deep.equal(['echo']);
    expect((await repo.list({ ...LIST, sort: 'created', dir: 'desc' })).contacts.map((c) => c.name)).to.deep.equal([
      'echo',
      'Bravo',
      'charlie',
      'Alpha',
      'delta',
    ]);
    expect((await repo.list({ ...LIST, sort: 'email' })).contacts.map((c) => c.name)).to.deep.equal(['echo', 'Bravo', 'charlie', 'Alpha', 'delta']);
  });

  it('when two active contacts would share a name, then the database refuses it even past the service check', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const repo = contactRepository(tenantDb(db, org.id));
    await repo.insert('11111111-1111-1111-1111-111111111111', contactInput({ name: 'Same Name' }), new Date());
    let refused = false;
    try {
      await repo.insert('22222222-2222-2222-2222-222222222222', contactInput({ name: 'same name ' }), new Date());
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });

  it('when a name is only used by an archived contact or another organisation, then it is free', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const other = await createTestOrganisation(db);
    await createContact(db, other.id, { name: 'Shared Name' });
    const archived = await createContact(db, org.id, { name: 'Shared Name' });
    await contactService(tenantDb(db, org.id)).archive(archived);
    const id = await createContact(db, org.id, { name: 'Shared Name' });
    expect(id).to.be.a('string');
    expect(await contactRepository(tenantDb(db, org.id)).activeNameTaken('SHARED NAME')).to.equal(true);
  });

  it("when reading by id, then another organisation's contact is invisible to every repository method", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const other = await createTestOrganisation(db);
    const theirs = await createContact(db, other.id, { name: 'Theirs Co' });
    await createContact(db, other.id, { name: 'Their Person', kind: 'person', companyId: theirs });
    const repo = contactRepository(tenantDb(db, org.id));
    expect(await repo.findById(theirs)).to.equal(null);
    expect(await repo.kindOf(theirs)).to.equal(null);
    expect(await repo.peopleOf(theirs)).to.deep.equal([]);
    expect(await repo.companies({ limit: 10 })).to.deep.equal([]);
    expect((await repo.list({ ...LIST, archived: 'all' })).total).to.equal(0);
    expect(await repo.update(theirs, contactInput({ name: 'Changed' }), new Date())).to.equal(false);
    expect(await repo.setArchived(theirs, new Date(), new Date())).to.equal(false);
    expect((await db('contacts').where({ id: theirs }).first()).name).to.equal('Theirs Co');
  });

  it('when a contact is saved and read back, then every field survives the round trip', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const input = contactInput({
      kind: 'person',
      name: 'Ana Lee',
      firstName: 'Ana',
      lastName: 'Lee',
      isSupplier: true,
      email: 'ana@example.com',
      phone: '1',
      mobile: '2',
      postalAddress: { line1: 'PO Box 1', line2: null, city: 'Wellington', region: 'Wellington', postalCode: '6011', country: 'NZ' },
      streetAddress: { line1: '1 Main St', line2: 'Level 2', city: 'Wellington', region: null, postalCode: '6011', country: 'NZ' },
      taxNumber: '123-456-789',
      defaultCurrency: 'NZD',
      paymentTermsDays: 7,
      paymentTermsType: 'DAYSAFTERBILLDATE',
      notes: 'line 1\nline 2',
    });
    const savedAt = new Date('2026-11-20T09:30:15.000Z');
    const id = await contactService(tenantDb(db, org.id), { now: () => savedAt }).create(input);
    const saved = await contactRepository(tenantDb(db, org.id)).findById(id);
    const { id: _id, xeroContactId, xeroSentAt, archivedAt, createdAt, updatedAt, ...rest } = saved!;
    expect(rest).to.deep.equal(input);
    expect([xeroContactId, xeroSentAt, archivedAt]).to.deep.equal([null, null, null]);
    expect([createdAt.toISOString(), updatedAt.toISOString()]).to.deep.equal([savedAt.toISOString(), savedAt.toISOString()]);
  });
});
