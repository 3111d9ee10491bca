/**
 * Per request: who is signed in, which organisation they are working in (checked against membership
 * on every request), and a database handle that can only see that organisation. Read back through
 * the typed accessors of src/http/request-context.ts.
 */
import type { RequestHandler } from 'express';
import { displayName } from '../common/tenancy.js';
import type { Database } from '../db/database.js';
import { tenantDb } from '../db/tenant-db.js';
import { setSignedIn } from '../http/request-context.js';
import { organisationsRepository } from './organisations-repository.js';

const NAV = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/contacts', label: 'Contacts' },
  { href: '/products', label: 'Products' },
  { href: '/quotes', label: 'Quotes' },
  { href: '/sales-orders', label: 'Sales orders' },
  { href: '/purchase-orders', label: 'Purchase orders' },
  { href: '/projects', label: 'Projects' },
  { href: '/sync-log', label: 'Sync log' },
  { href: '/organisations', label: 'Organisations' },
];

/** Loads the signed-in user (if any) and their current organisation for every page. */
export function loadRequestContext(db: Database): RequestHandler {
  const repo = organisationsRepository(db);
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
    const context = organisation ? { user, organisation, tdb: tenantDb(db, organisation.id) } : null;
    setSignedIn(res, { user, organisations, context }, displayName(user));
    const path = req.path;
    res.locals.nav = { links: NAV.map((link) => ({ ...link, current: path === link.href || path.startsWith(`${link.href}/`) })) };
    next();
  };
}
