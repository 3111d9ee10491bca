import { expect } from 'chai';
import { tenantLimiter } from '../../../src/xero/rate-limiter.js';

describe('per-organisation rate limiter', () => {
  it('when 12 calls start at once for one organisation, then never more than 5 are in flight, and other organisations are not held back', async () => {
    const limiter = tenantLimiter(5);
    let peak = 0;
    const work = (tenant: string) => limiter.run(tenant, async () => {
      peak = Math.max(peak, limiter.inFlight('a'));
      await new Promise((r) => setTimeout(r, 5));
      return tenant;
    });
    const otherStarted = limiter.run('b', async () => limiter.inFlight('a'));
    const results = await Promise.all([...Array.from({ length: 12 }, () => work('a')), otherStarted]);
    expect(peak).to.equal(5);
    expect(results.slice(0, 12)).to.deep.equal(Array(12).fill('a'));
    expect(limiter.inFlight('a')).to.equal(0);
  });

  it('when Xero says to wait, then calls for that organisation start only after the pause', async () => {
    const limiter = tenantLimiter(5);
    limiter.pause('a', 60);
    const started = Date.now();
    await limiter.run('a', async () => undefined);
    expect(Date.now() - started).to.be.at.least(55);
  });
});
