/**
 * The audit trail of what reaches Xero, through the app on the sandbox (issue 17): connecting an
 * organisation, each send the engine finishes (a contact, a sales order's invoice, a purchase order)
 * after the form's "asked to send", disconnecting and reconnecting, all by the user who did it.
 */
import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { appOnSandbox, csrfFrom, signInThroughApp } from '../../helpers/app-on-sandbox.js';
import { createContact, documentBody, gstLine } from '../../fixtures/documents.js';
import { createSupplier } from '../../fixtures/purchase-orders.js';
import { alice, press, signedIn, syncApp } from '../xero-sync/sync-app.js';

const bob = { email: 'bob@example.com', firstName: 'Bob', lastName: 'Builder' };

interface EntryRow {
  action: string;
  user_name: string;
  record_kind: string;
  record_id: string | null;
  detail: string | null;
}

describeEachDialect('audit trail: connecting and sending to Xero', (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when Alice connects, sends a contact, an invoice and a purchase order, disconnects and reconnects, then each is an entry by her with what Xero answered', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    await press(agent, '/settings/xero', '/settings/xero/refresh');
    const csrf = csrfFrom((await agent.get('/dashboard')).text);

    const contact = await createContact(db, org.id, 'Harbour Cafe');
    await press(agent, `/contacts/${contact}`, `/contacts/${contact}/send-to-xero`);
    const order = await agent
      .post('/sales-orders/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrf,
            contactId: contact,
            number: '',
            projectId: '',
            issueDate: '2026-11-20',
            dueDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: '',
            notes: '',
            deliveryAddress: '',
            deliveryDate: '',
            deliveryInstructions: '',
          },
          [gstLine()],
        ),
      );
    expect(order.status, order.text.slice(0, 300)).to.equal(303);
    const orderId = String(order.headers.location).split('/').pop() ?? '';
    const supplier = await createSupplier(db, org.id, 'Pipe Supply Co');
    const po = await agent
      .post('/purchase-orders/new')
      .type('form')
      .send(
        documentBody(
          {
            _csrf: csrf,
            contactId: supplier,
            number: '',
            projectId: '',
            issueDate: '2026-11-20',
            deliveryDate: '',
            currency: 'AUD',
            lineAmountTypes: 'Exclusive',
            reference: '',
            notes: '',
            deliveryAddress: '',
            attentionTo: '',
            telephone: '',
            deliveryInstructions: '',
          },
          [{ description: 'Copper pipe', quantity: '3', unitPrice: '12.50', accountCode: '310', taxType: 'INPUT' }],
        ),
      );
    expect(po.status, po.text.slice(0, 300)).to.equal(303);
    const poId = String(po.headers.location).split('/').pop() ?? '';
    await sa.sync.engine.worker.drain();
    await press(agent, `/sales-orders/${orderId}`, `/sales-orders/${orderId}/send-to-xero`);
    await press(agent, `/purchase-orders/${poId}`, `/purchase-orders/${poId}/send-to-xero`);
    await sa.sync.engine.worker.drain();

    const rows: EntryRow[] = await db('audit_entries')
      .where({ organisation_id: org.id })
      .orderBy('at')
      .select('action', 'user_name', 'record_kind', 'record_id', 'detail');
    const line = (e: EntryRow) => `${e.user_name} | ${e.action} | ${e.record_kind} | ${e.detail ?? ''}`;
    const about = (id: string) => rows.filter((e) => e.record_id === id).map(line);
    expect(about(org.id)).to.deep.equal([
      `Alice Accountant | connected | organisations | Connected to Xero for the first time; Alice Accountant is its admin.`,
    ]);
    expect(about(contact)).to.deep.equal([
      'Alice Accountant | asked to send to Xero | contacts | ',
      'Alice Accountant | sent to Xero | contacts | Created in Xero.',
    ]);
    const invoice = about(orderId);
    expect(invoice.slice(0, 2)).to.deep.equal(['Alice Accountant | created | sales-orders | ', 'Alice Accountant | asked to send to Xero | sales-orders | ']);
    expect(invoice[2]).to.match(/^Alice Accountant \| sent to Xero \| sales-orders \| Invoice INV-\d+ created in Xero\.$/);
    expect(invoice).to.have.length(3);
    const purchase = about(poId);
    expect(purchase.slice(0, 2)).to.deep.equal([
      'Alice Accountant | created | purchase-orders | ',
      'Alice Accountant | asked to send to Xero | purchase-orders | ',
    ]);
    expect(purchase[2]).to.match(/^Alice Accountant \| sent to Xero \| purchase-orders \| Created in Xero/);
    expect(purchase).to.have.length(3);

    // The trail's page shows the outcomes.
    const page = await agent.get('/audit');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('<td>sent to Xero</td>').and.contain('<td>Created in Xero.</td>');

    // Disconnecting on the Organisations page, then connecting again through Xero.
    await press(agent, '/organisations', `/organisations/${org.id}/disconnect`);
    await signInThroughApp(request.agent(sa.app), h, { ...alice, organisations: ['Demo Company (AU)'] }, 'connect');
    const organisationRows: EntryRow[] = await db('audit_entries')
      .where({ organisation_id: org.id, record_kind: 'organisations' })
      .orderBy('at')
      .select('action', 'user_name', 'record_kind', 'record_id', 'detail');
    expect(organisationRows.map(line)).to.deep.equal([
      'Alice Accountant | connected | organisations | Connected to Xero for the first time; Alice Accountant is its admin.',
      'Alice Accountant | disconnected | organisations | Disconnected from Xero on the Organisations page; its Ledgerside data is kept, read-only.',
      'Alice Accountant | connected | organisations | Reconnected to Xero.',
    ]);
  });

  it('when a colleague connects the same organisation, then they join it as a member (Alice, who connected it first, stays its admin), it is an entry, and only Alice can read the trail', async () => {
    const { db } = ctx.current();
    const { app } = appOnSandbox(h, db);
    const aliceAgent = request.agent(app);
    await signInThroughApp(aliceAgent, h, { ...alice, organisations: ['Demo Company (AU)'] });
    const org = await db('organisations').where({ name: 'Demo Company (AU)' }).first();
    // Bob has his own Xero organisation; in Xero, Alice invites him to hers.
    await signInThroughApp(request.agent(app), h, { ...bob, organisations: ['Demo Company (NZ)'] });
    const bobId = (await h.db('identity_users').where({ email: 'bob@example.com' }).first('id')).id;
    await h.db('identity_user_organisations').insert({ user_id: bobId, tenant_id: org.xero_tenant_id, created_at: Date.now() });
    const bobAgent = request.agent(app);
    await signInThroughApp(bobAgent, h, { ...bob, organisations: ['Demo Company (AU)'] }, 'connect');

    const roles = await db('memberships')
      .where({ organisation_id: org.id })
      .join('users', 'users.id', 'memberships.user_id')
      .select('users.email', 'memberships.role');
    expect(roles.map((r: { email: string; role: string }) => `${r.email} ${r.role}`).sort()).to.deep.equal([
      'alice@example.com admin',
      'bob@example.com member',
    ]);
    const joined = await db('audit_entries').where({ organisation_id: org.id, user_name: 'Bob Builder' }).select('action', 'detail');
    expect(joined).to.deep.equal([{ action: 'connected', detail: 'Joined as a member by connecting it through their own Xero sign-in.' }]);

    const switchTo = async (agent: ReturnType<typeof request.agent>) => {
      const page = await agent.get('/dashboard');
      await agent
        .post('/organisations/switch')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), organisationId: org.id });
    };
    await switchTo(bobAgent);
    await switchTo(aliceAgent);
    const refused = await bobAgent.get('/audit');
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('Its admin is Alice Accountant.');
    const trail = await aliceAgent.get('/audit');
    expect(trail.status).to.equal(200);
    expect(trail.text).to.contain('<td>Bob Builder</td>').and.contain('Joined as a member by connecting it through their own Xero sign-in.');
  });
});
