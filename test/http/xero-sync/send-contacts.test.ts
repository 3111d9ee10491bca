import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { contactService } from '../../../src/contacts/index.js';
import { contactInput, makeContact } from '../../helpers/sync-contacts.js';
import { press, signedIn, syncApp, xeroContacts } from './sync-app.js';

const named = (name: string) => (c: { name?: string }) => c.name === name;

describeEachDialect('Send to Xero: contacts against the sandbox', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when a new company with a person is sent from its page, then the sandbox has it with its contact person, and the page shows it linked with Open in Xero', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const id = await makeContact(tdb, { name: 'Wombat Works Pty', email: 'hello@wombat.example', phone: '02 5550 1234' });
    await contactService(tdb).create(
      contactInput({ kind: 'person', name: 'Wendy Wombat', firstName: 'Wendy', lastName: 'Wombat', companyId: id, email: 'wendy@wombat.example' }),
    );

    const before = await agent.get(`/contacts/${id}`);
    expect(before.text).to.contain('Send to Xero').and.contain('Not yet');
    const sent = await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    expect(sent.status).to.equal(303);
    const pending = await agent.get(`/contacts/${id}`);
    expect(pending.text).to.contain('Pending').and.contain('data-sync-poll=').and.contain('/assets/sync-status.js');
    expect(await sa.sync.engine.worker.drain()).to.equal(1);

    const inXero = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter(named('Wombat Works Pty'));
    expect(inXero).to.have.length(1);
    expect(inXero[0]!.emailAddress).to.equal('hello@wombat.example');
    expect(inXero[0]!.contactPersons?.map((p) => [p.firstName, p.lastName, p.emailAddress])).to.deep.equal([['Wendy', 'Wombat', 'wendy@wombat.example']]);
    const row = await db('contacts').where({ organisation_id: org.id, id }).first();
    expect(row.xero_contact_id).to.equal(inXero[0]!.contactID);

    const after = await agent.get(`/contacts/${id}`);
    expect(after.text).to.contain('In Xero').and.contain('Open in Xero').and.contain('Created in Xero');
    // Open in Xero goes to Xero's web app (here the sandbox's) through the organisation's ShortCode.
    const shortCode = String((await db('organisations').where({ id: org.id }).first()).short_code);
    expect(after.text).to.contain(
      `href="${h.url}/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&amp;redirecturl=%2FContacts%2FView%2F${inXero[0]!.contactID}"`,
    );
    expect(after.text).not.to.contain('data-sync-poll=');
    const log = await agent.get('/sync-log');
    expect(log.text).to.contain('Wombat Works Pty').and.contain('Alice Accountant').and.contain('Done');
  });

  it('when a contact with the name of an existing Xero contact is sent, then it is linked to that contact, not duplicated', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const seeded = (await xeroContacts(sa, h, db, org.xeroTenantId)).find(named('ABC Furniture'))!;
    const id = await makeContact(tenantDb(db, org.id), { name: 'ABC Furniture', phone: '5550100' });
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const all = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter(named('ABC Furniture'));
    expect(all.map((c) => c.contactID)).to.deep.equal([seeded.contactID]);
    expect((await db('contacts').where({ organisation_id: org.id, id }).first()).xero_contact_id).to.equal(seeded.contactID);
    expect((await agent.get('/sync-log')).text).to.contain('which has the same name');
  });

  it('when a contact has another name but the email of one Xero contact, then it is linked by email', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const seeded = (await xeroContacts(sa, h, db, org.xeroTenantId)).find(named('ABC Furniture'))!;
    const count = (await xeroContacts(sa, h, db, org.xeroTenantId)).length;
    const id = await makeContact(tenantDb(db, org.id), { name: 'ABC Furniture Group', email: seeded.emailAddress! });
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    expect((await db('contacts').where({ organisation_id: org.id, id }).first()).xero_contact_id).to.equal(seeded.contactID);
    expect(await xeroContacts(sa, h, db, org.xeroTenantId)).to.have.length(count);
    expect((await agent.get('/sync-log')).text).to.contain('which has the same email address');
  });

  it('when Xero has a probable match, then the user chooses: Link links it, Create new creates another contact', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const seeded = (await xeroContacts(sa, h, db, org.xeroTenantId)).find(named('ABC Furniture'))!;
    const first = await makeContact(tdb, { name: 'abc furniture limited' });
    await press(agent, `/contacts/${first}`, `/contacts/${first}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const page = await agent.get(`/contacts/${first}`);
    expect(page.text).to.contain('Needs your choice').and.contain('ABC Furniture').and.contain('>Link</button>').and.contain('Create new');
    const op = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: first }).first();
    expect(op.status).to.equal('waiting');
    expect(await sa.sync.engine.worker.drain(), 'a choice is never made by itself').to.equal(0);
    const linked = await press(agent, `/contacts/${first}`, `/sync-log/${op.id}/link`, {
      xeroContactId: String(seeded.contactID),
      returnTo: `/contacts/${first}`,
    });
    expect(linked.headers.location).to.equal(`/contacts/${first}`);
    await sa.sync.engine.worker.drain();
    expect((await db('contacts').where({ organisation_id: org.id, id: first }).first()).xero_contact_id).to.equal(seeded.contactID);

    const second = await makeContact(tdb, { name: 'A.B.C. Furniture Co' });
    await press(agent, `/contacts/${second}`, `/contacts/${second}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const op2 = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: second }).first();
    expect(op2.outcome).to.equal('needs_choice');
    await press(agent, `/contacts/${second}`, `/sync-log/${op2.id}/create-new`, { returnTo: `/contacts/${second}` });
    await sa.sync.engine.worker.drain();
    const created = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter(named('A.B.C. Furniture Co'));
    expect(created).to.have.length(1);
    expect((await db('contacts').where({ organisation_id: org.id, id: second }).first()).xero_contact_id).to.equal(created[0]!.contactID);
  });

  it('when a sent contact changes, then the page says so and the next send updates it; an unchanged contact costs no call', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const id = await makeContact(tdb, { name: 'Quokka Quarry', email: 'old@quokka.example' });
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    await contactService(tdb).update(id, contactInput({ name: 'Quokka Quarry', email: 'new@quokka.example' }));
    expect((await agent.get(`/contacts/${id}`)).text).to.contain('Changed since last sent');
    // The contacts list's Xero column and filter say the same.
    const changedList = await agent.get('/contacts?xero=changed');
    expect(changedList.text).to.contain('Quokka Quarry').and.contain('Changed since sent');
    expect((await agent.get('/contacts?xero=in')).text).not.to.contain('Quokka Quarry');

    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    expect((await xeroContacts(sa, h, db, org.xeroTenantId)).find(named('Quokka Quarry'))?.emailAddress).to.equal('new@quokka.example');
    expect((await agent.get(`/contacts/${id}`)).text).not.to.contain('Changed since last sent');
    expect((await agent.get('/contacts?xero=in')).text).to.contain('Quokka Quarry');
    expect((await agent.get('/contacts?xero=changed')).text).not.to.contain('Quokka Quarry');
    await makeContact(tdb, { name: 'Never Sent Nursery' });
    const notYet = await agent.get('/contacts?xero=not');
    expect(notYet.text).to.contain('Never Sent Nursery').and.not.contain('Quokka Quarry');

    sa.calls.clear();
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    expect(
      [...sa.calls.keys()].filter((k) => k !== 'forOrganisation' && k !== 'getContact'),
      "no call but the page's balances",
    ).to.deep.equal([]);
    const op = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: id }).orderBy('created_at', 'desc').first();
    expect(op.outcome).to.equal('unchanged');
  });

  it('when the linked Xero contact was archived in Xero, then the next send stops and says so instead of reusing it', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const tdb = tenantDb(db, org.id);
    const id = await makeContact(tdb, { name: 'Numbat Nursery', email: 'a@numbat.example' });
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const xeroId = String((await db('contacts').where({ organisation_id: org.id, id }).first()).xero_contact_id);
    // Someone archives it in Xero.
    const grant = await db('xero_grants').first();
    const client = h.xeroClient();
    client.setTokenSet((await sa.xero.tokenStore.find(String(grant.id)))!.tokenSet);
    await client.accountingApi.updateContact(org.xeroTenantId, xeroId, { contacts: [{ contactID: xeroId, contactStatus: 'ARCHIVED' as never }] });

    await contactService(tdb).update(id, contactInput({ name: 'Numbat Nursery', email: 'b@numbat.example' }));
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const op = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: id }).orderBy('created_at', 'desc').first();
    expect(op.status).to.equal('failed');
    expect(op.result_message).to.contain('archived in Xero');
    expect(op.advice).to.contain('Restore it in Xero');
    const inXero = (await xeroContacts(sa, h, db, org.xeroTenantId)).filter(named('Numbat Nursery'));
    expect(inXero.map((c) => [c.contactID, String(c.contactStatus), c.emailAddress])).to.deep.equal([[xeroId, 'ARCHIVED', 'a@numbat.example']]);
    const page = await agent.get(`/contacts/${id}`);
    expect(page.text).to.contain('Failed').and.contain('archived in Xero').and.contain('>Retry</button>').and.contain('>Cancel</button>');
  });
});
