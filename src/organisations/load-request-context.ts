/**
 * Per request: who is signed in, which organisation they are working in (checked against membership
 * on every request), and a database handle that can only see that organisation. Read back through
 * the typed accessors of src/http/request-context.ts.
 */
import type { RequestHandler } from 'express';
import { dateStyleFor, withDateStyle } from '../common/dates.js';
import { displayName } from '../common/tenancy.js';
import type { Database } from '../db/database.js';
import { tenantDb } from '../db/tenant-db.js';
import { setSignedIn, type NavLink } from '../http/request-context.js';
import { organisationsRepository } from './organisations-repository.js';

/**
 * The navigation: `section` 'settings' links sit in the Settings menu, the rest in the main menu (in this
 * order); `icon` is a Tabler icon name (src/http/icons.ts). A capability with a new page adds its link here.
 */
const NAV: NavLink[] = [
  { href: '/dashboard', label: 'Dashboard', icon: 'layout-dashboard' },
  { href: '/contacts', label: 'Contacts', icon: 'users' },
  { href: '/products', label: 'Products', icon: 'package' },
  { href: '/quotes', label: 'Quotes', icon: 'file-text' },
  { href: '/sales-orders', label: 'Sales orders', icon: 'shopping-cart' },
  { href: '/purchase-orders', label: 'Purchase orders', icon: 'truck' },
  { href: '/projects', label: 'Projects', icon: 'briefcase' },
  { href: '/contracts', label: 'Contracts', icon: 'file-certificate' },
  { href: '/organisations', label: 'Organisations', icon: 'building', section: 'settings' },
  { href: '/settings/xero', label: 'Xero settings', icon: 'adjustments', section: 'settings' },
  { href: '/import/xero', label: 'Import', icon: 'cloud-download', section: 'settings' },
  { href: '/sync-log', label: 'Sync log', icon: 'list-check', section: 'settings' },
  { href: '/audit', label: 'Audit trail', icon: 'history', section: 'settings', adminOnly: true },
];

/** The "+ New" menu. */
const NEW_MENU = [
  { href: '/quotes/new', label: 'Quote', icon: 'file-text' },
  { href: '/sales-orders/new', label: 'Sales order', icon: 'shopping-cart' },
  { href: '/purchase-orders/new', label: 'Purchase order', icon: 'truck' },
  { href: '/contacts/new', label: 'Contact', icon: 'user-plus' },
  { href: '/products/new', label: 'Product', icon: 'package' },
  { href: '/projects/new', label: 'Project', icon: 'briefcase' },
  { href: '/contracts/new', label: 'Contract', icon: 'file-certificate' },
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
    const memberships = await repo.membershipsOf(user.id);
    const organisations = memberships.map((m) => m.organisation);
    let current = memberships.find((m) => m.organisation.id === req.session.organisationId);
    if (!current && memberships[0]) {
      current = memberships[0];
      req.session.organisationId = current.organisation.id;
    }
    const context = current ? { user, organisation: current.organisation, role: current.role, tdb: tenantDb(db, current.organisation.id) } : null;
    setSignedIn(res, { user, organisations, context }, displayName(user));
    const path = req.path;
    const links = NAV.filter((link) => !link.adminOnly || context?.role === 'admin');
    res.locals.nav = { links: links.map((link) => ({ ...link, current: path === link.href || path.startsWith(`${link.href}/`) })), newMenu: NEW_MENU };
    // Every date of the rest of the request (pages, PDFs) reads in the organisation's locale.
    const dateStyle = dateStyleFor(current?.organisation.countryCode);
    res.locals.dateLocale = dateStyle.locale;
    withDateStyle(dateStyle, () => next());
  };
}
