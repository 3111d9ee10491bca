import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { contactRepository } from '../../../src/contacts/index.js';
import type { ContactListOptions } from '../../../src/contacts/contact-repository.js';
import { contactInput, createContact } from '../../fixtures/contacts.js';

const LIST: ContactListOptions = { q: '', role: null, kind: null, archived: 'active', sort: 'name', dir: 'asc', page: 1, pageSize: 25 };

describeEachDialect('contact search key kept by the database', (ctx) => {
  it("when a contact's name or email changes, then the search finds the new values and not the old", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const id = await createContact(db, org.id, { name: 'Harbour Cafe', email: 'accounts@harbour.example' });
    const repo = contactRepository(tenantDb(db, org.id));
    const names = async (q: string) => (await repo.list({ ...LIST, q })).contacts.map((c) => c.name);
    await repo.update(id, contactInput({ name: 'Quayside Kitchen', email: 'Bills@Quayside.EXAMPLE' }), new Date());
    expect(await names('quayside kitchen')).to.deep.equal(['Quayside Kitchen']);
    expect(await names('bills@quayside.example')).to.deep.equal(['Quayside Kitchen']);
    expect(await names('harbour')).to.deep.equal([]);
    await repo.update(id, contactInput({ name: 'Quayside Kitchen', email: null }), new Date());
    expect(await names('bills@')).to.deep.equal([]);
    expect(await names('QUAYSIDE')).to.deep.equal(['Quayside Kitchen']);
  });

  it('when a contact row is written straight to the table, then it is searchable too, and a match never spans name and email', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    await db('contacts').insert({
      organisation_id: org.id,
      id: 'c-direct',
      kind: 'company',
      name: 'Gamma Glass',
      name_key: 'gamma glass',
      email: 'Sales@Gamma.example',
    });
    const repo = contactRepository(tenantDb(db, org.id));
    const ids = async (q: string) => (await repo.list({ ...LIST, q })).contacts.map((c) => c.id);
    expect(await ids('gamma glass')).to.deep.equal(['c-direct']);
    expect(await ids('sales@gamma')).to.deep.equal(['c-direct']);
    expect(await ids('glass sales')).to.deep.equal([]);
  });
});
