import { expect } from 'chai';
import { fakeAccountingSide, startSandboxHarness, type SandboxHarness } from '../../helpers/sandbox-harness.js';
import { ensureIdentitySchema } from '../../../src/sandbox/identity/sandbox-db.js';

describe('sandbox identity: storage', () => {
  let h: SandboxHarness;
  beforeEach(async () => {
    h = await startSandboxHarness({ accounting: fakeAccountingSide() });
  });
  afterEach(async () => {
    await h.close();
  });

  it('when the sandbox DB is opened, then SQLite enforces foreign keys', async () => {
    const rows: unknown = await h.db.raw('PRAGMA foreign_keys');
    expect(rows).to.deep.equal([{ foreign_keys: 1 }]);
    let error: unknown;
    await h
      .db('identity_sessions')
      .insert({ id: 's', user_id: 'no-such-user', global_session_id: 'g', csrf_token: 'c', auth_time: 0, created_at: 0 })
      .catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('FOREIGN KEY');
  });

  it('when the identity schema is ensured again on a populated DB, then nothing is lost', async () => {
    const { tokenSet } = await h.signIn({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
    await ensureIdentitySchema(h.db);
    expect(await h.connections(tokenSet.access_token!)).to.have.length(4);
  });

  it('when codes and refresh tokens are stored, then only their hashes are in the DB', async () => {
    const { tokenSet, callbackUrl } = await h.signIn({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
    const code = new URL(callbackUrl).searchParams.get('code')!;
    const dump = JSON.stringify([await h.db('identity_codes').select(), await h.db('identity_refresh_tokens').select()]);
    expect(dump).not.to.contain(code);
    expect(dump).not.to.contain(tokenSet.refresh_token!);
  });
});
