import { expect } from 'chai';
import { Invoice } from 'xero-node';
import { accountingSideWithDemoHistory, sandboxControlsOf } from '../../../src/sandbox/accounting/index.js';
import { demoOrganisations } from '../../../src/sandbox/identity/index.js';
import { startSandboxHarness } from '../../helpers/sandbox-harness.js';
import { firstOf, sdkFailure, wireBody } from './accounting-fixture.js';

describe('sandbox accounting: through a real sign-in', () => {
  let h: Awaited<ReturnType<typeof startSandboxHarness>>;
  beforeEach(async () => {
    h = await startSandboxHarness();
  });
  afterEach(async () => h.close());

  it('when a user signs in through the sandbox and connects organisations, then each one answers with its own seeded ledger', async () => {
    const { tenants, xero } = await h.signIn({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
    expect(tenants.length).to.be.greaterThan(0);
    for (const tenant of tenants) {
      const org = firstOf(wireBody(await xero.accountingApi.getOrganisations(tenant.tenantId), 'Organisations'), 'Organisations');
      expect(org['OrganisationID']).to.equal(tenant.tenantId);
      expect(org['Name']).to.equal(tenant.tenantName);
      const accounts = wireBody(await xero.accountingApi.getAccounts(tenant.tenantId, undefined, 'Code=="090"'), 'Accounts');
      expect(accounts['Accounts']).to.have.length(1);
    }
  });

  it('when a signed-in app creates an invoice, then the invoice is numbered, totalled and visible in that organisation only', async () => {
    const { tenants, xero } = await h.signIn({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' });
    const [first, second] = tenants;
    if (!first || !second) throw new Error('expected the demo organisations to be connected');
    const inv = firstOf(
      wireBody(
        await xero.accountingApi.createInvoices(first.tenantId, {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { name: 'First Customer' },
              lineItems: [{ description: 'Work', quantity: 1, unitAmount: 100, accountCode: '200' }],
            },
          ],
        }),
        'Invoices',
      ),
      'Invoices',
    );
    expect(inv).to.include({ InvoiceNumber: 'INV-0001', SubTotal: 100 });
    expect(Number(inv['Total'])).to.be.greaterThan(100);
    const failure = await sdkFailure(xero.accountingApi.getInvoice(second.tenantId, String(inv['InvoiceID'])));
    expect(failure.statusCode).to.equal(404);
  });

  it("when a test tells the running sandbox in-process to drop the next saved invoice's answer, then the SDK sees no answer and the invoice exists", async () => {
    const { tenants, xero } = await h.signIn({ email: 'edsger@example.com', firstName: 'Edsger', lastName: 'Dijkstra' });
    const tenantId = tenants[0]?.tenantId ?? '';
    const controls = sandboxControlsOf(h.sandbox.api);
    if (!controls) throw new Error('the real accounting side has controls');
    controls.faults.set({ ...controls.faults.current, afterSave: [{ mode: 'drop', collections: ['Invoices'], next: 1 }] });
    const failure = await sdkFailure(
      xero.accountingApi.createInvoices(tenantId, {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { name: 'Lost Answer Ltd' },
            reference: 'lost-answer',
            lineItems: [{ description: 'Work', quantity: 1, unitAmount: 10, accountCode: '200' }],
          },
        ],
      }),
    );
    expect(failure.statusCode).to.equal(0);
    const saved = wireBody(await xero.accountingApi.getInvoices(tenantId, undefined, 'Reference=="lost-answer"'), 'Invoices')['Invoices'];
    expect(saved).to.have.length(1);
  });

  it('when the token lacks accounting.payments, then a payment through the real authenticate is 403', async () => {
    const { tenants, xero } = await h.signIn({ email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing' });
    const tenantId = tenants[0]?.tenantId ?? '';
    const failure = await sdkFailure(xero.accountingApi.getPayments(tenantId));
    expect(failure.statusCode).to.equal(403);
  });
});

describe("sandbox accounting: a new user's demo organisations", () => {
  let h: Awaited<ReturnType<typeof startSandboxHarness>>;
  afterEach(async () => h.close());

  it('when a new user signs in, then each demo organisation has invoices in each state, purchase orders and one repeating invoice; an added organisation starts empty', async () => {
    h = await startSandboxHarness({ demoHistory: true });
    const now = new Date(h.clock.now());
    const firstOfNextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    const { tenants, xero } = await h.signIn({ email: 'demo@example.com', firstName: 'Demi', lastName: 'Owner' });
    expect(tenants.map((t) => t.tenantName)).to.include.members(['Demo Company (AU)', 'Demo Company (US)']);
    for (const tenant of tenants) {
      const invoices = wireBody(await xero.accountingApi.getInvoices(tenant.tenantId), 'Invoices')['Invoices'] as Record<string, unknown>[];
      const sales = invoices.filter((i) => i['Type'] === 'ACCREC');
      expect([...new Set(sales.map((i) => i['Status']))]).to.have.members(['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED']);
      expect(sales.some((i) => i['Status'] === 'AUTHORISED' && Number(i['AmountPaid']) > 0 && Number(i['AmountDue']) > 0)).to.equal(true);
      expect(sales.some((i) => Number(i['AmountCredited']) > 0)).to.equal(true);
      expect(invoices.filter((i) => i['Type'] === 'ACCPAY').length).to.be.at.least(3);
      const orders = wireBody(await xero.accountingApi.getPurchaseOrders(tenant.tenantId), 'PurchaseOrders')['PurchaseOrders'] as Record<string, unknown>[];
      expect(orders.map((o) => o['Status'])).to.have.members(['DRAFT', 'AUTHORISED', 'BILLED']);
      const repeating = wireBody(await xero.accountingApi.getRepeatingInvoices(tenant.tenantId), 'RepeatingInvoices')['RepeatingInvoices'] as Record<
        string,
        unknown
      >[];
      expect(repeating).to.have.length(1);
      expect((repeating[0]?.['Schedule'] as Record<string, unknown>)['NextScheduledDateString']).to.equal(`${firstOfNextMonth}T00:00:00`);
    }
    // What startSandbox composes: only identity's demo seeds (a first sign-in) get history.
    const side = accountingSideWithDemoHistory((seed) => demoOrganisations.includes(seed));
    const added = await side.createOrganisation(h.db, { name: 'Fresh Ltd', countryCode: 'NZ' });
    expect(await h.db('acc_records').where({ tenant_id: added.tenantId, collection: 'Invoices' }).count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });
});
