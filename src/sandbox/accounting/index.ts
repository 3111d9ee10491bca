/**
 * The sandbox's Accounting API side: its tables, organisations with seeded ledgers, the API router
 * (mounted at /api.xro/2.0) and the web router (deep links, online invoices; mounted at the root).
 */
import type { Router } from 'express';
import type { AccountingControls as ContractControls, AccountingSide, OrganisationSeed } from '../contracts.js';
import { createOrganisation, getOrganisation } from './organisations.js';
import { createAccountingRouter, type AccountingRouter } from './router.js';
import { ensureSchema } from './schema.js';
import { createWebRouter } from './web-router.js';

function isControls(value: unknown): value is AccountingRouter['accounting'] {
  return typeof value === 'object' && value !== null && 'stop' in value && 'webhooks' in value;
}

export const accountingSide: AccountingSide = {
  ensureSchema,
  createOrganisation: (db, seed, nowMs) => createOrganisation(db, seed, nowMs),
  getOrganisation,
  createRouter: (deps) => createAccountingRouter(deps),
  createWebRouter,
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
  return { ...accountingSide, createOrganisation: (db, seed, nowMs) => createOrganisation(db, seed, nowMs, { demoHistory: isDemo(seed) }) };
}
