/**
 * startSandbox: open the DB, create both sides' tables, load the signing key, listen. Port 0 picks a
 * free port (tests). The URL it returns is the issuer unless config.issuer was set explicitly.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { systemClock, type AccountingControls, type AccountingSide, type SandboxClock } from './identity-accounting-seam.js';
import { demoOrganisations, ensureIdentitySchema, loadOrCreateSigningKeys, openSandboxDb } from './identity/index.js';
import { accountingSide, accountingSideWithDemoHistory, type AccountantPagesSide } from './accounting/index.js';
import { composeSandbox } from './sandbox-app.js';
import type { RegisteredClient, SandboxConfig } from './sandbox-config.js';

export interface StartSandboxOptions {
  clock?: SandboxClock;
  /**
   * Defaults to the real Accounting API side (./accounting/index.js), whose demo organisations (made at
   * a user's first sign-in) get some history unless `demoHistory` is false.
   */
  accounting?: AccountingSide & Partial<AccountantPagesSide>;
  demoHistory?: boolean;
  extraClients?: readonly RegisteredClient[];
  /** Structured request logs (server.ts passes one; tests usually do not). */
  logger?: Logger;
}

export interface RunningSandbox {
  /** Origin, no trailing slash: the OIDC issuer; the API is at `${url}/api.xro/2.0`. */
  url: string;
  port: number;
  close(): Promise<void>;
  clock: SandboxClock;
  db: Knex;
  config: SandboxConfig;
  /** Webhook flush/stop from the accounting side, when it offers them (close() calls stop). */
  accountingControls: AccountingControls | undefined;
  /** The Accounting API router: `sandboxControlsOf(api)` (accounting/index.ts) reaches faults and the clock in-process. */
  api: Router;
}

/** With port 0 the issuer is only known after listening, so an unset issuer follows the real port. */
const issuerFor = (config: SandboxConfig, port: number): string =>
  config.port === 0 && config.issuer === 'http://localhost:0' ? `http://localhost:${port}` : config.issuer;

export async function startSandbox(config: SandboxConfig, opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const clock = opts.clock ?? systemClock;
  const accounting =
    opts.accounting ?? (opts.demoHistory === false ? accountingSide : accountingSideWithDemoHistory((seed) => demoOrganisations.includes(seed)));
  const db = openSandboxDb(config.dbFile);
  try {
    await ensureIdentitySchema(db);
    await accounting.ensureSchema(db);
    const keys = await loadOrCreateSigningKeys(db);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // All interfaces (dual-stack), so `localhost` works whichever address family it resolves to.
      server.listen(config.port, () => resolve());
    });
    const address: AddressInfo | string | null = server.address();
    if (address === null || typeof address === 'string') {
      server.close();
      throw new Error('the sandbox server has no TCP address');
    }
    const { port } = address;
    const effective: SandboxConfig = { ...config, port, issuer: issuerFor(config, port) };
    const { app, api, accountingControls } = composeSandbox({
      config: effective,
      db,
      clock,
      keys,
      accounting,
      extraClients: opts.extraClients ?? [],
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    server.on('request', app);
    return {
      url: effective.issuer,
      port,
      clock,
      db,
      config: effective,
      accountingControls,
      api,
      close: async () => {
        await accountingControls?.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
