/**
 * Mocha root hooks (loaded by `.mocharc.json`): tests reach nothing beyond loopback.
 *
 * - nock intercepts http, https and fetch: a request to any other host with no nock scope fails
 *   with nock's `NetConnectNotAllowedError` ("Nock: Disallowed net connect for ...").
 * - `net.Socket#connect` (under every TCP/TLS client: raw sockets, undici, pg) throws
 *   "Tests may not reach the network" for any host that is not this machine.
 * - Code under test may catch those errors and carry on (a gateway that turns them into "Xero is
 *   unreachable"), so every attempt is also recorded with its test's name, and the root `after`
 *   hook fails the run listing them unless a test took them with `takeBlockedConnections()`.
 */
import net from 'node:net';
import nock from 'nock';

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]', '::', '[::]', '0.0.0.0', '::ffff:127.0.0.1']);

/** True for a host (optionally `host:port`) that is this machine. */
export function isLoopbackHost(hostAndPort: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostAndPort);
  const host = (bracketed ? (bracketed[1] ?? '') : hostAndPort.includes('::') ? hostAndPort : hostAndPort.replace(/:\d+$/, '')).toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host) || /^::ffff:127(\.\d{1,3}){3}$/.test(host) || host.endsWith('.localhost');
}

export interface BlockedConnection {
  target: string;
  test: string;
}

const blocked: BlockedConnection[] = [];
let currentTest = '(outside any test)';

function record(target: string): void {
  blocked.push({ target, test: currentTest });
}

/** The attempts recorded since the last call (a test that provokes the guard on purpose takes them). */
export function takeBlockedConnections(): BlockedConnection[] {
  return blocked.splice(0, blocked.length);
}

/** The host a `Socket#connect(...)` call aims at, or undefined for a local pipe/Unix socket. */
function connectTarget(args: unknown[]): string | undefined {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: unknown; host?: unknown; port?: unknown };
    if (typeof options.path === 'string') return undefined;
    return `${typeof options.host === 'string' ? options.host : 'localhost'}:${String(options.port)}`;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${String(first)}`;
  }
  return undefined;
}

const originalConnect = net.Socket.prototype.connect;
function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const target = connectTarget(args);
  if (target !== undefined && !isLoopbackHost(target.replace(/:[^:]*$/, ''))) {
    record(target);
    throw new Error(`Tests may not reach the network: a socket tried to connect to ${target}. Use nock for Xero calls, or the in-process sandbox.`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
}
net.Socket.prototype.connect = guardedConnect as typeof net.Socket.prototype.connect;

/** Loopback only; re-applied before every test, since a test may call nock.enableNetConnect() and forget. */
function guardNock(): void {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => isLoopbackHost(host));
}
guardNock();
nock.emitter.on('no match', (request: { host?: unknown; hostname?: unknown; options?: unknown }) => {
  const host = typeof request.hostname === 'string' ? request.hostname : typeof request.host === 'string' ? request.host : undefined;
  if (host !== undefined && !isLoopbackHost(host)) record(host);
});

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    currentTest = this.currentTest?.fullTitle() ?? '(unknown test)';
    guardNock();
  },
  afterEach(): void {
    // A test's unused nock scopes must not answer the next test's requests.
    nock.cleanAll();
  },
  afterAll(): void {
    const left = takeBlockedConnections();
    if (left.length > 0) {
      throw new Error(`Tests tried to reach the network beyond loopback:\n${left.map((b) => `  ${b.target} in "${b.test}"`).join('\n')}`);
    }
  },
};
