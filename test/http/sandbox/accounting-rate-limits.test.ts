import { expect } from 'chai';
import { sdkFailure, startAccounting, type Fixture } from './accounting-fixture.js';

describe('sandbox accounting: rate limits', () => {
  let f: Fixture;
  afterEach(async () => f.close());

  it('when a connection exceeds its minute limit, then it gets 429 with an empty body, Retry-After and the minute problem', async () => {
    f = await startAccounting({ rateLimits: { minute: 3, day: 100, concurrent: 5, appMinute: 100 } });
    const seen: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await f.call('GET', '/Organisation');
      expect(r.status).to.equal(200);
      seen.push(r.headers.get('x-minlimit-remaining') ?? '');
    }
    expect(seen).to.deep.equal(['2', '1', '0']);
    const limited = await f.call('GET', '/Organisation');
    expect(limited.status).to.equal(429);
    expect(limited.text).to.equal('');
    expect(limited.headers.get('x-rate-limit-problem')).to.equal('minute');
    expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
    expect(limited.headers.get('x-daylimit-remaining')).to.equal('97');
    expect(limited.headers.get('x-appminlimit-remaining')).to.equal('97');
    const failure = await sdkFailure(f.xero.accountingApi.getOrganisations(f.tenantId));
    expect(failure.statusCode).to.equal(429);
  });

  it('when the time scale is 60, then the minute window clears after one sandbox second', async () => {
    f = await startAccounting({ rateLimits: { minute: 1, day: 100, concurrent: 5, appMinute: 100 }, timeScale: 60 });
    expect((await f.call('GET', '/Organisation')).status).to.equal(200);
    expect((await f.call('GET', '/Organisation')).status).to.equal(429);
    f.clock.advance(1000);
    expect((await f.call('GET', '/Organisation')).status).to.equal(200);
  });

  it('when the day limit is spent, then the problem is day and Retry-After reaches to the end of the day window', async () => {
    f = await startAccounting({ rateLimits: { minute: 100, day: 2, concurrent: 5, appMinute: 100 } });
    await f.call('GET', '/Organisation');
    await f.call('GET', '/Organisation');
    const limited = await f.call('GET', '/Organisation');
    expect(limited.headers.get('x-rate-limit-problem')).to.equal('day');
    expect(Number(limited.headers.get('retry-after'))).to.be.greaterThan(80_000);
  });

  it('when the app spends its minute limit across two organisations, then the problem is appminute', async () => {
    f = await startAccounting({ rateLimits: { minute: 100, day: 100, concurrent: 5, appMinute: 2 } });
    const other = await f.addOrganisation({ name: 'Second', countryCode: 'GB' });
    await f.call('GET', '/Organisation');
    await f.call('GET', '/Organisation', { tenantId: other.tenantId });
    const limited = await f.call('GET', '/Organisation', { tenantId: other.tenantId });
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('x-rate-limit-problem')).to.equal('appminute');
  });

  it('when more calls are in flight than the concurrent limit, then the extra one gets the concurrent problem', async () => {
    f = await startAccounting({ rateLimits: { minute: 100, day: 100, concurrent: 1, appMinute: 100 }, extra: { faults: { latencyMs: 300 } } });
    const [a, b] = await Promise.all([f.call('GET', '/Organisation'), new Promise((r) => setTimeout(r, 100)).then(() => f.call('GET', '/Organisation'))]);
    expect(a.status).to.equal(200);
    expect(b.status).to.equal(429);
    expect(b.headers.get('x-rate-limit-problem')).to.equal('concurrent');
  });
});
