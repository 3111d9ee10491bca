/**
 * The request context, typed: who is signed in, the organisations they belong to, and (for
 * organisation pages) the current organisation with a database handle that can only see it. The
 * organisations capability loads it once per request (`loadRequestContext`); routes read it through
 * these accessors and never cast `res.locals`. Templates read the same values from `res.locals`.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../common/errors.js';
import type { MembershipRole, Organisation, User } from '../common/tenancy.js';
import type { TenantDb } from '../db/tenant-db.js';
import { localPath } from './return-path.js';

export interface RequestContext {
  user: User;
  organisation: Organisation;
  /** The user's role in this organisation ('admin': may read the audit trail). */
  role: MembershipRole;
  /** Everything of this organisation, nothing of any other. */
  tdb: TenantDb;
}

/** What a signed-in request carries. */
export interface SignedIn {
  user: User;
  /** Every organisation the user is a member of, by name. */
  organisations: Organisation[];
  /** The organisation being worked in, when there is one. */
  context: RequestContext | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types res.locals through this global namespace.
  namespace Express {
    interface Locals {
      /** The signed-in user, for templates (with `displayName`). */
      user?: User & { displayName: string };
      organisations?: Organisation[];
      organisation?: Organisation;
      /** The organisation's locale for dates ("en-AU"): the page's lang, what scripts format dates with. */
      dateLocale?: string;
      nav?: { links: (NavLink & { current: boolean })[]; newMenu?: { href: string; label: string; icon?: string }[] };
    }
  }
}

/** A link of the navigation (src/organisations/load-request-context.ts lists them). */
export interface NavLink {
  href: string;
  label: string;
  /** A Tabler icon name (src/http/icons.ts). */
  icon?: string;
  /** 'settings' puts it in the Settings menu; otherwise the main menu. */
  section?: 'main' | 'settings';
  /** Shown only to the organisation's admins. */
  adminOnly?: boolean;
}

const signedInRequests = new WeakMap<Response, SignedIn>();

/** Called once per request by the organisations capability; also fills what templates show. */
export function setSignedIn(res: Response, signedIn: SignedIn, displayName: string): void {
  signedInRequests.set(res, signedIn);
  res.locals.user = { ...signedIn.user, displayName };
  res.locals.organisations = signedIn.organisations;
  if (signedIn.context) res.locals.organisation = signedIn.context.organisation;
}

/** The signed-in user and their organisations, or undefined for a visitor. */
export function signedInOf(res: Response): SignedIn | undefined {
  return signedInRequests.get(res);
}

export class SignInRequiredError extends AppError {
  constructor() {
    super('sign_in_required', 401, 'Please sign in to continue.');
  }
}

export class ReadOnlyOrganisationError extends AppError {
  constructor(name: string) {
    super(
      'organisation_read_only',
      409,
      `${name} is disconnected from Xero, so its Ledgerside data is read-only. Reconnect it on the Organisations page to make changes.`,
    );
  }
}

/** The signed-in user; only for routes behind requireSignIn. */
export function signedInUser(res: Response): SignedIn {
  const signedIn = signedInOf(res);
  if (!signedIn) throw new SignInRequiredError();
  return signedIn;
}

/** The request's organisation context; only for routes behind requireOrganisation. */
export function requestContext(res: Response): RequestContext {
  const context = signedInOf(res)?.context;
  if (!context) throw new SignInRequiredError();
  return context;
}

function toSignIn(req: Request, res: Response): void {
  const returnTo = req.method === 'GET' ? localPath(req.originalUrl) : undefined;
  if (returnTo) req.session.returnTo = returnTo;
  res.redirect(303, '/');
}

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (signedInOf(res)) return next();
  toSignIn(req, res);
}

/**
 * The guard of every organisation page, mounted once in app.ts on their paths. Writes to an
 * organisation that is disconnected from Xero are refused: its data stays readable until the user
 * deletes it.
 */
export function requireOrganisation(req: Request, res: Response, next: NextFunction): void {
  const signedIn = signedInOf(res);
  if (!signedIn) return toSignIn(req, res);
  if (!signedIn.context) {
    res.redirect(303, '/organisations');
    return;
  }
  const { organisation } = signedIn.context;
  if (req.method !== 'GET' && req.method !== 'HEAD' && organisation.status === 'disconnected') {
    next(new ReadOnlyOrganisationError(organisation.name));
    return;
  }
  next();
}
