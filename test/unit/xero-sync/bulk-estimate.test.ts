import { expect } from 'chai';
import { pacedMinutes, XERO_PACE, type DayBudget } from '../../../src/xero-sync/bulk-runs.js';
import { timeView } from '../../../src/xero-sync/bulk-view-model.js';

const day = (o: Partial<DayBudget> = {}): DayBudget => ({ limit: 5000, remaining: null, at: null, heldUntil: null, ...o });

describe('Bulk send estimate: the pacer’s time for a plan’s calls and the day’s calls left', () => {
  it('when the pacer is Xero’s (60 a minute at once, the next 60 a 62 s minute later, 5 in flight), then it is what the pacer takes', () => {
    expect(XERO_PACE).to.deep.equal({ minute: 60, windowMs: 62_000, inFlight: 5, callMs: 3_000 });
    const seconds = (calls: number) => Math.round(pacedMinutes(calls) * 60);
    expect(seconds(0)).to.equal(0);
    // 5 at a time, 3 s each.
    expect(seconds(1)).to.equal(3);
    expect(seconds(6)).to.equal(6);
    // A minute's 60 calls: 12 rounds of 5.
    expect(seconds(60)).to.equal(36);
    // The 61st waits for the first to be a pacer minute old.
    expect(seconds(61)).to.equal(65);
    // 240 calls: starts at 0, 62, 124 and 186 s, the last round done at 186 + 36.
    expect(seconds(240)).to.equal(222);
    expect(seconds(241)).to.equal(251);
  });

  it('when calls take longer than a pacer minute’s starts allow, then the 5 in flight set the pace', () => {
    expect(Math.round(pacedMinutes(120, { ...XERO_PACE, callMs: 10_000 }) * 60)).to.equal(240);
  });

  it('when the day’s calls left are known and enough, then the page says them with when Xero said them and warns of nothing', () => {
    const view = timeView(244, day({ remaining: 4100, at: new Date('2026-12-02T04:12:00Z') }));
    expect(view.time).to.equal("about 4 minutes at Xero's pace");
    expect(view.dayLeft).to.match(/^4,100 \(as Xero said at .+\)$/);
    expect(view.dayWarning).to.equal(null);
  });

  it('when the plan needs more calls than Xero has left today, then the page warns that the send waits for the daily reset', () => {
    const view = timeView(244, day({ remaining: 100, at: new Date() }));
    expect(view.dayWarning).to.equal(
      "This send needs more calls than Xero allows for the rest of the day: it sends what the limit allows, waits for Xero's daily reset, then goes on by itself.",
    );
  });

  it('when Xero has not said how many are left, then the page says the day’s limit and warns only beyond it', () => {
    expect(timeView(400, day()).dayLeft).to.equal('up to 5,000 (Xero has not said how many are left today)');
    expect(timeView(400, day()).dayWarning).to.equal(null);
    expect(timeView(5001, day()).dayWarning).to.contain('more calls than Xero allows in a day');
  });

  it('when a run waits for the daily reset now, then any call waits until then and the page says until when', () => {
    const view = timeView(3, day({ remaining: 0, at: new Date(), heldUntil: new Date('2026-12-03T04:00:00Z') }));
    expect(view.dayLeft).to.match(/^none until .+ \(Xero's daily limit is spent\)$/);
    expect(view.dayWarning).to.match(/^Xero's daily limit for this organisation is spent: this send waits until .+, then goes on by itself\.$/);
    expect(timeView(0, day({ heldUntil: new Date() })).dayWarning).to.equal(null);
  });
});
