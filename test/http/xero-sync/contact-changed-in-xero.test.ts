/**
 * CONTACT events end to end (both dialects): the in-process sandbox delivers its signed webhooks to the
 * app's receiver (as demo mode does); an accountant's edit in Xero shows on the contact's page as
 * "Changed in Xero" side by side, and nothing is overwritten until the user chooses.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { contactService } from '../../../src/contacts/index.js';
import { TenantStore } from '../../../src/sandbox/accounting/store.js';
import { sandboxControlsOf } from '../../../src/sandbox/accounting/index.js';
import * as actions from '../../../src/sandbox/accounting/accountant-actions.js';
import type { ChangeEvent } from '../../../src/sandbox/accounting/http.js';
import { makeContact } from '../../helpers/sync-contacts.js';
import { press, signedIn, syncApp, xeroContacts, type SyncApp } from './sync-app.js';

const address = (line1: string, city: string, postalCode: string) => ({ line1, line2: null, city, region: null, postalCode, country: 'Australia' });

describeEachDialect('Contacts changed in Xero (CONTACT webhooks)', (ctx) => {
  let h: SandboxHarness;
  let server: Server;
  let current: express.Express | undefined;
  beforeEach(async () => {
    // The app listens first (its URL goes into the sandbox's webhook settings); the app itself is built next.
    const front = express();
    front.use((req, res, next) => (current ? current(req, res, next) : res.status(503).end()));
    server = await new Promise<Server>((resolve) => {
      const s = front.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/xero`;
    h = await startSandboxHarness({ env: { SANDBOX_WEBHOOK_URL: url, SANDBOX_WEBHOOK_KEY: 'test-webhook-key' } });
  });
  afterEach(async () => {
    await h.close();
    current = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** What the accountant does in Xero's web app, then the webhook it raises, delivered. */
  async function inXero(tenantId: string, work: (store: TenantStore, c: actions.ActionContext) => Promise<unknown>): Promise<void> {
    const events: ChangeEvent[] = [];
    await new TenantStore(h.db, tenantId).transaction((store) => work(store, { nowMs: h.clock.now(), baseCurrency: 'AUD', events }));
    sandboxControlsOf(h.sandbox.api)!.webhooks.publish(tenantId, events, h.apiBasePath);
    await h.accountingControls?.flushWebhooks();
  }

  async function setUp(): Promise<{
    sa: SyncApp;
    agent: Awaited<ReturnType<typeof signedIn>>['agent'];
    org: Awaited<ReturnType<typeof signedIn>>['org'];
    id: string;
    xeroId: string;
  }> {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    current = sa.app;
    const { agent, org } = await signedIn(sa, h, db);
    const id = await makeContact(tenantDb(db, org.id), {
      name: 'Platypus Plumbing',
      email: 'hello@platypus.example',
      phone: '02 5550 1111',
      streetAddress: address('1 Creek Rd', 'Hobart', '7000'),
    });
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    expect(await sa.sync.engine.worker.drain()).to.equal(1);
    await h.accountingControls?.flushWebhooks();
    // Ledgerside's own send comes back as a CONTACT CREATE: nothing differs, nothing to show.
    await sa.webhooks!.worker.drain();
    const xeroId = String((await db('contacts').where({ organisation_id: org.id, id }).first()).xero_contact_id);
    expect((await agent.get(`/contacts/${id}`)).text).not.to.contain('Changed in Xero');
    return { sa, agent, org, id, xeroId };
  }

  it("when an accountant changes the name, email and street address in Xero, then the page shows them side by side; Take Xero's values updates the CRM and the next send costs no call", async () => {
    const { db } = ctx.current();
    const { sa, agent, org, id, xeroId } = await setUp();

    await inXero(org.xeroTenantId, async (store, c) => {
      await actions.editContactNameAndEmail(store, xeroId, { name: 'Platypus Plumbing Pty Ltd', email: 'accounts@platypus.example' }, c);
      await actions.editContactAddress(store, xeroId, { type: 'STREET', line1: '9 River St', city: 'Launceston', postalCode: '7250', country: 'Australia' }, c);
    });
    const events = (await sa.webhooks!.events.recent()).filter((e) => e.resourceId === xeroId && e.status === 'pending');
    expect(events.map((e) => [e.category, e.type])).to.deep.include(['CONTACT', 'UPDATE']);
    await sa.webhooks!.worker.drain();
    const handled = (await sa.webhooks!.events.recent()).filter((e) => e.resourceId === xeroId && e.type === 'UPDATE');
    expect(handled.every((e) => e.status === 'handled')).to.equal(true);
    expect(handled.map((e) => e.reason)).to.include("changed in Xero: Name, Email, Street address (shown on Platypus Plumbing's page)");

    // Nothing was overwritten in the CRM.
    const crm = await contactService(tenantDb(db, org.id)).get(id);
    expect([crm.name, crm.email, crm.streetAddress.city]).to.deep.equal(['Platypus Plumbing', 'hello@platypus.example', 'Hobart']);

    const page = (await agent.get(`/contacts/${id}`)).text.replace(/\s+/g, ' ');
    expect(page).to.contain('Changed in Xero');
    expect(page).to.contain('<th scope="row">Name</th> <td>Platypus Plumbing</td> <td>Platypus Plumbing Pty Ltd</td>');
    expect(page).to.contain('<th scope="row">Email</th> <td>hello@platypus.example</td> <td>accounts@platypus.example</td>');
    expect(page).to.contain(
      '<th scope="row">Street address</th> <td>1 Creek Rd, Hobart, 7000, Australia</td> <td>9 River St, Launceston, 7250, Australia</td>',
    );
    expect(page).not.to.contain('<th scope="row">Phone</th>');
    expect(page).to.contain(">Take Xero's values</button>").and.contain("Keep Ledgerside's values");

    // One field first: the email.
    const one = await press(agent, `/contacts/${id}`, `/contacts/${id}/xero-changes/take`, { field: 'email' });
    expect(one.status).to.equal(303);
    expect((await contactService(tenantDb(db, org.id)).get(id)).email).to.equal('accounts@platypus.example');
    const after = (await agent.get(`/contacts/${id}`)).text.replace(/\s+/g, ' ');
    expect(after).to.contain('Took Xero&#39;s values: Email.');
    expect(after).not.to.contain('<th scope="row">Email</th>');
    expect(after).to.contain('<th scope="row">Name</th>');

    // Then all the rest.
    await press(agent, `/contacts/${id}`, `/contacts/${id}/xero-changes/take`, { field: 'all' });
    const taken = await contactService(tenantDb(db, org.id)).get(id);
    expect([taken.name, taken.email, taken.streetAddress.line1, taken.streetAddress.city, taken.streetAddress.postalCode]).to.deep.equal([
      'Platypus Plumbing Pty Ltd',
      'accounts@platypus.example',
      '9 River St',
      'Launceston',
      '7250',
    ]);
    const final = (await agent.get(`/contacts/${id}`)).text;
    expect(final).not.to.contain('Changed in Xero').and.not.to.contain('Changed since last sent');

    // Ledgerside and Xero agree: the next send costs no call.
    sa.calls.clear();
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    expect([...sa.calls.keys()]).to.deep.equal([]);
    expect((await db('xero_sync_operations').where({ organisation_id: org.id, record_id: id }).orderBy('created_at', 'desc').first()).outcome).to.equal(
      'unchanged',
    );
    expect((await agent.get('/contacts?xero=in')).text).to.contain('Platypus Plumbing Pty Ltd');
  });

  it("when Ledgerside changes the contact too, then a send stops instead of overwriting Xero's change; Keep Ledgerside's values sends Ledgerside's", async () => {
    const { db } = ctx.current();
    const { sa, agent, org, id, xeroId } = await setUp();
    await inXero(org.xeroTenantId, (store, c) =>
      actions.editContactNameAndEmail(store, xeroId, { name: 'Platypus Plumbing', email: 'xero@platypus.example' }, c),
    );
    const tdb = tenantDb(db, org.id);
    const { id: _i, xeroContactId: _x, xeroSentAt: _s, archivedAt: _a, createdAt: _c, updatedAt: _u, ...input } = await contactService(tdb).get(id);
    await contactService(tdb).update(id, { ...input, email: 'crm@platypus.example', phone: '02 5550 2222' });

    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const stopped = await db('xero_sync_operations').where({ organisation_id: org.id, record_id: id }).orderBy('created_at', 'desc').first();
    expect(stopped.status).to.equal('failed');
    expect(stopped.result_message).to.equal('Platypus Plumbing was changed in Xero since Ledgerside sent it (Email).');
    const inXeroNow = (await xeroContacts(sa, h, db, org.xeroTenantId)).find((c) => c.contactID === xeroId)!;
    expect(inXeroNow.emailAddress, 'Xero keeps its change').to.equal('xero@platypus.example');
    const page = (await agent.get(`/contacts/${id}`)).text.replace(/\s+/g, ' ');
    expect(page).to.contain('<th scope="row">Email</th> <td>crm@platypus.example</td> <td>xero@platypus.example</td>');

    await press(agent, `/contacts/${id}`, `/contacts/${id}/xero-changes/keep`);
    await sa.sync.engine.worker.drain();
    const sent = (await xeroContacts(sa, h, db, org.xeroTenantId)).find((c) => c.contactID === xeroId)!;
    expect([sent.emailAddress, sent.phones?.find((p) => String(p.phoneType) === 'DEFAULT')?.phoneNumber]).to.deep.equal([
      'crm@platypus.example',
      '02 5550 2222',
    ]);
    expect((await agent.get(`/contacts/${id}`)).text).not.to.contain('Changed in Xero');
  });

  it('when Xero changes a contact Ledgerside never sent, or an organisation not connected sends events, then they are recorded and ignored', async () => {
    const { db } = ctx.current();
    const { sa, org } = await setUp();
    const other = (await xeroContacts(sa, h, db, org.xeroTenantId)).find((c) => c.name === 'ABC Furniture')!;
    await inXero(org.xeroTenantId, (store, c) =>
      actions.editContactNameAndEmail(store, other.contactID!, { name: 'ABC Furniture', email: 'new@abc.example' }, c),
    );
    await sa.webhooks!.worker.drain();
    const event = (await sa.webhooks!.events.recent()).find((e) => e.resourceId === other.contactID);
    expect([event?.status, event?.reason]).to.deep.equal(['ignored', 'no Ledgerside contact is linked to this Xero contact']);

    await db('organisations').where({ id: org.id }).update({ status: 'disconnected' });
    const mine = String((await db('contacts').where({ organisation_id: org.id }).whereNotNull('xero_contact_id').first()).xero_contact_id);
    await inXero(org.xeroTenantId, (store, c) =>
      actions.editContactNameAndEmail(store, mine, { name: 'Platypus Plumbing', email: 'late@platypus.example' }, c),
    );
    await sa.webhooks!.worker.drain();
    const late = (await sa.webhooks!.events.recent()).find((e) => e.resourceId === mine && e.status !== 'handled');
    expect(late?.status).to.equal('ignored');
    expect(late?.reason).to.match(/is not connected/);
    expect((await db('contacts').where({ organisation_id: org.id, xero_contact_id: mine }).first()).xero_remote_fields).to.equal(null);
  });
});
