/** The sandbox's own sign-in cookie: who is using the sandbox's pages in this browser. */
import type { Request, Response } from 'express';
import { lifetimes, type IdentityDeps } from './identity-deps.js';
import { deleteSession, getSession, type SandboxSession } from './sessions-repository.js';
import { getUser, listUserOrganisationIds, type SandboxUser } from './users-repository.js';

const COOKIE = 'xero_sandbox_session';

export interface SignedIn {
  session: SandboxSession;
  user: SandboxUser;
}

function cookieValue(req: Request): string | undefined {
  const cookies: unknown = req.cookies;
  if (typeof cookies !== 'object' || cookies === null) return undefined;
  const value: unknown = (cookies as Record<string, unknown>)[COOKIE];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function currentSignIn(deps: IdentityDeps, req: Request): Promise<SignedIn | undefined> {
  const id = cookieValue(req);
  const session = id === undefined ? undefined : await getSession(deps.db, id);
  if (!session) return undefined;
  if (deps.clock.now() > session.createdAt + lifetimes.sessionMs) {
    await deleteSession(deps.db, session.id);
    return undefined;
  }
  const user = await getUser(deps.db, session.userId);
  return user && { session, user };
}

export function setSessionCookie(deps: IdentityDeps, res: Response, session: SandboxSession): void {
  res.cookie(COOKIE, session.id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.issuer.startsWith('https:'),
    path: '/',
  });
}

export async function endSession(deps: IdentityDeps, req: Request, res: Response): Promise<void> {
  const id = cookieValue(req);
  if (id !== undefined) await deleteSession(deps.db, id);
  res.clearCookie(COOKIE, { path: '/' });
}

/** Who is using the sandbox's pages, for pages outside the identity side (the accountant's pages). */
export interface PageVisitor {
  email: string;
  /** The session's token that every form must carry back. */
  csrfToken: string;
  /** The organisations this user may see. */
  tenantIds: string[];
}

export async function currentVisitor(deps: IdentityDeps, req: Request): Promise<PageVisitor | undefined> {
  const signedIn = await currentSignIn(deps, req);
  if (!signedIn) return undefined;
  const tenantIds = await listUserOrganisationIds(deps.db, signedIn.user.id);
  return { email: signedIn.user.email, csrfToken: signedIn.session.csrfToken, tenantIds };
}
