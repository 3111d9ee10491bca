/**
 * A real signed-in session for the load: a user who is a member of a few organisations, a session row in
 * the session store's table and the cookie signed the way express-session signs it (as
 * test/helpers/signed-in.ts does), so every request runs the same session and tenant middleware as a user's.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Database } from '../src/db/database.js';
import { SESSION_COOKIE } from '../src/http/session.js';

const BENCH_EMAIL_DOMAIN = '@bench.example.com';

export async function benchSession(db: Database, secret: string, current: string, alsoMemberOf: string[]): Promise<string> {
  // Left over from an earlier run on a reused file: memberships go with their users.
  await db('users').where('email', 'like', `%${BENCH_EMAIL_DOMAIN}`).delete();
  await db('sessions').delete();

  const userId = randomUUID();
  await db('users').insert({ id: userId, xero_user_id: randomUUID(), email: `load${BENCH_EMAIL_DOMAIN}`, first_name: 'Bench', last_name: 'User' });
  await db('memberships').insert([current, ...alsoMemberOf].map((organisationId) => ({ user_id: userId, organisation_id: organisationId })));

  const sid = randomUUID();
  const expires = new Date(Date.now() + 24 * 3600_000);
  const sess = {
    cookie: { originalMaxAge: 24 * 3600_000, expires: expires.toISOString(), httpOnly: true, path: '/', sameSite: 'lax' },
    userId,
    organisationId: current,
  };
  await db('sessions').insert({ sid, sess: JSON.stringify(sess), expired: expires.toISOString() });
  const signature = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}
