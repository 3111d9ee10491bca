import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeAccountingSide, startSandboxHarness } from '../../helpers/sandbox-harness.js';

describe('sandbox identity: persistence across restarts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sandbox-identity-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the sandbox restarts on the same file, then its signing key, users and refresh tokens survive', async () => {
    const dbFile = path.join(dir, 'sandbox.sqlite');
    const accounting = fakeAccountingSide(); // one ledger store across both runs, as the real side's tables would be
    const first = await startSandboxHarness({ dbFile, accounting });
    const jwksBefore = await (await fetch(`${first.url}/.well-known/openid-configuration/jwks`)).json();
    const { tokenSet } = await first.signIn({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
    await first.close();

    const second = await startSandboxHarness({ dbFile, accounting });
    try {
      expect(await (await fetch(`${second.url}/.well-known/openid-configuration/jwks`)).json()).to.deep.equal(jwksBefore);
      const xero = second.xeroClient();
      xero.setTokenSet(tokenSet);
      const refreshed = await xero.refreshToken();
      expect(refreshed.claims().xero_userid).to.equal(tokenSet.claims().xero_userid);
      expect(await second.connections(refreshed.access_token!)).to.have.length(4);
    } finally {
      await second.close();
    }
  });
});
