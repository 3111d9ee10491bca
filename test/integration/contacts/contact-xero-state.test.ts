import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { createTestOrganisation } from '../../helpers/signed-in.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { contactService, type ContactInput } from '../../../src/contacts/index.js';
import type { ContactListOptions } from '../../../src/contacts/contact-repository.js';
import { contactInput } from '../../helpers/sync-contacts.js';

const LIST: ContactListOptions = { q: '', role: null, kind: null, archived: 'active', sort: 'name', dir: 'asc', page: 1, pageSize: 25 };

describeEachDialect('contacts list: In Xero / Not yet / Changed since sent', (ctx) => {
  it("when a company's people change, then the company shows Changed since sent; an edit Xero never sees (notes) does not; the filter agrees", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const tdb = tenantDb(db, org.id);
    let clock = Date.parse('2026-12-01T10:00:00Z');
    const tick = () => new Date((clock += 1_000));
    const service = contactService(tdb, { now: tick });
    const company = await service.create(contactInput({ name: 'Kookaburra Co' }));
    const person = await service.create(
      contactInput({ kind: 'person', name: 'Kim Kook', firstName: 'Kim', lastName: 'Kook', companyId: company, email: 'kim@kook.example' }),
    );
    await service.create(contactInput({ name: 'Never Sent Ltd' }));
    // The sync engine records a send of the company (ContactPersons included).
    const sent = async () => tdb.update('contacts', { id: company }, { xero_contact_id: 'x-1', xero_sent_at: tick().toISOString() });
    const stateOf = async () => {
      const page = await service.list(LIST);
      return Object.fromEntries(page.contacts.map((c) => [c.name, c.xeroState]));
    };
    const filtered = async (xero: 'in' | 'not' | 'changed') => (await service.list({ ...LIST, xero })).contacts.map((c) => c.name);
    const personInput = async (patch: Partial<ContactInput>): Promise<ContactInput> => {
      const { id: _id, xeroContactId: _x, xeroSentAt: _s, archivedAt: _a, createdAt: _c, updatedAt: _u, ...input } = await service.get(person);
      return { ...input, ...patch };
    };

    await sent();
    expect((await stateOf())['Kookaburra Co']).to.equal('in');
    expect(await filtered('in')).to.deep.equal(['Kookaburra Co']);
    expect(await filtered('not')).to.include.members(['Kim Kook', 'Never Sent Ltd']);

    await service.update(person, await personInput({ email: 'kim@kookaburra.example' }));
    expect((await stateOf())['Kookaburra Co'], "a person's new email").to.equal('changed');
    expect(await filtered('changed')).to.deep.equal(['Kookaburra Co']);

    await sent();
    await service.update(person, await personInput({ notes: 'Prefers calls' }));
    expect((await stateOf())['Kookaburra Co'], 'notes go nowhere in Xero').to.equal('in');
    const { id: _i, xeroContactId: _x, xeroSentAt: _s, archivedAt: _a, createdAt: _c, updatedAt: _u, ...companyInput } = await service.get(company);
    await service.update(company, { ...companyInput, notes: 'Good payer' });
    expect((await stateOf())['Kookaburra Co'], "the company's own notes").to.equal('in');

    await service.create(contactInput({ kind: 'person', name: 'Kat Kook', firstName: 'Kat', companyId: company }));
    expect((await stateOf())['Kookaburra Co'], 'a new person').to.equal('changed');
    await sent();
    await service.archive(person);
    expect((await stateOf())['Kookaburra Co'], 'a person archived').to.equal('changed');
    await sent();
    await service.update(company, { ...companyInput, phone: '07 5550 0000' });
    expect((await stateOf())['Kookaburra Co'], "the company's phone").to.equal('changed');
    expect(await filtered('in')).to.deep.equal([]);
  });
});
