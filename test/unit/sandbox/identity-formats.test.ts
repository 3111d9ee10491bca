import { expect } from 'chai';
import { parseScopeParam, needsOrganisations } from '../../../src/sandbox/identity/scopes.js';
import { atHash } from '../../../src/sandbox/identity/tokens.js';
import { connectionDate, expiredAtText } from '../../../src/sandbox/identity/xero-dates.js';

describe('sandbox identity: wire formats', () => {
  it('when a connection date is formatted, then it has seven fractional digits and no Z', () => {
    expect(connectionDate(Date.UTC(2019, 11, 7, 18, 46, 19, 516))).to.equal('2019-12-07T18:46:19.5160000');
  });

  it('when an expiry is formatted for the 401 detail, then it reads MM/DD/YYYY HH:mm:ss in UTC', () => {
    expect(expiredAtText(new Date(Date.UTC(2020, 0, 8, 22, 13, 10)))).to.equal('01/08/2020 22:13:10');
  });

  it('when at_hash is computed, then it matches the OIDC example for RS256', () => {
    // OpenID Connect Core A.3: access token "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y" → at_hash "77QmUPtjPfzWtF2AnpK9RQ"
    expect(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y')).to.equal('77QmUPtjPfzWtF2AnpK9RQ');
  });

  it('when scopes mix granular, read-only and broad names, then all are accepted and duplicates collapse', () => {
    expect(parseScopeParam('openid  accounting.invoices.read accounting.transactions accounting.contacts openid')).to.deep.equal({
      ok: true,
      scopes: ['openid', 'accounting.invoices.read', 'accounting.transactions', 'accounting.contacts'],
    });
  });

  it('when a scope is unknown, then the parse names it', () => {
    expect(parseScopeParam('openid accounting.everything')).to.deep.equal({ ok: false, unknown: ['accounting.everything'] });
  });

  it('when only OpenID scopes are asked for, then no organisation needs choosing', () => {
    expect(needsOrganisations(['openid', 'profile', 'email'])).to.equal(false);
    expect(needsOrganisations(['openid', 'accounting.contacts.read'])).to.equal(true);
  });
});
