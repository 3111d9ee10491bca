import { expect } from 'chai';
import { tenantLimiter } from '../../../src/xero/rate-limiter.js';

describe('per-organisation rate limiter', () => {
  it('when 12 calls start at once for one organisation, then never more than 5 are in flight, and other organisations are not held back', async () => {
    const limiter = tenantLimiter(5);
    let peak = 0;
    const work = (tenant: string) =>
      limiter.run(tenant, async () => {
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

  it('when Xero says to wait, then calls for that organisation start only after the pause, and others are not held', async () => {
    let now = 1_000_000;
    const sleeps: { ms: number; wake: () => void }[] = [];
    const clock = { now: () => now, sleep: (ms: number) => new Promise<void>((wake) => sleeps.push({ ms, wake })) };
    const limiter = tenantLimiter(5, clock);
    limiter.pause('a', 60_000);
    const started: string[] = [];
    const held = limiter.run('a', async () => started.push(`a at ${now}`));
    await limiter.run('b', async () => started.push(`b at ${now}`));
    expect(started).to.deep.equal(['b at 1000000']);
    expect(sleeps.map((s) => s.ms)).to.deep.equal([60_000]);

    now += 30_000; // woken early (a timer fired early): it waits out the rest
    sleeps.shift()?.wake();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sleeps.map((s) => s.ms)).to.deep.equal([30_000]);
    expect(started).to.deep.equal(['b at 1000000']);

    now += 30_000;
    sleeps.shift()?.wake();
    await held;
    expect(started).to.deep.equal(['b at 1000000', 'a at 1060000']);
  });
});
