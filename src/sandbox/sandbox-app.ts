/**
 * createSandboxApp: the whole local Xero on one origin (identity, connections, sandbox pages and the
 * Accounting API at /api.xro/2.0). It never listens: `index.ts` does, and tests can use it directly.
 */
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AccountingControls, AccountingSide, SandboxClock } from './identity-accounting-seam.js';
import type { AccountantPagesSide } from './accounting/index.js';
import { createIdentity, identityPaths, type SigningKeys } from './identity/index.js';
import type { RegisteredClient, SandboxConfig } from './sandbox-config.js';
import { sandboxRequestLogging } from './sandbox-logging.js';

export interface SandboxAppDeps {
  config: SandboxConfig;
  db: Knex;
  clock: SandboxClock;
  /** From loadOrCreateSigningKeys(db), after ensureIdentitySchema. */
  keys: SigningKeys;
  /** With `createAccountantPages` (the real side has it), the accountant's pages are served too. */
  accounting: AccountingSide & Partial<AccountantPagesSide>;
  /** Apps registered besides config.client (tests use a second app). */
  extraClients?: readonly RegisteredClient[];
  /** One line per request and errors; tests leave it out for quiet runs. */
  logger?: Logger;
}

export interface ComposedSandbox {
  app: Express;
  /** The Accounting API router (tests reach its fault injection and clock through the accounting side). */
  api: Router;
  /** The accounting side's webhook flush/stop, when it offers them. */
  accountingControls: AccountingControls | undefined;
}

export function createSandboxApp(deps: SandboxAppDeps): Express {
  return composeSandbox(deps).app;
}

/** createSandboxApp plus the handles `startSandbox` needs for a clean shutdown. */
export function composeSandbox(deps: SandboxAppDeps): ComposedSandbox {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  if (deps.logger) app.use(sandboxRequestLogging(deps.logger));
  const identity = createIdentity({
    db: deps.db,
    clock: deps.clock,
    keys: deps.keys,
    issuer: deps.config.issuer,
    clients: [deps.config.client, ...(deps.extraClients ?? [])],
    accounting: deps.accounting,
  });

  app.get('/', (_req, res) => {
    res.redirect(303, identityPaths.myXero);
  });
  app.use(identity.router);
  const api = deps.accounting.createRouter({
    db: deps.db,
    clock: deps.clock,
    authenticate: identity.authenticate,
    rateLimits: deps.config.rateLimits,
    timeScale: deps.config.timeScale,
    webhooks: deps.config.webhooks,
  });
  app.use('/api.xro/2.0', api);
  // The accountant's pages (/app/{ShortCode}/…) and Xero's deep links, for the signed-in sandbox user.
  const pages = deps.accounting.createAccountantPages?.({
    db: deps.db,
    clock: deps.clock,
    api,
    visitor: identity.visitor,
    signInPath: identityPaths.signIn,
  });
  if (pages) app.use(pages);
  // Online invoices live at the root, as Xero's do.
  if (deps.accounting.createWebRouter) app.use(deps.accounting.createWebRouter({ db: deps.db }));

  app.use((_req: Request, res: Response) => {
    res.status(404).type('text').send("The resource you're looking for cannot be found");
  });
  // Express recognises error handlers by arity: the unused `next` must stay.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) {
      if (deps.logger) deps.logger.error({ err }, 'sandbox request failed');
      else console.error('sandbox request failed', err);
    }
    if (!res.headersSent)
      res
        .status(status)
        .type('text')
        .send(status >= 500 ? 'Internal sandbox error' : 'Bad request');
  });
  return { app, api, accountingControls: deps.accounting.controls?.(api) };
}
