import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { makeContact } from '../../helpers/sync-contacts.js';
import { press, sandboxCall, signedIn, syncApp } from './sync-app.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describeEachDialect("The contact page's Xero panel: balances from Xero", (ctx) => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when the Xero contact has an overdue and a current invoice and an overdue bill, then the page shows Outstanding, Overdue and the bills', async () => {
    const { db } = ctx.current();
    const sa = syncApp(h, db);
    const { agent, org } = await signedIn(sa, h, db);
    const id = await makeContact(tenantDb(db, org.id), { name: 'Owing Partners', isSupplier: true });
    await press(agent, `/contacts/${id}`, `/contacts/${id}/send-to-xero`);
    await sa.sync.engine.worker.drain();
    const xeroId = String((await db('contacts').where({ organisation_id: org.id, id }).first()).xero_contact_id);
    const now = h.clock.now();
    const invoice = (type: string, amount: number, dueInDays: number) => ({
      Type: type,
      Contact: { ContactID: xeroId },
      Date: day(now - 30 * DAY),
      DueDate: day(now + dueInDays * DAY),
      Status: 'AUTHORISED',
      LineAmountTypes: 'NoTax',
      LineItems: [{ Description: 'Work', Quantity: 1, UnitAmount: amount, AccountCode: type === 'ACCPAY' ? '400' : '200' }],
    });
    await sandboxCall(sa, h, db, org.xeroTenantId, 'PUT', '/Invoices', {
      Invoices: [invoice('ACCREC', 1210.5, -3), invoice('ACCREC', 300, 20), invoice('ACCPAY', 45, -1)],
    });

    const page = await agent.get(`/contacts/${id}`);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).to.contain('<dt>Outstanding (Xero)</dt><dd class="num">1510.50</dd>');
    expect(text).to.contain('<dt>Overdue (Xero)</dt><dd class="num">1210.50</dd>');
    expect(text).to.contain('<dt>Bills outstanding (Xero)</dt><dd class="num">45.00</dd>');
    expect(text).to.contain('<dt>Bills overdue (Xero)</dt><dd class="num">45.00</dd>');
  });
});
