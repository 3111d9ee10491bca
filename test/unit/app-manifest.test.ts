import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { MANIFEST_FILE, XERO_SCOPES, appManifest } from '../../src/xero/app-manifest.js';

describe('app manifest', () => {
  it("when the app requests scopes, then they are exactly the manifest's granular scopes", () => {
    const raw: unknown = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'));
    const scopes = (raw as { scopes: string[] }).scopes;
    expect(XERO_SCOPES).to.deep.equal(scopes);
    expect([...XERO_SCOPES].sort()).to.deep.equal([
      'accounting.attachments',
      'accounting.contacts',
      'accounting.invoices',
      'accounting.payments',
      'accounting.settings',
      'email',
      'offline_access',
      'openid',
      'profile',
    ]);
    expect(XERO_SCOPES).not.to.include('accounting.transactions');
  });

  it('when the listing is read, then its name does not contain "Xero" and its paths are the app\'s routes', () => {
    expect(appManifest.name).not.to.match(/xero/i);
    expect(appManifest.redirectUriPath).to.equal('/auth/xero/callback');
    expect(appManifest.webhookPath).to.equal('/webhooks/xero');
    expect(appManifest.connectionLinkPath).to.equal('/connect');
  });
});
