import { expect } from 'chai';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEMO_CLIENT_ID } from '../../src/demo/demo-defaults.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'ledgerside-config-'));
const realXero = {
  XERO_CLIENT_ID: 'ABC',
  XERO_CLIENT_SECRET: 'secret',
  XERO_REDIRECT_URI: 'https://crm.example/auth/xero/callback',
  XERO_WEBHOOK_KEY: 'hook',
  SESSION_SECRET: 'x'.repeat(40),
  TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32),
};

describe('config', () => {
  it('when no Xero credentials are set, then the app runs in demo mode against the sandbox ports', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), PORT: '4100', SANDBOX_PORT: '4101' });
    expect(config.demo).to.equal(true);
    expect(config.xero.clientId).to.equal(DEMO_CLIENT_ID);
    expect(config.xero.issuerUrl).to.equal('http://localhost:4101');
    expect(config.xero.apiUrl).to.equal('http://localhost:4101/api.xro/2.0');
    expect(config.xero.connectionsUrl).to.equal('http://localhost:4101/connections');
    expect(config.xero.redirectUri).to.equal('http://localhost:4100/auth/xero/callback');
    expect(config.appUrl).to.equal('http://localhost:4100');
    expect(config.database).to.deep.equal({ kind: 'sqlite', filename: path.join(config.dataDir, 'ledgerside.sqlite') });
  });

  it('when secrets are missing outside production, then they are generated once into a 0600 file and reused', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret).to.have.length.greaterThan(30);
    expect(second.sessionSecret).to.equal(first.sessionSecret);
    expect(second.tokenEncryptionKey.equals(first.tokenEncryptionKey)).to.equal(true);
    expect(first.tokenEncryptionKey).to.have.length(32);
    const file = path.join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(readFileSync(file, 'utf8')).to.contain(first.sessionSecret);
  });

  it('when production lacks SESSION_SECRET, then loading fails with one line naming it', () => {
    const env = { ...realXero, NODE_ENV: 'production', DATA_DIR: tempDir(), SESSION_SECRET: undefined };
    expect(() => loadConfig(env)).to.throw(ConfigError, /^SESSION_SECRET is required when NODE_ENV=production$/);
  });

  it('when real Xero credentials are given, then the real Xero hosts are the defaults', () => {
    const config = loadConfig({ ...realXero, DATA_DIR: tempDir() });
    expect(config.demo).to.equal(false);
    expect(config.xero.issuerUrl).to.equal('https://identity.xero.com');
    expect(config.xero.apiUrl).to.equal('https://api.xero.com/api.xro/2.0');
    expect(config.xero.connectionsUrl).to.equal('https://api.xero.com/connections');
    expect(config.xero.webUrl).to.equal('https://go.xero.com');
  });

  const malformed: [string, Record<string, string>, RegExp][] = [
    ['PORT is not a number', { PORT: 'eighty' }, /PORT/],
    ['PORT is out of range', { PORT: '70000' }, /PORT must be between 0 and 65535/],
    ['XERO_API_URL is not a URL', { XERO_API_URL: 'api.xero.com' }, /XERO_API_URL must be an absolute URL/],
    ['TOKEN_ENCRYPTION_KEY is short', { TOKEN_ENCRYPTION_KEY: 'abcd' }, /TOKEN_ENCRYPTION_KEY must be 32 bytes/],
    ['SESSION_SECRET is short', { SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32 characters/],
    ['NODE_ENV is unknown', { NODE_ENV: 'staging' }, /NODE_ENV must be development, production or test/],
    [
      "XERO_REDIRECT_URI is not the app's callback path",
      { XERO_CLIENT_ID: 'a', XERO_CLIENT_SECRET: 'b', XERO_REDIRECT_URI: 'https://crm.example/callback' },
      /XERO_REDIRECT_URI must end with \/auth\/xero\/callback/,
    ],
    ['a client id comes without its secret', { XERO_CLIENT_ID: 'abc' }, /XERO_CLIENT_SECRET is required when XERO_CLIENT_ID is set/],
  ];
  for (const [what, env, message] of malformed) {
    it(`when ${what}, then loading fails with a message naming the setting`, () => {
      expect(() => loadConfig({ DATA_DIR: tempDir(), ...env })).to.throw(ConfigError, message);
    });
  }

  it('when DATABASE_URL is set, then PostgreSQL is used', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(config.database).to.deep.equal({ kind: 'pg', url: 'postgres://u@127.0.0.1:5432/db' });
  });
});
