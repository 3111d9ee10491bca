import { expect } from 'chai';
import { Invoice } from 'xero-node';
import { sdkFailure, startAccounting, wireBody, firstOf, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: idempotency keys', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startAccounting();
  });
  afterEach(async () => f.close());

  it('when a create is repeated with the same Idempotency-Key, then the first response is replayed and nothing is created twice', async () => {
    const first = firstOf(
      wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Once Only' }] }, undefined, 'key-1'), 'Contacts'),
      'Contacts',
    );
    const again = firstOf(
      wireBody(await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Once Only' }] }, undefined, 'key-1'), 'Contacts'),
      'Contacts',
    );
    expect(again['ContactID']).to.equal(first['ContactID']);
    const list = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="Once Only"'), 'Contacts');
    expect(list['Contacts']).to.have.length(1);
  });

  it('when a failed request is repeated with its key, then the same error is replayed', async () => {
    const first = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'ABC Furniture' }] }, undefined, 'key-err'));
    const again = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'ABC Furniture' }] }, undefined, 'key-err'));
    expect(first.statusCode).to.equal(400);
    expect(again.statusCode).to.equal(400);
    expect(again.body).to.deep.equal(first.body);
  });

  it('when the same key comes with a different body, then the answer is 400', async () => {
    await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'First Body' }] }, undefined, 'key-2');
    const failure = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Second Body' }] }, undefined, 'key-2'));
    expect(failure.statusCode).to.equal(400);
    expect(JSON.stringify(failure.body)).to.contain('Idempotency-Key');
  });

  it('when six minutes pass on the sandbox clock, then the key is forgotten and the request runs again', async () => {
    await f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Six Minutes' }] }, undefined, 'key-3');
    f.clock.advance(6 * 60 * 1000 + 1);
    const failure = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Six Minutes' }] }, undefined, 'key-3'));
    expect(JSON.stringify(failure.body)).to.contain('is already assigned to another contact');
  });

  it('when a key is longer than 128 characters, then it is refused', async () => {
    const failure = await sdkFailure(f.xero.accountingApi.createContacts(f.tenantId, { contacts: [{ name: 'Long Key' }] }, undefined, 'k'.repeat(129)));
    expect(failure.statusCode).to.equal(400);
  });

  it('when two requests with the same key arrive together, then the work runs once and both get the same answer', async () => {
    const send = () =>
      f.xero.accountingApi.createInvoices(
        f.tenantId,
        {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCREC,
              contact: { name: 'Twice Ltd' },
              lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '200' }],
            },
          ],
        },
        undefined,
        undefined,
        'key-concurrent',
      );
    const [a, b] = await Promise.all([send(), send()]);
    const first = firstOf(wireBody(a, 'Invoices'), 'Invoices');
    expect(firstOf(wireBody(b, 'Invoices'), 'Invoices')['InvoiceID']).to.equal(first['InvoiceID']);
    const all = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId), 'Invoices');
    expect(all['Invoices']).to.have.length(1);
  });
});
