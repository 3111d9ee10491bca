/**
 * Per request: who is signed in, which organisation they are working in (checked against membership
 * on every request), and a database handle that can only see that organisation.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/database.js';
import { tenantDb, type TenantDb } from '../db/tenant-db.js';
import { AppError } from '../common/errors.js';
import { tenantsRepository } from './tenants-repository.js';
import { displayName, type Organisation, type User } from './tenants.js';

export interface RequestContext {
  user: User;
  organisation: Organisation;
  /** Everything of this organisation, nothing of any other. */
  tdb: TenantDb;
}

export class SignInRequiredError extends AppError {
  constructor() {
    super('sign_in_required', 401, 'Please sign in to continue.');
  }
}

export class ReadOnlyOrganisationError extends AppError {
  constructor(name: string) {
    super('organisation_read_only', 409, `${name} is disconnected from Xero, so its Ledgerside data is read-only. Reconnect it on the Organisations page to make changes.`);
  }
}

const NAV = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/contacts', label: 'Contacts' },
  { href: '/products', label: 'Products' },
  { href: '/quotes', label: 'Quotes' },
  { href: '/sales-orders', label: 'Sales orders' },
  { href: '/projects', label: 'Projects' },
  { href: '/sync-log', label: 'Sync log' },
  { href: '/organisations', label: 'Organisations' },
];

/** Loads the signed-in user (if any) and their current organisation into res.locals for every page. */
export function loadRequestContext(db: Database): RequestHandler {
  const repo = tenantsRepository(db);
  return async (req, res, next) => {
    const userId = req.session?.userId;
    if (!userId) return next();
    const user = await repo.findUser(userId);
    if (!user) {
      delete req.session.userId;
      delete req.session.organisationId;
      return next();
    }
    const organisations = await repo.organisationsOf(user.id);
    let organisation = organisations.find((o) => o.id === req.session.organisationId);
    if (!organisation && organisations[0]) {
      organisation = organisations[0];
      req.session.organisationId = organisation.id;
    }
    res.locals.user = { ...user, displayName: displayName(user) };
    res.locals.organisations = organisations;
    if (organisation) {
      res.locals.organisation = organisation;
      const context: RequestContext = { user, organisation, tdb: tenantDb(db, organisation.id) };
      res.locals.context = context;
    }
    const path = req.path;
    res.locals.nav = { links: NAV.map((link) => ({ ...link, current: path === link.href || path.startsWith(`${link.href}/`) })) };
    next();
  };
}

export const requireSignIn: RequestHandler = (req, res, next) => {
  if (res.locals.user) return next();
  if (req.method === 'GET') req.session.returnTo = req.originalUrl;
  res.redirect(303, '/');
};

/** The request's context; only for routes mounted behind requireOrganisation. */
export function requestContext(res: Response): RequestContext {
  const context: unknown = res.locals.context;
  if (!context) throw new SignInRequiredError();
  return context as RequestContext;
}

/**
 * Routes that work on an organisation's records sit behind this. Writes to an organisation that is
 * disconnected from Xero are refused: its data stays readable until the user deletes it.
 */
export function requireOrganisation(req: Request, res: Response, next: NextFunction): void {
  if (!res.locals.user) {
    if (req.method === 'GET') req.session.returnTo = req.originalUrl;
    res.redirect(303, '/');
    return;
  }
  const context: unknown = res.locals.context;
  if (!context) {
    res.redirect(303, '/organisations');
    return;
  }
  const { organisation } = context as RequestContext;
  if (req.method !== 'GET' && req.method !== 'HEAD' && organisation.status === 'disconnected') {
    next(new ReadOnlyOrganisationError(organisation.name));
    return;
  }
  next();
}
