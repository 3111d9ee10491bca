import { expect } from 'chai';
import { Invoice, type Invoices } from 'xero-node';
import { firstOf, sdkFailure, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';

const sale = (reference: string): Invoices => ({
  invoices: [
    {
      type: Invoice.TypeEnum.ACCREC,
      contact: { name: 'ABC Furniture' },
      date: '2026-11-20',
      dueDate: '2026-12-20',
      reference,
      lineItems: [{ description: 'Consulting', quantity: 1, unitAmount: 100, accountCode: '200', taxType: 'OUTPUT' }],
    },
  ],
});

const JSON_HEADERS = { 'Content-Type': 'application/json' };

async function setFaults(f: Fixture, settings: unknown): Promise<unknown> {
  const set = await f.call('PUT', '/sandbox-admin/faults', { body: JSON.stringify(settings), headers: JSON_HEADERS });
  expect(set.status, set.text).to.equal(200);
  return set.json;
}

async function invoicesWithReference(f: Fixture, reference: string): Promise<Record<string, unknown>[]> {
  const body = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId, undefined, `Reference=="${reference}"`), 'Invoices');
  return body['Invoices'] as Record<string, unknown>[];
}

describe('sandbox accounting: fault injection', () => {
  let f: Fixture;
  afterEach(async () => f.close());

  it("when every call is set to fail with 503 through the admin endpoint, then the SDK sees 503 with Xero's maintenance text", async () => {
    f = await startAccounting();
    const set = await f.call('PUT', '/sandbox-admin/faults', {
      body: JSON.stringify({ failureRate: 1, failureStatus: 503 }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(set.json).to.deep.equal({ failureRate: 1, failureStatus: 503, latencyMs: 0, dropRate: 0, afterSave: [] });
    const failure = await sdkFailure(f.xero.accountingApi.getOrganisations(f.tenantId));
    expect(failure.statusCode).to.equal(503);
    expect(String(failure.body)).to.contain('offline for maintenance');
    await f.call('PUT', '/sandbox-admin/faults', { body: JSON.stringify({}), headers: { 'Content-Type': 'application/json' } });
    expect((await f.xero.accountingApi.getOrganisations(f.tenantId)).response.status).to.equal(200);
  });

  it('when half the calls are set to fail with 500, then the failures follow the injected randomness', async () => {
    const draws = [0.1, 0.9, 0.4, 0.6];
    let i = 0;
    f = await startAccounting({ extra: { faults: { failureRate: 0.5, failureStatus: 500 }, random: () => draws[i++ % draws.length] ?? 1 } });
    const statuses = [];
    for (let n = 0; n < 4; n += 1) statuses.push((await f.call('GET', '/Organisation')).status);
    expect(statuses).to.deep.equal([500, 200, 500, 200]);
  });

  it('when connections are set to drop, then the client sees a socket error and no response', async () => {
    f = await startAccounting({ extra: { faults: { dropRate: 1 } } });
    const failure = await sdkFailure(f.xero.accountingApi.getOrganisations(f.tenantId));
    expect(failure.statusCode).to.equal(0);
  });

  it('when latency is set, then calls take at least that long', async () => {
    f = await startAccounting({ extra: { faults: { latencyMs: 250 } } });
    const started = Date.now();
    await f.call('GET', '/Organisation');
    expect(Date.now() - started).to.be.at.least(240);
  });

  it('when fault settings are invalid, then the admin endpoint refuses them and keeps the old ones', async () => {
    f = await startAccounting();
    const bad = await f.call('PUT', '/sandbox-admin/faults', { body: JSON.stringify({ failureRate: 2 }), headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).to.equal(400);
    const current = await f.call('GET', '/sandbox-admin/faults');
    expect(current.json).to.include({ failureRate: 0 });
  });

  describe('after-save faults (exactly-once tests)', () => {
    it('when the next invoice write is set to drop its response, then the SDK sees no answer yet the invoice exists, and the rule then ends', async () => {
      f = await startAccounting();
      await setFaults(f, { afterSave: [{ mode: 'drop', collections: ['Invoices'], next: 1 }] });
      const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale('dropped-1')));
      expect(failure.statusCode).to.equal(0);
      const saved = await invoicesWithReference(f, 'dropped-1');
      expect(saved).to.have.length(1);
      expect(saved[0]).to.include({ Status: 'DRAFT', Total: 110 });
      expect((await f.call('GET', '/sandbox-admin/faults')).json).to.deep.include({ afterSave: [] });
      const next = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale('after-rule')), 'Invoices'), 'Invoices');
      expect(next['Reference']).to.equal('after-rule');
    });

    it('when a dropped write is retried with the same Idempotency-Key, then the retry gets the saved invoice and no duplicate is made', async () => {
      f = await startAccounting();
      await setFaults(f, { afterSave: [{ mode: 'drop', next: 1 }] });
      const failure = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale('retried'), undefined, undefined, 'key-retried-1'));
      expect(failure.statusCode).to.equal(0);
      const retry = firstOf(
        wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale('retried'), undefined, undefined, 'key-retried-1'), 'Invoices'),
        'Invoices',
      );
      const saved = await invoicesWithReference(f, 'retried');
      expect(saved).to.have.length(1);
      expect(retry['InvoiceID']).to.equal(saved[0]?.['InvoiceID']);
    });

    it('when the rule names Contacts only, then invoice writes answer normally and the contact write is saved but unanswered', async () => {
      f = await startAccounting();
      await setFaults(f, { afterSave: [{ mode: 'drop', collections: ['contacts'], next: 5 }] });
      const inv = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale('not-hit')), 'Invoices'), 'Invoices');
      expect(inv['Reference']).to.equal('not-hit');
      const failure = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Saved But Unanswered' }] }));
      expect(failure.statusCode).to.equal(0);
      const contacts = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="Saved But Unanswered"'), 'Contacts')['Contacts'];
      expect(contacts).to.have.length(1);
      expect((await f.call('GET', '/sandbox-admin/faults')).json).to.deep.include({ afterSave: [{ mode: 'drop', collections: ['contacts'], next: 4 }] });
    });

    it('when a write is refused by validation, then it does not count towards the next N and the following saved write is dropped', async () => {
      f = await startAccounting();
      await setFaults(f, { afterSave: [{ mode: 'drop', collections: ['Invoices'], next: 1 }] });
      const refused = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, { invoices: [{ type: Invoice.TypeEnum.ACCREC }] }));
      expect(refused.statusCode).to.equal(400);
      const dropped = await sdkFailure(f.xero.accountingApi.createInvoices(f.tenantId, sale('second')));
      expect(dropped.statusCode).to.equal(0);
      expect(await invoicesWithReference(f, 'second')).to.have.length(1);
    });

    it('when the drop is set at a rate, then saved writes are dropped as the injected randomness says', async () => {
      const draws = [0.1, 0.9, 0.2, 0.8];
      let i = 0;
      f = await startAccounting({ extra: { faults: { afterSave: [{ mode: 'drop', rate: 0.5 }] }, random: () => draws[i++ % draws.length] ?? 1 } });
      const statuses: number[] = [];
      for (let n = 0; n < 4; n += 1) {
        const result = await f.xero.accountingApi.createInvoices(f.tenantId, sale(`rate-${n}`)).then(
          (r) => r.response.status,
          async (e: unknown) => (await sdkFailure(Promise.reject(e))).statusCode,
        );
        statuses.push(result);
      }
      expect(statuses).to.deep.equal([0, 200, 0, 200]);
      const all = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId), 'Invoices')['Invoices'];
      expect(all).to.have.length(4);
    });

    it('when a write is set to time out after saving, then a client with a shorter timeout gives up while the invoice is saved', async () => {
      f = await startAccounting();
      await setFaults(f, { afterSave: [{ mode: 'timeout', collections: ['Invoices'], next: 1, holdMs: 600_000 }] });
      const body = JSON.stringify({
        Invoices: [
          {
            Type: 'ACCREC',
            Contact: { Name: 'ABC Furniture' },
            Reference: 'timed-out',
            LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 5, AccountCode: '200' }],
          },
        ],
      });
      const outcome = await fetch(`${f.apiBase}/Invoices`, {
        method: 'PUT',
        body,
        signal: AbortSignal.timeout(200),
        headers: { Authorization: 'Bearer test-token', 'xero-tenant-id': f.tenantId, Accept: 'application/json', 'Content-Type': 'application/json' },
      }).then(
        () => 'answered',
        (e: unknown) => (e instanceof Error ? e.name : 'error'),
      );
      expect(outcome).to.equal('TimeoutError');
      expect(await invoicesWithReference(f, 'timed-out')).to.have.length(1);
    });

    it('when a write is held for a while and the client waits, then the saved answer arrives late', async () => {
      f = await startAccounting();
      await setFaults(f, { afterSave: [{ mode: 'timeout', next: 1, holdMs: 300 }] });
      const started = Date.now();
      const inv = firstOf(wireBody(await f.xero.accountingApi.createInvoices(f.tenantId, sale('late')), 'Invoices'), 'Invoices');
      expect(Date.now() - started).to.be.at.least(290);
      expect(inv['Reference']).to.equal('late');
    });

    it('when an after-save rule gives both rate and next, or holdMs with drop, then the admin endpoint refuses it', async () => {
      f = await startAccounting();
      for (const rule of [{ mode: 'drop', rate: 0.5, next: 1 }, { mode: 'drop', next: 1, holdMs: 10 }, { mode: 'drop' }, { mode: 'explode', next: 1 }]) {
        const bad = await f.call('PUT', '/sandbox-admin/faults', { body: JSON.stringify({ afterSave: [rule] }), headers: JSON_HEADERS });
        expect(bad.status, JSON.stringify(rule)).to.equal(400);
      }
      expect((await f.call('GET', '/sandbox-admin/faults')).json).to.deep.include({ afterSave: [] });
    });
  });
});
