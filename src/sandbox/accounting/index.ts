/**
 * The sandbox's Accounting API side: its tables, organisations with seeded ledgers, the API router
 * (mounted at /api.xro/2.0), the web router (online invoices) and the accountant's pages with Xero's deep
 * links (both mounted at the root).
 */
import type { Request, Router } from 'express';
import type { Knex } from 'knex';
import type { AccountingControls as ContractControls, AccountingSide, OrganisationSeed, SandboxClock } from '../identity-accounting-seam.js';
import { createAccountantPages } from './pages/pages-router.js';
import type { PageVisitor } from './pages/page-context.js';
import { seedDemoHistory } from './demo-history.js';
import { createOrganisation, getOrganisation } from './organisations.js';
import { createAccountingRouter, type AccountingRouter } from './router.js';
import { ensureSchema } from './schema.js';
import { createWebRouter } from './web-router.js';

function isControls(value: unknown): value is AccountingRouter['accounting'] {
  return typeof value === 'object' && value !== null && 'stop' in value && 'webhooks' in value && 'faults' in value && 'schedules' in value;
}

/** What the accountant's pages need from the rest of the sandbox (see pages/pages-router.ts). */
export interface AccountantPagesOptions {
  db: Knex;
  clock: SandboxClock;
  /** The router `createRouter` made: page actions announce webhooks through its dispatcher. */
  api: Router;
  /** The identity side's reader of the browser's signed-in user. */
  visitor(req: Request): Promise<PageVisitor | undefined>;
  signInPath: string;
}

/** The accountant's pages: an optional part of an accounting side (test doubles leave it out). */
export interface AccountantPagesSide {
  createAccountantPages(options: AccountantPagesOptions): Router;
}

export const accountingSide: AccountingSide & AccountantPagesSide = {
  ensureSchema,
  createOrganisation: (db, seed, nowMs) => createOrganisation(db, seed, nowMs),
  getOrganisation,
  createRouter: (deps) => createAccountingRouter(deps),
  createWebRouter,
  createAccountantPages: ({ api, ...rest }) => {
    const accounting: unknown = 'accounting' in api ? api.accounting : undefined;
    if (!isControls(accounting)) throw new Error('createAccountantPages needs the router createRouter made');
    return createAccountantPages({ ...rest, changes: accounting.webhooks });
  },
  controls: (router: Router): ContractControls | undefined => {
    const accounting: unknown = 'accounting' in router ? router.accounting : undefined;
    return isControls(accounting) ? { stop: accounting.stop, flushWebhooks: () => accounting.webhooks.flush() } : undefined;
  },
};

export { createAccountingRouter, type AccountingRouter, type AccountingRouterOptions, type AccountingControls } from './router.js';
export { signWebhookBody } from './webhooks.js';
export type { FaultSettings } from './faults.js';

/** The accounting side whose new organisations also get some history when `isDemo(seed)` (demo-history.ts). */
export function accountingSideWithDemoHistory(isDemo: (seed: OrganisationSeed) => boolean): typeof accountingSide {
  return {
    ...accountingSide,
    createOrganisation: (db, seed, nowMs) => createOrganisation(db, seed, nowMs, isDemo(seed) ? { seedHistory: seedDemoHistory } : {}),
  };
}
export type { PageVisitor } from './pages/page-context.js';

/** The full controls (fault injection, schedule clock, webhooks) of a router made by createRouter, for in-process tests. */
export function sandboxControlsOf(router: Router): AccountingRouter['accounting'] | undefined {
  const accounting: unknown = 'accounting' in router ? router.accounting : undefined;
  return isControls(accounting) ? accounting : undefined;
}
