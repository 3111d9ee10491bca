/**
 * The sandbox's Accounting API side: its tables, organisations with seeded ledgers, the API router
 * (mounted at /api.xro/2.0) and the web router (deep links, online invoices; mounted at the root).
 */
import type { Router } from 'express';
import type { AccountingControls as ContractControls, AccountingSide, OrganisationSeed } from '../contracts.js';
import { createOrganisation, getOrganisation } from './organisations.js';
import type { AccountantActions } from './accountant-actions.js';
import { createAccountingRouter, type AccountingRouter } from './router.js';
import { ensureSchema } from './schema.js';
import { createWebRouter } from './web-router.js';

function isControls(value: unknown): value is AccountingRouter['accounting'] {
  return typeof value === 'object' && value !== null && 'stop' in value && 'webhooks' in value && 'actionsFor' in value;
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

/** The accounting side whose new organisations also get some history when `isDemo(seed)` (demo-history.ts). */
export function accountingSideWithDemoHistory(isDemo: (seed: OrganisationSeed) => boolean): AccountingSide {
  return { ...accountingSide, createOrganisation: (db, seed, nowMs) => createOrganisation(db, seed, nowMs, { demoHistory: isDemo(seed) }) };
}

export { createAccountingRouter, type AccountingRouter, type AccountingRouterOptions, type AccountingControls } from './router.js';
export { signWebhookBody } from './webhooks.js';
export { ActionRefused, RecordNotFound, type AccountantActions, type PaymentInput } from './accountant-actions.js';

/** The accountant's actions of an API router made by createRouter (the sandbox pages call these). */
export function accountantActionsOf(router: Router, apiBase?: string): AccountantActions | undefined {
  const accounting: unknown = 'accounting' in router ? router.accounting : undefined;
  return isControls(accounting) ? accounting.actionsFor(apiBase) : undefined;
}
export type { FaultSettings } from './faults.js';
/** Reading an organisation's records (pages): tenant-scoped store and a record's history. */
export { TenantStore } from './store.js';
export { listHistory } from './history.js';
