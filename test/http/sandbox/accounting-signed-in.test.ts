import { expect } from 'chai';
import { Invoice } from 'xero-node';
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
    const inv = firstOf(wireBody(await xero.accountingApi.createInvoices(first.tenantId, { invoices: [{
      type: Invoice.TypeEnum.ACCREC, contact: { name: 'First Customer' }, lineItems: [{ description: 'Work', quantity: 1, unitAmount: 100, accountCode: '200' }],
    }] }), 'Invoices'), 'Invoices');
    expect(inv).to.include({ InvoiceNumber: 'INV-0001', SubTotal: 100 });
    expect(Number(inv['Total'])).to.be.greaterThan(100);
    const failure = await sdkFailure(xero.accountingApi.getInvoice(second.tenantId, String(inv['InvoiceID'])));
    expect(failure.statusCode).to.equal(404);
  });

  it('when the token lacks accounting.payments, then a payment through the real authenticate is 403', async () => {
    const { tenants, xero } = await h.signIn({ email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing' });
    const tenantId = tenants[0]?.tenantId ?? '';
    const failure = await sdkFailure(xero.accountingApi.getPayments(tenantId));
    expect(failure.statusCode).to.equal(403);
  });
});
