import { expect } from 'chai';
import { currentDateStyle, dateStyleFor, formatCalendarDate, formatDay, formatMoment, localeOfCountry, withDateStyle } from '../../../src/common/dates.js';

describe('dates in the organisation’s locale', () => {
  const moment = new Date(Date.UTC(2026, 11, 1, 14, 5));

  it('when the organisation is in AU, NZ, GB or US, then its locale is English in that country', () => {
    expect(['AU', 'NZ', 'GB', 'US', 'us'].map(localeOfCountry)).to.deep.equal(['en-AU', 'en-NZ', 'en-GB', 'en-US', 'en-US']);
  });

  it('when the country is missing or not a country code, then dates read en-GB', () => {
    expect([null, undefined, '', 'Australia', '1'].map(localeOfCountry)).to.deep.equal(['en-GB', 'en-GB', 'en-GB', 'en-GB', 'en-GB']);
  });

  it('when an AU or GB organisation reads a date, then it is day month year; a US one month day, year', () => {
    expect(dateStyleFor('AU').calendarDate('2026-12-01')).to.equal('1 Dec 2026');
    expect(dateStyleFor('GB').calendarDate('2026-12-01')).to.equal('1 Dec 2026');
    expect(dateStyleFor('US').calendarDate('2026-12-01')).to.equal('Dec 1, 2026');
    expect(dateStyleFor('GB').moment(moment)).to.equal('1 Dec 2026, 14:05 UTC');
    expect(dateStyleFor('US').moment(moment)).to.equal('Dec 1, 2026, 2:05 PM UTC');
  });

  it('when work runs with an organisation’s style, then every formatter in it (and its awaits) uses that style', async () => {
    const seen = await withDateStyle(dateStyleFor('US'), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return [formatCalendarDate('2026-12-01'), formatDay(moment), formatMoment(moment), currentDateStyle().locale];
    });
    expect(seen).to.deep.equal(['Dec 1, 2026', 'Dec 1, 2026', 'Dec 1, 2026, 2:05 PM UTC', 'en-US']);
    expect(formatCalendarDate('2026-12-01')).to.equal('1 Dec 2026');
  });

  it('when a date is missing or not a date, then nothing or the text itself is shown', () => {
    expect(formatCalendarDate(null)).to.equal('');
    expect(formatCalendarDate('soon')).to.equal('soon');
  });

  it('when one locale is asked for twice, then the same formatters are reused', () => {
    expect(dateStyleFor('AU')).to.equal(dateStyleFor('au'));
  });
});
