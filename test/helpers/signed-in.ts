/**
 * Signed-in test agents without the OAuth dance (the sign-in flow has its own tests): creates a user,
 * organisations and memberships, writes a real session into the session store's table and signs the
 * cookie the way express-session does.
 */
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import type { Database } from '../../src/db/database.js';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { TEST_SECRETS } from './test-app.js';

export interface TestOrganisation {
  id: string;
  xeroTenantId: string;
  name: string;
}

export async function createTestOrganisation(db: Database, name = `Org ${randomUUID().slice(0, 8)}`, status = 'connected'): Promise<TestOrganisation> {
  const org = { id: randomUUID(), xeroTenantId: randomUUID(), name };
  await db('organisations').insert({
    id: org.id,
    xero_tenant_id: org.xeroTenantId,
    name,
    short_code: '!abc12',
    base_currency: 'AUD',
    country_code: 'AU',
    status,
  });
  return org;
}

export async function createTestUser(
  db: Database,
  organisations: TestOrganisation[],
  email = `${randomUUID().slice(0, 8)}@example.com`,
  options: { role?: 'admin' | 'member'; firstName?: string; lastName?: string } = {},
): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  await db('users').insert({ id, xero_user_id: randomUUID(), email, first_name: options.firstName ?? 'Test', last_name: options.lastName ?? 'User' });
  if (organisations.length) await db('memberships').insert(organisations.map((o) => ({ user_id: id, organisation_id: o.id, role: options.role ?? 'member' })));
  return { id, email };
}

function signedCookie(sid: string): string {
  const signature = createHmac('sha256', TEST_SECRETS.SESSION_SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  userId: string;
  organisations: TestOrganisation[];
  /** The signed session cookie (`name=value`), e.g. to hand to a browser. */
  cookie: string;
  /** A CSRF token valid for this session (read from a rendered form). */
  csrf(): Promise<string>;
}

/** An agent signed in as a new user who is a member (or, with `role: 'admin'`, an admin) of `organisations` (current: the first). */
export async function signedInAgent(
  app: Express,
  db: Database,
  organisations: TestOrganisation[],
  options: { role?: 'admin' | 'member'; firstName?: string; lastName?: string } = {},
): Promise<SignedIn> {
  const user = await createTestUser(db, organisations, undefined, options);
  const sid = randomUUID();
  const expires = new Date(Date.now() + 3600_000);
  const sess = {
    cookie: { originalMaxAge: 3600_000, expires: expires.toISOString(), httpOnly: true, path: '/', sameSite: 'lax' },
    userId: user.id,
    organisationId: organisations[0]?.id,
  };
  await db('sessions').insert({ sid, sess: JSON.stringify(sess), expired: expires.toISOString() });
  const agent = request.agent(app);
  const cookie = signedCookie(sid);
  agent.set('Cookie', cookie);
  return {
    agent,
    cookie,
    userId: user.id,
    organisations,
    async csrf() {
      const page = await agent.get('/dashboard');
      const match = /name="_csrf" value="([^"]+)"/.exec(page.text);
      if (!match?.[1]) throw new Error('no CSRF token found on a signed-in page');
      return match[1];
    },
  };
}
