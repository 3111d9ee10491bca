import { execFile } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import nock from 'nock';
import { isLoopbackHost, mochaHooks, takeBlockedConnections } from '../helpers/network-guard.js';

function get(url: string): Promise<{ status: number; body: string }> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    client
      .get(url, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  throw new Error('expected the call to fail');
}

describe('The network guard in the root hooks', () => {
  afterEach(() => {
    takeBlockedConnections();
  });

  it('when a test requests a Xero URL with no nock scope, then the request fails naming the host and the attempt is recorded', async () => {
    const error = await failure(get('https://api.xero.com/connections'));
    expect(error.message).to.equal('Nock: Disallowed net connect for "api.xero.com:443/connections"');
    expect(takeBlockedConnections().map((b) => b.target)).to.deep.equal(['api.xero.com']);
  });

  it('when a test calls fetch on a host beyond loopback, then fetch rejects and the attempt is recorded with the test name', async () => {
    const error = await failure(fetch('https://identity.xero.com/.well-known/openid-configuration'));
    expect(error.message).to.equal('Nock: Disallowed net connect for "identity.xero.com:443/.well-known/openid-configuration"');
    const taken = takeBlockedConnections();
    expect(taken.map((b) => b.target)).to.deep.equal(['identity.xero.com']);
    expect(taken[0]?.test).to.contain('when a test calls fetch on a host beyond loopback');
  });

  it('when a test opens a raw socket to a host beyond loopback, then connect throws before any packet leaves', () => {
    const socket = new net.Socket();
    expect(() => socket.connect(443, 'example.com')).to.throw('Tests may not reach the network: a socket tried to connect to example.com:443');
    expect(() => net.connect({ host: '93.184.215.14', port: 80 })).to.throw('connect to 93.184.215.14:80');
    socket.destroy();
    expect(takeBlockedConnections().map((b) => b.target)).to.deep.equal(['example.com:443', '93.184.215.14:80']);
  });

  it('when a nock scope answers a Xero URL, then the request gets the scripted reply and nothing is recorded', async () => {
    const scope = nock('https://api.xero.com')
      .get('/connections')
      .reply(200, [{ tenantId: 't-1' }]);
    const reply = await get('https://api.xero.com/connections');
    expect(reply).to.deep.equal({ status: 200, body: '[{"tenantId":"t-1"}]' });
    expect(scope.isDone()).to.equal(true);
    expect(takeBlockedConnections()).to.deep.equal([]);
  });

  it('when a test talks to a server on loopback, then http and raw sockets both reach it', async () => {
    const server = http.createServer((_req, res) => res.end('local'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      expect(await get(`http://127.0.0.1:${port}/`)).to.deep.equal({ status: 200, body: 'local' });
      expect(await get(`http://localhost:${port}/`)).to.deep.equal({ status: 200, body: 'local' });
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).to.equal('local');
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve();
        });
        socket.on('error', reject);
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(takeBlockedConnections()).to.deep.equal([]);
  });

  it('when a test opens every host to nock and forgets, then the root hook closes them again before the next test', async function () {
    nock.enableNetConnect();
    nock('https://api.xero.com').get('/probe').reply(200, 'scripted');
    mochaHooks.beforeEach.call(this);
    mochaHooks.afterEach();
    const error = await failure(get('https://api.xero.com/probe'));
    expect(error.message).to.equal('Nock: Disallowed net connect for "api.xero.com:443/probe"');
  });

  for (const [host, loopback] of [
    ['127.0.0.1', true],
    ['127.0.0.1:5432', true],
    ['localhost:3000', true],
    ['[::1]:80', true],
    ['::1', true],
    ['127.8.0.3', true],
    ['api.xero.com:443', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['2001:db8::1', false],
  ] as const) {
    it(`when the host is ${host}, then it is ${loopback ? '' : 'not '}loopback`, () => {
      expect(isLoopbackHost(host)).to.equal(loopback);
    });
  }
});

describe('The network guard over a whole run', () => {
  it('when a test swallows the blocked request, then the run still fails listing the host and the test', async () => {
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['node_modules/mocha/bin/mocha.js', '--reporter', 'dot', 'test/fixtures/network-guard/swallowed-request.fixture.ts'],
        { cwd: repo },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, output: stdout + stderr }),
      );
    });
    expect(run.code).to.equal(1);
    expect(run.output).to.contain('1 passing').and.to.contain('"after all" hook');
    expect(run.output).to.contain(
      'Tests tried to reach the network beyond loopback:\n  api.xero.com in "code that hides a forgotten nock when the code catches the failed request, then the test alone would pass"',
    );
  });
});
