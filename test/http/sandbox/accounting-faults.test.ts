import { expect } from 'chai';
import { sdkFailure, startAccounting, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: fault injection', () => {
  let f: Fixture;
  afterEach(async () => f.close());

  it('when every call is set to fail with 503 through the admin endpoint, then the SDK sees 503 with Xero\'s maintenance text', async () => {
    f = await startAccounting();
    const set = await f.call('PUT', '/sandbox-admin/faults', { body: JSON.stringify({ failureRate: 1, failureStatus: 503 }), headers: { 'Content-Type': 'application/json' } });
    expect(set.json).to.deep.equal({ failureRate: 1, failureStatus: 503, latencyMs: 0, dropRate: 0 });
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
});
