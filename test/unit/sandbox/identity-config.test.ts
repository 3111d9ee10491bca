import { expect } from 'chai';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_WEBHOOK_KEY } from '../../../src/demo/demo-defaults.js';
import { loadSandboxConfig } from '../../../src/sandbox/sandbox-config.js';

describe('sandbox config: loadSandboxConfig', () => {
  it('when nothing is set, then the demo defaults match the app on port 3000', () => {
    const config = loadSandboxConfig({});
    expect(config.port).to.equal(3001);
    expect(config.dbFile).to.equal('data/sandbox.sqlite');
    expect(config.issuer).to.equal('http://localhost:3001');
    expect(config.client).to.include({ clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });
    expect(config.client.redirectUris).to.deep.equal(['http://localhost:3000/auth/xero/callback']);
    expect(config.webhooks).to.deep.equal({ url: 'http://localhost:3000/webhooks/xero', key: DEMO_WEBHOOK_KEY });
    expect(config.rateLimits).to.deep.equal({ minute: 60, day: 5000, concurrent: 5, appMinute: 10000 });
    expect(config.timeScale).to.equal(1);
  });

  it('when every setting is given, then each is parsed', () => {
    const config = loadSandboxConfig({
      SANDBOX_PORT: '4100',
      SANDBOX_DB: ':memory:',
      SANDBOX_CLIENT_ID: 'ID1',
      SANDBOX_CLIENT_SECRET: 'S1',
      SANDBOX_REDIRECT_URIS: 'http://localhost:5000/cb, https://app.example/cb',
      SANDBOX_WEBHOOK_URL: 'https://app.example/webhooks/xero',
      SANDBOX_WEBHOOK_KEY: 'k',
      SANDBOX_RATE_LIMITS: 'minute=6,appminute=100',
      SANDBOX_TIME_SCALE: '60',
      SANDBOX_ISSUER: 'https://sandbox.example/',
    });
    expect(config).to.deep.include({ port: 4100, dbFile: ':memory:', issuer: 'https://sandbox.example', timeScale: 60 });
    expect(config.client.redirectUris).to.deep.equal(['http://localhost:5000/cb', 'https://app.example/cb']);
    expect(config.webhooks).to.deep.equal({ url: 'https://app.example/webhooks/xero', key: 'k' });
    expect(config.rateLimits).to.deep.equal({ minute: 6, day: 5000, concurrent: 5, appMinute: 100 });
  });

  it('when the port is set, then the default issuer follows it', () => {
    expect(loadSandboxConfig({ SANDBOX_PORT: '4200' }).issuer).to.equal('http://localhost:4200');
  });

  it('when SANDBOX_WEBHOOK_URL is off, then webhooks are disabled', () => {
    expect(loadSandboxConfig({ SANDBOX_WEBHOOK_URL: 'off' }).webhooks.url).to.equal(undefined);
  });

  const malformed: [string, string][] = [
    ['SANDBOX_PORT', 'abc'],
    ['SANDBOX_PORT', '70000'],
    ['SANDBOX_REDIRECT_URIS', 'not a url'],
    ['SANDBOX_REDIRECT_URIS', 'ftp://x/cb'],
    ['SANDBOX_WEBHOOK_URL', '/relative'],
    ['SANDBOX_RATE_LIMITS', 'minute=fast'],
    ['SANDBOX_RATE_LIMITS', 'hour=10'],
    ['SANDBOX_RATE_LIMITS', 'minute=0'],
    ['SANDBOX_TIME_SCALE', '0'],
    ['SANDBOX_TIME_SCALE', 'quick'],
    ['SANDBOX_ISSUER', 'localhost:3001'],
    ['SANDBOX_ISSUER', 'https://sandbox.example/xero'],
  ];
  for (const [name, value] of malformed) {
    it(`when ${name} is "${value}", then loading throws an error naming ${name}`, () => {
      expect(() => loadSandboxConfig({ [name]: value })).to.throw(Error, name);
    });
  }
});
